package extract

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// isZhStart reports whether a Chinese numeral can start at r.
func isZhStart(r rune) bool {
	if r >= 0x10000 || !tbl.zhBits.has(r) {
		return false
	}
	e := tbl.zhNum[r]
	return e.role == zhDigit || e.role == zhUnit || e.role == zhTens || e.role == zhBig
}

func (s *scanner) scanZh() {
	t := s.t
	p := 0
	for p < len(t) {
		c := t[p]
		if c < utf8.RuneSelf {
			switch {
			case isDigit(c):
				p = s.claimZh(p)
			case c == '.' && p+1 < len(t) && isDigit(t[p+1]) && (p == 0 || !isAlnum(t[p-1]) && t[p-1] != '.'):
				p = s.claimZh(p)
			case isLetter(c):
				p = s.skipCode(p)
			default:
				p++
			}
			continue
		}
		r, size := decodeFast(t, p)
		if r >= 0x4E00 && r <= 0x9FFF && !tbl.zhBits.has(r) && r != '第' && r != '半' && r != '对' && r != '對' && r != '翻' {
			p += size // the common case: a Chinese character that is no numeral
			continue
		}
		switch {
		case r == '第':
			// an ordinal: 第一, 第十二条, 第２５０
			q := skipSpaces(t, p+size)
			if n := readZh(t, q); n != nil {
				p = n.end
				continue
			}
		case r == '半':
			p = s.claimHalf(p)
			continue
		case r == '翻':
			// 翻一番 (×2), 翻了两番 (×4), 翻番
			if e, v := fanFan(t, p); e > p {
				s.add(found{start: p, end: e, coreS: p, coreE: e, kind: Multiple, val: v})
				p = e
				continue
			}
		case r == '对' || r == '對':
			if hasPrefixAt(t, p+size, "折") {
				s.add(found{start: p, end: p + size + len("折"), coreS: p, coreE: p + size + len("折"),
					kind: Percent, val: ratInt(50)})
				p += size + len("折")
				continue
			}
		case r < 0x3000 && !isHan(r):
			// other scripts and symbols
		case isZhStart(r):
			p = s.claimZh(p)
			continue
		}
		p += size
	}
}

// fanFan reads 翻一番, 翻了两番, 翻番 at p: the figure doubled n times.
func fanFan(t string, p int) (int, *big.Rat) {
	q := p + len("翻")
	if hasPrefixAt(t, q, "了") {
		q += len("了")
	}
	if hasPrefixAt(t, q, "番") {
		return q + len("番"), ratInt(2)
	}
	n := readZhInt(t, q)
	if n == nil || n.seq || !n.val.IsInt() || n.val.Sign() <= 0 || n.val.Cmp(ratInt(10)) > 0 || !hasPrefixAt(t, n.end, "番") {
		return p, nil
	}
	v := new(big.Int).Exp(big.NewInt(2), n.val.Num(), nil)
	return n.end + len("番"), new(big.Rat).SetInt(v)
}

// zhWordAt returns the length of a word written with numerals that is not a
// figure (统一, 一些, 十分) starting at p, or 0. A word followed by a unit is
// a figure after all (千万元).
func (s *scanner) zhWordAt(p int) int {
	t := s.t
	w, ok := tbl.zhWordIx.prefixAt(t, p)
	if !ok {
		return 0
	}
	e := p + len(w)
	if u, ue := zhUnitAt(t, e); ue > 0 && (u.kind == "money" || u.kind == "measure" && u.unit != "year") {
		return 0
	}
	if _, ok := fracTail(t, e); ok {
		return 0 // 千万分之六
	}
	return e - p
}

// zhWordCovers reports whether a word written with numerals ends inside the
// number at p (统一: the 一 of 统一零售价 belongs to the word).
func (s *scanner) zhWordCovers(p int) bool {
	t := s.t
	for b := p - 1; b >= 0 && b >= p-tbl.zhWordMax; b-- {
		if !utf8.RuneStart(t[b]) {
			continue
		}
		if r, _ := decodeFast(t, b); !tbl.zhWordFirst.has(r) {
			continue
		}
		for e := p + 1; e <= len(t) && e <= b+tbl.zhWordMax; e++ {
			if e < len(t) && !utf8.RuneStart(t[e]) {
				continue
			}
			if tbl.zhWord[t[b:e]] {
				return true
			}
		}
	}
	return false
}

// claimHalf reads 一半-less forms starting with 半: 半个 (0.5), 半成 (5%),
// 半折 (50%).
func (s *scanner) claimHalf(p int) int {
	t := s.t
	q := p + len("半")
	switch {
	case hasPrefixAt(t, q, "成"):
		e := q + len("成")
		s.add(found{start: p, end: e, coreS: p, coreE: e, kind: Percent, val: ratInt(5)})
		return e
	case hasPrefixAt(t, q, "折"):
		e := q + len("折")
		s.add(found{start: p, end: e, coreS: p, coreE: e, kind: Percent, val: ratInt(50)})
		return e
	case !hasPrefixAt(t, q, "个") && !hasPrefixAt(t, q, "個"):
		// 半斤, 半小时, 半吨: half a unit
		if u, ue := zhUnitAt(t, q); ue > 0 && u.kind == "measure" && !s.inQuote(p, ue) {
			if w := s.zhWordAt(p); w > 0 {
				return p + w
			}
			f := found{start: p, end: ue, coreS: p, coreE: q, kind: Measure, val: big.NewRat(1, 2), unit: u.unit}
			s.finishZh(&f, &number{start: p, end: q}, p, false)
			return ue
		}
	case hasPrefixAt(t, q, "个") || hasPrefixAt(t, q, "個"):
		e := q + len("个")
		if s.whole(p, e) {
			s.add(found{start: p, end: e, coreS: p, coreE: q, kind: Count, val: big.NewRat(1, 2)})
		}
		return e
	}
	return q
}

// zhQualBefore finds a qualifier ending at p (约, 超过, 至少, 近), allowing a
// filler (了, 是, 有, 达) between it and the number. It returns the
// qualifier and where it starts.
func zhQualBefore(t string, p int) (Qualifier, int) {
	for p > 0 && t[p-1] == ' ' {
		p--
	}
	for _, fill := range []string{"", "了", "是", "有", "达", "為", "为", "在", "占", "有约"} {
		q := p
		if fill != "" {
			if !endsWith(t, q, fill) {
				continue
			}
			q -= len(fill)
		}
		if w, ok := tbl.zhQualIx.suffixAt(t, q); ok {
			return tbl.qual["zh/before"][w], q - len(w)
		}
	}
	return "", p
}

// zhChangeBefore finds a change word before p (下降2.1%, 增长了3.2%,
// 同比下降约2%) and returns its direction; 0 when there is none or when the
// figure is the new level (下降到2.1%, 降至, 降为).
func zhChangeBefore(t string, p int) int {
	q := p
	for _, fill := range []string{"了", "约", "了约", "近", "超过", "平均", "均"} {
		_ = fill
	}
	// skip qualifiers and fillers
	for i := 0; i < 3; i++ {
		moved := false
		for _, fill := range []string{"了", "约", "近", "超过", "平均", "均", "达", "逾"} {
			if endsWith(t, q, fill) {
				q -= len(fill)
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	if w, ok := tbl.zhChangeIx.suffixAt(t, q); ok {
		return tbl.change["zh"][w]
	}
	return 0
}

// zhBeforeCode reports whether a code word (电话, 邮编, 编号) stands right
// before p.
func zhBeforeCode(t string, p int) bool {
	q := p
	for q > 0 && (t[q-1] == ' ' || t[q-1] == ':') {
		q--
	}
	if endsWith(t, q, "：") {
		q -= len("：")
	}
	_, ok := tbl.zhBeforeIx.suffixAt(t, q)
	return ok
}

func (s *scanner) claimZh(p int) int {
	t := s.t
	if w := s.zhWordAt(p); w > 0 {
		return p + w
	}
	// the commonest figures (digits, 6.6万) are read into the scanner's own
	// number; claimZh keeps no pointer to it past its return
	n := readZhFast(t, p, &s.num)
	if n == nil {
		n = readZh(t, p)
	}
	if n == nil {
		if isDigit(t[p]) {
			return codeRunEnd(t, p) // a run too long to be a figure
		}
		_, size := utf8.DecodeRuneInString(t[p:])
		return p + max(size, 1)
	}
	next := n.end
	if next <= p {
		next = p + 1
	}
	if n.zh && s.zhWordCovers(p) {
		return next
	}
	// digit-by-digit Chinese: a year (二〇二一年), a code, a name (十四五);
	// a figure only as a discount (九五折).
	if n.seq {
		if hasPrefixAt(t, skipSpaces(t, n.end), "折") && len(n.seqVal) == 2 {
			e := skipSpaces(t, n.end) + len("折")
			s.add(found{start: p, end: e, coreS: p, coreE: n.end, kind: Percent, val: n.val})
			return e
		}
		return next
	}
	f := found{start: p, end: n.end, coreS: p, coreE: n.end, val: n.val, kind: Count}
	if n.coreStart > 0 {
		f.coreS = n.coreStart
	}
	whole := false

	// --- what stands before the number
	start := signBefore(t, p)
	neg := start < p
	if neg {
		f.start = start
		if n.coreStart == 0 {
			f.coreS = start
		}
	}
	if r, _ := lastRune(t, p); r == '第' {
		return next
	}
	if p > 0 && isLetter(t[p-1]) && n.digits {
		// glued to letters: a code (A2021, LGA1156), unless a currency code
		q := p
		for q > 0 && isLetter(t[q-1]) {
			q--
		}
		if _, ok := tbl.enCurPrefix[strings.ToLower(t[q:p])]; !ok {
			return next
		}
	}
	if s.inQuote(p, n.end) {
		return next
	}
	if s.listMarker(p, n.end, n.val) {
		return next // 十一、加强组织领导; 1.完善救助体系; （2）
	}
	if zhBeforeCode(t, p) || zhCodeChain(t, p) {
		return codeRunEnd(t, p)
	}
	// vague magnitudes: 数千, 几十万, 上万, 成千上万
	if n.zh && !n.digits {
		if r, _ := lastRune(t, p); r == '数' || r == '數' || r == '几' || r == '幾' || r == '上' || r == '成' {
			if e, _, _ := zhAt(t, p); e.role == zhUnit || e.role == zhBig {
				return next // 数十, 上万, 成千上万
			}
		}
	}
	// a rank: 前三, 前10名, 位居前列
	if r, _ := lastRune(t, start); r == '前' && !n.digits && !zhNotRankBefore(t, start) {
		return next
	}
	if n.dotted || n.lead0 && n.intDigits >= 4 {
		return codeRunEnd(t, p)
	}
	if n.digits && !n.zh {
		if codeAfter(t, n.end, "zh") {
			return next
		}
		b, a := joinedGroups(t, p, n.end, '-')
		if b+a >= 2 || (b+a == 1 && n.lead0) {
			return codeRunEnd(t, p) // a date (2022-01-24), phone (023-6789...) or code
		}
		b, a = joinedGroups(t, p, n.end, '/')
		if b+a >= 2 {
			return codeRunEnd(t, p)
		}
		// a year in a document number: 〔2023〕18号, [2023]
		if n.plain && n.intDigits == 4 {
			if r, _ := lastRune(t, p); r == '〔' || r == '[' || r == '【' || r == '(' {
				if r2, _ := runeAt(t, n.end); r2 == '〕' || r2 == ']' || r2 == '】' || r2 == ')' {
					return next
				}
			}
		}
	}

	q := n.end
	// --- ratio or clock time
	if v, e, isTime := readRatio(t, n); isTime {
		return e
	} else if v != nil {
		f.end, f.coreE = e, e
		f.kind, f.val = Ratio, v
		s.finishZh(&f, n, p, neg)
		return e
	}

	// --- multipliers written with letters after digits: 40k, 30w
	if n.digits && !n.zh && q < len(t) && isLetter(t[q]) {
		r := q
		for r < len(t) && isLetter(t[r]) {
			r++
		}
		if m, ok := lookupMult("zh", t[q:r], true); ok {
			f.val = ratMul(f.val, m.factor)
			n.scaled = true
			n.bigMult = m.factor
			q = r
			f.end, f.coreE = q, q
		}
	}
	// 两个亿: a classifier between the numeral and its multiplier
	if (hasPrefixAt(t, q, "个") || hasPrefixAt(t, q, "個")) && n.val.IsInt() {
		if e2, _, sz := zhAt(t, q+len("个")); e2.role == zhBig {
			f.val = ratMul(f.val, e2.val)
			q += len("个") + sz
			n.scaled, n.single = true, false
			f.end, f.coreE = q, q
		}
	}

	// 一半: half of a whole
	if n.one && hasPrefixAt(t, q, "半") {
		nr, _ := runeAt(t, q+len("半"))
		if !strings.ContainsRune("个個年天月日小斤吨米公", nr) {
			e := q + len("半")
			f.end, f.coreE, f.kind, f.val = e, e, Percent, ratInt(50)
			s.finishZh(&f, n, p, false)
			return e
		}
	}
	// --- percent forms after the number: 八成, 两成半, 七成六, 九折
	if pv, e, ok := zhPercentTail(t, q, n); ok {
		f.end, f.kind, f.val = e, Percent, pv
		if neg {
			f.val = new(big.Rat).Neg(f.val)
		}
		// 三成多, 六成余: more than
		if r, size := runeAt(t, e); (r == '多' || r == '余' || r == '餘') && endsWith(t, e, "成") {
			if nr, _ := runeAt(t, e+size); nr != '数' && nr != '數' && nr != '年' {
				f.end, f.qual = e+size, MoreThan
			}
		}
		s.finishZh(&f, n, p, false)
		return e
	}

	// --- an approximation between the number and its unit: 3800余名, 300多家
	qualInside := Qualifier("")
	if n.approx {
		qualInside = MoreThan
	}
	if r, size := runeAt(t, q); r == '余' || r == '餘' || r == '多' || r == '几' || r == '幾' || r == '来' || r == '來' {
		_, ue := zhUnitAt(t, q+size)
		nr, _ := runeAt(t, q+size)
		if ue > 0 || (!isHan(nr) && !(r == '来' || r == '來')) {
			if !(r == '来' || r == '來') || ue > 0 {
				qualInside = tbl.qual["zh/inside"][string(r)]
				q += size
				f.end = q
			}
		}
	}

	// --- the unit
	u, ue, val2, e2 := s.zhUnitTail(q, f.val, p)
	if ue > 0 && u.kind == "session" && hasPrefixAt(t, q, "大") && endsWith(t, start, "比") {
		u, ue, val2, e2 = unitEntry{}, 0, f.val, q // 比三十大: a comparison
	}
	if ue > 0 {
		switch u.kind {
		case "date", "time", "session", "ordinal":
			return ue
		}
		if u.unit == "year" && u.kind == "measure" && !strings.HasPrefix(t[q:ue], "余") {
			if n.plain && n.intDigits == 4 && n.val.Cmp(ratInt(1000)) >= 0 && n.val.Cmp(ratInt(2999)) <= 0 {
				return ue // a year: 2021年
			}
		}
		f.val = val2
		f.end = e2
		q = e2
		// 3000名余: the approximation written after the classifier
		if r, size := runeAt(t, q); (r == '余' || r == '餘') && qualInside == "" && u.kind == "count" {
			if nr, _ := runeAt(t, q+size); !isHan(nr) {
				qualInside = MoreThan
				q += size
				f.end = q
			}
		}
	}
	// a year range: 2021-2025年, 2021—2025年
	if n.plain && n.intDigits == 4 {
		if r, size := runeAt(t, q); r == '-' || r == '—' || r == '–' || r == '至' || r == '到' || r == '~' {
			if m := readZh(t, q+size); m != nil && m.plain && m.intDigits == 4 && hasPrefixAt(t, m.end, "年") {
				return m.end + len("年")
			}
		}
	}

	// --- a range: 3至5万元, 3-5万, 20~100个, 5.6到5.78元, 三五百 (a pair)
	e, ok := s.zhRange(&f, n, q, u, ue > 0)
	if !ok && e > 0 {
		return e // 1-6月, 9-17时: a range of dates or times
	}
	if ok {
		if neg {
			f.val = new(big.Rat).Neg(f.val)
		}
		f.qual = Range
		s.finishZh(&f, n, p, false)
		return e
	}
	if n.max != nil && !n.frac {
		f.max = new(big.Rat).Mul(n.max, new(big.Rat).Quo(f.val, n.val))
		f.qual = Range
	}
	// a rate: 1120元/人/月
	if ue > 0 && q < len(t) && t[q] == '/' && (u.kind == "money" || u.kind == "count" || u.kind == "measure") {
		unit := u.unit
		if unit == "" {
			unit = strings.TrimSpace(t[q-(ue-q) : q])
		}
		r := q
		parts := 0
		for r < len(t) && t[r] == '/' && parts < 3 {
			u2, e2 := zhUnitAt(t, r+1)
			if e2 == 0 {
				break
			}
			name := u2.unit
			if name == "" {
				name = tbl.zhRateBase[t[r+1:e2]]
			}
			if name == "" {
				name = t[r+1 : e2]
			}
			unit += "/" + name
			r = e2
			parts++
		}
		if parts > 0 {
			u = unitEntry{kind: "rate", unit: unit}
			q, f.end = r, r
		}
	}

	if ue > 0 {
		f.kind = u.claimKind()
		f.unit = u.unit
	}
	// a currency written before the number: 人民币3.14, 港币3.14, ¥300
	if f.kind == Count && f.unit == "" {
		if cu, cs := zhCurrencyBefore(t, start); cs < start {
			f.kind, f.unit = Money, cu.unit
			f.start = cs
			if ue == 0 {
				f.end = q
			}
		}
	}
	if n.frac {
		if ue == 0 || u.kind == "count" && u.unit == "" && f.kind == Count {
			f.kind = Percent
			f.val = ratMul(f.val, 100)
			f.unit = ""
		}
	}
	if qualInside != "" && f.qual != Range {
		f.qual = qualInside
	}

	// --- figures that are not claims
	whole = s.whole(min(p, f.start), f.end)
	if !whole {
		// 每千名老年人, 每万人, 每百户: the base of a rate, not a figure
		if f.kind == Count && f.max == nil && endsWith(t, start, "每") && powerOfTen(f.val) {
			return f.end
		}
		if n.formal && n.single {
			return next
		}
		if n.single && ue == 0 && !n.frac {
			return next // a lone numeral: 五社联动, 一肩挑, “一”
		}
		if n.one && ue > 0 && !n.frac {
			switch u.kind {
			case "money", "percent", "multiple", "percent_points":
			case "measure":
				if isDuration(u.unit) {
					return f.end
				}
			default:
				return f.end // 一个, 一项, 一名: an article, not a figure
			}
		}
		if n.plain && ue == 0 && n.intDigits >= 11 {
			return next // a phone, ID or order number
		}
		if n.plain && ue == 0 && zhHotline(t, n.end, f.val) {
			return next // 12345政务服务便民热线, 拨打12349
		}
		if n.plain && ue == 0 {
			// 120急救, 110报警: a number named by what it is for
			if _, ok := tbl.zhAfterCodeIx.prefixAt(t, n.end); ok {
				return next
			}
			// 联系人：张先生，87651234: a bare telephone number
			if n.intDigits >= 7 && s.phoneSentence() {
				if r, _ := runeAt(t, n.end); !isHan(r) {
					return next
				}
			}
		}
		// 三年行动计划: the name of a plan, not a duration
		if ue > 0 && u.kind == "measure" && u.unit == "year" {
			if _, ok := tbl.zhPlanIx.prefixAt(t, f.end); ok {
				return f.end
			}
		}
		// 7×24小时: round the clock
		if e := timesPair(t, n.end); e > 0 {
			return e
		}
	}
	if n.coreStart == 0 {
		f.coreE = max(f.coreE, n.end)
	}
	if neg {
		f.val = new(big.Rat).Neg(f.val)
	}
	s.finishZh(&f, n, p, neg)
	return f.end
}

// zhNotRankBefore reports whether the 前 that ends right before p belongs to
// a word that is no rank (目前三成多, 此前两年).
func zhNotRankBefore(t string, p int) bool {
	b := p - len("前")
	if b < 0 {
		return false
	}
	r, size := decodeLastFast(t, b)
	return size > 0 && tbl.zhNotRank[string(r)+"前"]
}

// zhCodeChain reports whether the number at p follows a code number that a
// code word introduced (拨打110或120, 电话：87651234、87651235).
func zhCodeChain(t string, p int) bool {
	q := p
	skipped := false
	for i := 0; i < 3; i++ {
		r, size := decodeLastFast(t, q)
		switch r {
		case '或', '和', '、', '，', ',', '/', ' ':
			q -= size
		default:
			return false
		}
		for q > 0 && t[q-1] == ' ' {
			q--
		}
		// a code number and what names it (110报警)
		b := q
		for b > 0 && !isDigit(t[b-1]) && b > q-12 {
			r, size := decodeLastFast(t, b)
			if !isHan(r) {
				break
			}
			b -= size
		}
		e := b
		for b > 0 && (isDigit(t[b-1]) || t[b-1] == '-') {
			b--
		}
		if b == e {
			return false
		}
		skipped = true
		q = b
		if zhBeforeCode(t, q) {
			return skipped
		}
	}
	return false
}

// phoneSentence reports whether the sentence speaks of telephones: a bare
// run of seven or more digits in it is then a number to call. The answer
// is computed once per sentence.
func (s *scanner) phoneSentence() bool {
	if s.phone == 0 {
		s.phone = -1
		for _, w := range tbl.zhPhoneWords {
			if strings.Contains(s.t, w) {
				s.phone = 1
				break
			}
		}
	}
	return s.phone > 0
}

// timesPair returns the end of "×24" after a number ending at e (7×24小时,
// 24*7: round the clock, or a size), or 0.
func timesPair(t string, e int) int {
	q := e
	switch {
	case hasPrefixAt(t, q, "×"):
		q += len("×")
	case q < len(t) && t[q] == '*':
		q++
	default:
		return 0
	}
	q = skipSpaces(t, q)
	if q >= len(t) || !isDigit(t[q]) {
		return 0
	}
	for q < len(t) && (isDigit(t[q]) || t[q] == '.' && q+1 < len(t) && isDigit(t[q+1])) {
		q++
	}
	return q
}

// zhHotline reports whether the plain number v ending at e names a
// telephone hotline: the noun after it is a 热线 or 专线 (12345政务服务便民
// 热线), or it is a five-digit public service number 123xx (12345, 12349,
// 12315) with no classifier.
func zhHotline(t string, e int, v *big.Rat) bool {
	if intIn(v, 12300, 12399) {
		return true
	}
	q := e
	for runes := 0; q < len(t) && runes < 12; runes++ {
		if hasPrefixAt(t, q, "热线") || hasPrefixAt(t, q, "熱線") || hasPrefixAt(t, q, "专线") || hasPrefixAt(t, q, "專線") {
			return true
		}
		r, size := decodeFast(t, q)
		if !isHan(r) {
			return false
		}
		q += size
	}
	return false
}

// powerOfTen reports whether v is 10, 100, 1000 ... (the base of a rate:
// 每千名, per 1,000).
func powerOfTen(v *big.Rat) bool {
	if !v.IsInt() || v.Sign() <= 0 {
		return false
	}
	s := v.Num().String()
	return len(s) > 1 && s[0] == '1' && strings.Trim(s[1:], "0") == ""
}

func isDuration(unit string) bool {
	switch unit {
	case "year", "month", "week", "day", "hour", "minute", "second", "working_day":
		return true
	}
	return false
}

// zhCurrencyBefore finds a currency written right before p (人民币, ¥).
func zhCurrencyBefore(t string, p int) (unitEntry, int) {
	q := p
	for q > 0 && t[q-1] == ' ' {
		q--
	}
	for k := min(q, tbl.zhCurMax); k > 0; k-- {
		if !utf8.RuneStart(t[q-k]) {
			continue
		}
		if u, ok := tbl.zhCurPrefix[t[q-k:q]]; ok {
			return u, q - k
		}
	}
	return unitEntry{}, p
}

// zhJiaoFen reads the 角 and 分 of an amount after 元 or 块 (1角1分, 三毛,
// 六角七分, 零壹分) or the 分 after 角 (两角五分), and the spoken
// 一块二 (1.2), 三块零四 (3.04), 两毛五 (0.25). afterJiao is set when the
// amount so far ends in 角 or 毛.
func zhJiaoFen(t string, p int, afterJiao bool) (*big.Rat, int) {
	v := new(big.Rat)
	q := p
	zero := false
	if hasPrefixAt(t, q, "零") {
		q += len("零")
		zero = true
	}
	jiao, fen := afterJiao, false
	got := false
	for i := 0; i < 2 && !fen; i++ {
		n := readZhInt(t, q)
		if n == nil || n.seq || !n.val.IsInt() || n.val.Cmp(ratInt(9)) > 0 || n.val.Sign() < 0 || n.digits && !n.plain {
			break
		}
		r, size := runeAt(t, n.end)
		switch {
		case (r == '角' || r == '毛' || r == '毫') && !jiao && !zero:
			v.Add(v, new(big.Rat).Quo(n.val, ratInt(10)))
			jiao, got = true, true
			q = n.end + size
			continue
		case r == '分' || r == '仙':
			v.Add(v, new(big.Rat).Quo(n.val, ratInt(100)))
			fen, got = true, true
			q = n.end + size
			continue
		}
		// spoken, without the last unit: 一块二, 两毛五, 三块零四
		if n.single && !n.formal && !isZhStart(r) {
			if _, ue := zhUnitAt(t, n.end); ue == 0 {
				div := int64(10)
				if jiao || zero {
					div = 100
				}
				v.Add(v, new(big.Rat).Quo(n.val, ratInt(div)))
				return v, n.end
			}
		}
		break
	}
	if !got {
		return new(big.Rat), p
	}
	if hasPrefixAt(t, q, "钱") {
		q += len("钱")
	}
	return v, q
}

// zhPercentTail reads 成 and 折 after a number: 八成 (80%), 两成半 (25%),
// 七成六 (76%), 9.5成, 九折 (90%), 75折, 三点一折 (31%).
func zhPercentTail(t string, q int, n *number) (*big.Rat, int, bool) {
	r0 := skipSpaces(t, q)
	if n.frac || n.approx || n.scaled || n.val.Sign() <= 0 {
		return nil, 0, false
	}
	switch {
	case hasPrefixAt(t, r0, "成"):
		e := r0 + len("成")
		if n.val.Cmp(ratInt(10)) > 0 {
			return nil, 0, false
		}
		nr, _ := runeAt(t, e)
		if strings.ContainsRune(zhChengWords, nr) {
			return nil, 0, false
		}
		// 两成家庭 and 三成人口 are shares; 成家立业 and 成人 are words
		if nr2, _ := runeAt(t, e+len("家")); nr == '家' && strings.ContainsRune("立了", nr2) ||
			nr == '人' && !strings.ContainsRune("口员員群", nr2) {
			return nil, 0, false
		}
		v := ratMul(n.val, 10)
		if hasPrefixAt(t, e, "半") {
			v.Add(v, ratInt(5))
			e += len("半")
		} else {
			// 七成六, 七成 六
			r := skipSpaces(t, e)
			if d, _, size := zhAt(t, r); d.role == zhDigit && !d.formal {
				after, _ := runeAt(t, r+size)
				if e2, _, _ := zhAt(t, r+size); e2.role == zhNone && !strings.ContainsRune("成折个", after) {
					if _, ue := zhUnitAt(t, r+size); ue == 0 {
						v.Add(v, ratInt(d.val))
						e = r + size
					}
				}
			}
		}
		return v, e, true
	case hasPrefixAt(t, r0, "折"):
		e := r0 + len("折")
		nr, _ := runeAt(t, e)
		if strings.ContainsRune("合算旧扣线叠射腰服返价现", nr) {
			return nil, 0, false
		}
		if n.val.Cmp(ratInt(10)) < 0 {
			return ratMul(n.val, 10), e, true
		}
		if n.val.IsInt() && n.val.Cmp(ratInt(100)) < 0 && n.digits {
			return n.val, e, true // 75折
		}
		return nil, 0, false
	}
	return nil, 0, false
}

// Characters that make 成 after a number part of another word (3成为, 建成).
const zhChengWords = "为為立功效本果员員熟都绩績交长長型就品分套批片年材才真全像活形风風事语語婚文名群药堆串行倍组組败敗色"

// zhRateBase names what a rate is per (元/人/月, 每人每月): a unit of
// zh_units.tsv by its own name, any other word from zh_rate_bases.tsv.
func zhRateBase(w string) string {
	if u, ok := tbl.zhUnits[w]; ok && u.unit != "" && (u.kind == "measure" || u.kind == "count") {
		return u.unit
	}
	return tbl.zhRateBase[w]
}

// zhRatePrefix reads the bases written before an amount (每人每月1050元,
// 每户每年, 每吨) backwards from p. It returns them in written order and
// where the first 每 starts, or p when there is none.
func zhRatePrefix(t string, p int) ([]string, int) {
	var names []string
	for len(names) < 3 {
		found := false
		// the longest base word that ends at p and follows 每
		q := p
		for range 3 {
			_, size := lastRune(t, q)
			if size == 0 {
				break
			}
			q -= size
			if name := zhRateBase(t[q:p]); name != "" && endsWith(t, q, "每") {
				names = append([]string{name}, names...)
				p = q - len("每")
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	return names, p
}

// zhUnitTail reads what follows a number (whose value is val) at q: its
// unit, a half after it (两米半), the 角 and 分 of an amount (123元1角1分),
// 整 (壹拾壹元整) and a currency named after 元 (9000元日币). It returns the
// unit, where the unit word ends (0 when there is none), the value and
// where the tail ends.
func (s *scanner) zhUnitTail(q int, val *big.Rat, p int) (unitEntry, int, *big.Rat, int) {
	t := s.t
	u, ue := zhUnitAt(t, q)
	if ue == 0 {
		return u, 0, val, q
	}
	word := t[q:ue]
	switch word {
	case "块", "塊":
		// 块 is money (7块, 十块三毛, 3.04块) unless it counts pieces
		nr, _ := runeAt(t, ue)
		if nr == '钱' || nr == '錢' || nr == '毛' || nr == '角' || isZhStart(nr) || !val.IsInt() || s.whole(p, ue) {
			u = unitEntry{kind: "money", unit: "yuan"}
		}
	}
	if u.mult != nil {
		val = new(big.Rat).Mul(val, u.mult)
	}
	end := ue
	if u.kind == "money" && u.unit == "yuan" {
		// 元角分: 123元1角1分, 五元三毛, 十块三毛, 三块零四, 一块二
		jiao := word == "角" || word == "毛"
		if v, e := zhJiaoFen(t, end, jiao); e > end {
			val = new(big.Rat).Add(val, v)
			end = e
		}
		if hasPrefixAt(t, end, "整") || hasPrefixAt(t, end, "正") {
			end += len("整")
		}
		// a currency after 元: 9000元日币, 三万元欧元
		if u2, e2 := zhUnitAt(t, end); e2 > 0 && u2.kind == "money" && u2.unit != "yuan" {
			u = u2
			end = e2
		}
	}
	// a half after the unit: 两米半, 三斤半, 一个半小时
	if hasPrefixAt(t, end, "半") && val.IsInt() && (u.kind == "measure" || u.kind == "count" || u.kind == "money") {
		end += len("半")
		val = new(big.Rat).Add(val, big.NewRat(1, 2))
		if u.unit == "" {
			if u2, e2 := zhUnitAt(t, end); e2 > 0 && (u2.kind == "measure" || u2.kind == "money") {
				u = u2
				end = e2
			}
		}
	}
	return u, ue, val, end
}

// zhRange reads the second end of a range after the first number (and its
// unit, when present) at q: 3至5万元, 3-5万, 5.6到5.78元, 10000与20000之间.
func (s *scanner) zhRange(f *found, n *number, q int, u unitEntry, hasUnit bool) (int, bool) {
	t := s.t
	r := skipSpaces(t, q)
	if hasPrefixAt(t, r, "(含)") {
		r += len("(含)") // 1万(含)-5万元
	}
	conn := 0
	between := false
	for {
		c, size := runeAt(t, r+conn)
		if c == '至' || c == '到' || c == '~' || c == '～' || c == '〜' || c == '-' || c == '—' || c == '–' || c == '－' || c == '−' {
			conn += size
			if c == '至' || c == '到' {
				break
			}
			continue
		}
		if conn == 0 && (c == '与' || c == '和' || c == '及') {
			conn, between = size, true
		}
		break
	}
	if conn == 0 {
		return 0, false
	}
	r2 := skipSpaces(t, r+conn)
	m := readZhSigned(t, r2)
	if m == nil || m.seq || m.frac || m.dotted {
		return 0, false
	}
	if m.plain && n.plain && m.intDigits == 4 && n.intDigits == 4 && hasPrefixAt(t, m.end, "年") {
		return 0, false
	}
	e := m.end
	lo := new(big.Rat).Set(f.val)
	hi := new(big.Rat).Set(m.val)
	u2, ue2, hi2, e2 := s.zhUnitTail(m.end, m.val, r2)
	if between && (hasPrefixAt(t, m.end, "之间") || hasPrefixAt(t, m.end, "间")) {
		u2, ue2 = unitEntry{}, 0
	}
	if pv, pe, ok := zhPercentTail(t, m.end, m); ok && !hasUnit {
		// 两到三成
		hi = pv
		lo = ratMul(lo, 10)
		e = pe
		u2, ue2 = unitEntry{kind: "percent"}, pe
	} else if ue2 > 0 {
		switch u2.kind {
		case "date", "time", "session", "ordinal":
			if !hasUnit {
				return ue2, false // the first end is a date too (1-6月)
			}
			return 0, false
		}
		hi, e = hi2, e2
	}
	if hasUnit && ue2 > 0 && (u2.kind != u.kind || u2.unit != u.unit) {
		return 0, false
	}
	if !hasUnit && ue2 == 0 && !m.scaled && !n.scaled {
		// two bare numbers joined by dashes: a range, never a code (3-4-5)
		if r, _ := runeAt(t, e); r == '-' || r == '—' {
			return 0, false
		}
	}
	unit := u
	if !hasUnit {
		unit = u2
		if ue2 == 0 {
			unit = unitEntry{}
		}
		// the second end's multipliers apply to the first when it has none:
		// 3至5万 = 30000-50000, 十八至三十万, 两到三千, 5-20%
		if !n.scaled && n.smallMult == 0 || !n.scaled && m.bigMult > 0 {
			switch {
			case m.bigMult > 0:
				if x := ratMul(lo, m.bigMult); x.Cmp(hi) < 0 {
					lo = x
				}
			case m.smallMult > 0 && n.single:
				if x := ratMul(lo, m.smallMult); x.Cmp(hi) < 0 {
					lo = x
				}
			}
		}
		if u2.mult != nil {
			lo.Mul(lo, u2.mult)
		}
	}
	if between {
		// 10000与20000之间: 与 and 和 join a range only before 之间
		switch {
		case hasPrefixAt(t, e, "之间"):
			f.outE = e + len("之间")
		case hasPrefixAt(t, e, "间"):
			f.outE = e + len("间")
		default:
			return 0, false
		}
		for _, w := range []string{"位于", "介于", "在"} {
			if endsWith(t, f.start, w) {
				f.outS = f.start - len(w)
				break
			}
		}
	}
	if lo.Cmp(hi) >= 0 {
		return 0, false
	}
	f.val, f.max = lo, hi
	f.end, f.coreE = e, m.end
	f.kind = unit.claimKind()
	f.unit = unit.unit
	return e, true
}

// finishZh attaches qualifiers, the sign of a change and the context, and
// records the claim.
func (s *scanner) finishZh(f *found, n *number, p int, neg bool) {
	t := s.t
	start := min(f.start, p)
	if f.outE == 0 {
		f.outS, f.outE = start, f.end
	}
	// qualifier before the number
	if q, qs := zhQualBefore(t, start); q != "" {
		if f.qual == "" || f.qual == Exact {
			f.qual = q
		}
		f.outS = min(f.outS, qs)
	}
	// a rate whose bases come first: 每人每月1050元, 每吨不超过3元
	if (f.kind == Money || f.kind == Measure) && !strings.Contains(f.unit, "/") {
		if names, ps := zhRatePrefix(t, min(f.outS, start)); len(names) > 0 {
			f.kind = Rate
			f.unit += "/" + strings.Join(names, "/")
			f.outS = ps
		}
	}
	// qualifier after: 以上, 左右, 以内
	if w, ok := tbl.zhAfterQualIx.prefixAt(t, f.end); ok {
		if f.qual == "" || f.qual == Exact || f.qual == Approx {
			f.qual = tbl.qual["zh/after"][w]
		}
		f.outE = max(f.outE, f.end+len(w))
	}
	// a comparison: 比三十大, 比 170 低
	if endsWith(t, start, "比") {
		r, size := runeAt(t, f.end)
		switch r {
		case '大', '多', '高', '长', '長':
			f.qual, f.outS, f.outE = MoreThan, start-len("比"), f.end+size
		case '小', '少', '低', '短':
			f.qual, f.outS, f.outE = LessThan, start-len("比"), f.end+size
		}
	}

	// a change: 下降2.1% is -2.1, 下降到2.1% is 2.1
	if !neg {
		qs := start
		if f.outS < qs {
			qs = f.outS
		}
		if d := zhChangeBefore(t, qs); d < 0 && f.val.Sign() > 0 {
			f.val = new(big.Rat).Neg(f.val)
			if f.max != nil {
				lo, hi := new(big.Rat).Neg(f.max), new(big.Rat).Neg(f.val)
				f.val, f.max = lo, new(big.Rat).Neg(hi)
				f.val, f.max = new(big.Rat).Neg(f.max), new(big.Rat).Neg(new(big.Rat).Neg(lo))
			}
		}
	}
	if f.kind == "" {
		f.kind = Count
	}
	s.add(*f) // the context is found later, with gse's words when there are some
}
