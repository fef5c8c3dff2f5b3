package extract

import (
	"math/big"
	"unicode/utf8"
)

// number is a figure's numeric core as read from the text, before units and
// qualifiers are attached.
type number struct {
	start, end int // bytes in the folded text
	val        *big.Rat
	max        *big.Rat // upper end when the numeral itself is a range (三五百)

	zh     bool // contains Chinese numerals
	digits bool // contains Arabic digits
	words  bool // English number words

	plain     bool // Arabic integer without separators, point or multiplier
	intDigits int
	lead0     bool
	dotted    bool // 1.2.3, 192.168.1.2
	single    bool // one Chinese numeral character (一, 两, 十)
	one       bool // the value one written 一 or one
	formal    bool // only financial numerals (壹, 拾)
	seq       bool // Chinese digits read one by one (二〇二一) or malformed (十四五)
	approx    bool // 余/多/几 inside a multiplier (500余万, 十几万)
	frac      bool // a fraction of a whole (三分之二, two thirds, 3/4)
	mixed     bool // a whole number and a fraction (2 1/4, 三又三分之一)
	scaled    bool // a multiplier was applied (万, million, k)
	bigMult   int64
	smallMult int64 // trailing 十/百/千 with nothing after it
	seqVal    string
	coreStart int // where the figure itself starts when a prefix leads (百分之八十), else 0
}

// Words that begin with a numeral character but name a unit: the numeral
// reader stops before them (3千米 is 3 km, not 3000 米).
var zhUnitStops = []string{"千克", "千瓦", "千卡", "千帕", "千焦", "千伏", "百分点", "百分點",
	"兆瓦", "兆赫", "兆字节", "兆帕", "兆焦", "十分", "万元户"}

func hasPrefixAt(t string, p int, s string) bool {
	return len(t)-p >= len(s) && t[p:p+len(s)] == s
}

func zhStopAt(t string, p int) bool {
	for _, s := range zhUnitStops {
		if hasPrefixAt(t, p, s) {
			return true
		}
	}
	return false
}

// zhAt returns the numeral at t[p:] and its size, or zhNone.
func zhAt(t string, p int) (zhNumeral, rune, int) {
	if p >= len(t) || t[p] < utf8.RuneSelf {
		return zhNumeral{}, 0, 1
	}
	r, size := decodeFast(t, p)
	if r >= 0x10000 || !tbl.zhBits.has(r) {
		return zhNumeral{}, r, size
	}
	return tbl.zhNum[r], r, size
}

func isZeroRune(r rune) bool { return r == '零' || r == '〇' || r == '○' }

// skipSpaces returns the first byte at or after p that is not a space.
func skipSpaces(t string, p int) int {
	for p < len(t) && t[p] == ' ' {
		p++
	}
	return p
}

type zhTok uint8

const (
	tNone zhTok = iota
	tDigit
	tArabic
	tZero
	tUnit
	tBig
)

// readZh reads a Chinese numeral, Arabic digits, or a mix of the two (3万4000,
// 1.2万, 二十五万三千, 4.78万亿, 百分之八十, 三分之二, 三又三分之一) starting at
// t[p]. It returns nil when nothing numeric starts there.
func readZh(t string, p int) *number {
	if n := readZhFast(t, p, nil); n != nil {
		return n
	}
	n := readZhInt(t, p)
	if n == nil {
		return nil
	}
	// A fraction: N分之M (spaces allowed: 二分 之一), and the mixed form
	// I又N分之M.
	q := skipSpaces(t, n.end)
	if !n.seq && hasPrefixAt(t, q, "又") {
		r := skipSpaces(t, q+len("又"))
		if f := readZhFraction(t, r); f != nil && f.frac {
			v := new(big.Rat).Add(n.val, f.val)
			n.val, n.end, n.frac, n.mixed, n.scaled = v, f.end, false, true, false
			return n
		}
	}
	if !n.seq && n.max == nil && !n.approx {
		if d, ok := fracTail(t, n.end); ok {
			num := readZhSigned(t, d)
			if num != nil && !num.seq && n.val.Sign() != 0 && num.max == nil {
				if !n.digits && n.zh && zhUnitsOnly(t, n.start, n.end) {
					n.coreStart = d // 百分之八十: the figure is 八十
				}
				n.val = new(big.Rat).Quo(num.val, n.val)
				n.end = num.end
				n.frac, n.scaled, n.bigMult, n.smallMult = true, false, 0, 0
				n.single, n.one = false, false
				n.digits = n.digits || num.digits
				n.zh = true
			}
		}
	}
	// 3/5, 16/5, 1 3/5: fractions written with digits
	if n.digits && !n.zh && n.plain {
		if fv, fe, ok := slashFraction(t, n.end); ok {
			n.val = new(big.Rat).Quo(n.val, fv)
			n.end, n.frac, n.plain = fe, true, false
		} else if n.end+1 < len(t) && t[n.end] == ' ' && isDigit(t[n.end+1]) {
			b := readArabic(t, n.end+1, false)
			if fv, fe, ok := slashFraction(t, b.end); ok && !b.point && !b.sep && n.intDigits <= 3 {
				fr := new(big.Rat).Quo(b.rat(), fv)
				n.val = new(big.Rat).Add(n.val, fr)
				n.end, n.mixed, n.plain = fe, true, false
			}
		}
	}
	return n
}

// zhUnitsOnly reports whether t[p:e] is written with 十百千万亿 alone
// (百, 千, 万, 百万): the denominators of 百分之, 千分之, 万分之.
func zhUnitsOnly(t string, p, e int) bool {
	for _, r := range t[p:e] {
		if x := tbl.zhNum[r]; x.role != zhUnit && x.role != zhBig {
			return false
		}
	}
	return true
}

// readZhFraction reads N分之M at p.
func readZhFraction(t string, p int) *number {
	n := readZhInt(t, p)
	if n == nil || n.seq {
		return nil
	}
	if d, ok := fracTail(t, n.end); ok {
		num := readZhSigned(t, d)
		if num != nil && !num.seq && n.val.Sign() != 0 {
			n.val = new(big.Rat).Quo(num.val, n.val)
			n.end, n.frac = num.end, true
			return n
		}
	}
	return nil
}

// fracTail reports whether 分之 (with optional spaces) follows p, and where
// the numerator starts.
func fracTail(t string, p int) (int, bool) {
	q := skipSpaces(t, p)
	if !hasPrefixAt(t, q, "分") {
		return 0, false
	}
	q = skipSpaces(t, q+len("分"))
	if !hasPrefixAt(t, q, "之") {
		return 0, false
	}
	return skipSpaces(t, q+len("之")), true
}

// readZhSigned reads a numeral with an optional 负 or minus sign.
func readZhSigned(t string, p int) *number {
	neg := false
	if hasPrefixAt(t, p, "负") || hasPrefixAt(t, p, "負") {
		neg = true
		p += len("负")
	} else if p < len(t) && t[p] == '-' {
		neg = true
		p++
	}
	n := readZhFast(t, p, nil)
	if n == nil {
		n = readZhInt(t, p)
	}
	if n != nil && neg {
		n.val = new(big.Rat).Neg(n.val)
	}
	return n
}

// readZhInt reads a whole Chinese/Arabic numeral with its decimals and
// multipliers, without fractions.
func readZhInt(t string, p int) *number {
	n := &number{start: p}
	total := new(big.Rat)
	section := new(big.Rat)
	var cur *big.Rat
	var curDigit int64 = -1 // value of cur when it is one Chinese digit
	prev := tNone
	lastBig := int64(0)
	lastUnit := int64(0)
	afterUnit := false  // cur is a Chinese digit right after a unit or big (一万三)
	afterSmall := false // ... right after 百 or 千 (百二万)
	nTok, nChars := 0, 0
	allFormal := true
	pairHi, pairLo := int64(-1), int64(-1)
	q := p
	end := p
	stop := false
	for q < len(t) && !stop {
		if t[q] == ' ' {
			// Spaces are allowed inside a Chinese numeral next to a unit
			// (一百 五 十 二, 7 万5 千4 百), never between two digits.
			r := skipSpaces(t, q)
			e, _, _ := zhAt(t, r)
			nextUnit := e.role == zhUnit || e.role == zhBig || e.role == zhApprox || e.role == zhPoint
			if prev == tNone || r >= len(t) || !(e.role != zhNone || isDigit(t[r])) ||
				!(prev == tUnit || prev == tBig || nextUnit) || r-q > 4 {
				break
			}
			if e.role == zhPoint && !zhDecimalFollows(t, r+3) {
				break
			}
			if e.role == zhUnit && zhStopAt(t, r) || e.role == zhApprox && prev == tNone {
				break
			}
			q = r
			continue
		}
		if isDigit(t[q]) || (t[q] == '.' && q+1 < len(t) && isDigit(t[q+1]) && prev == tNone) {
			if prev == tDigit || prev == tArabic || prev == tZero && nTok > 0 && cur != nil {
				break
			}
			a := readArabic(t, q, false)
			v := a.rat()
			if v == nil {
				break
			}
			if nTok == 0 {
				n.plain = !a.sep && !a.point
				n.intDigits = a.intDigits
				n.lead0 = a.lead0
				n.dotted = a.dotted
			}
			cur, curDigit, afterUnit = v, -1, false
			prev = tArabic
			n.digits = true
			allFormal = false
			nTok++
			q, end = a.end, a.end
			// multipliers written with letters: 40k, 30w, -2.5 M
			if m, me, ok := zhLetterMult(t, q); ok {
				cur = ratMul(cur, m)
				q, end = me, me
				n.scaled = true
				n.plain = false
				n.bigMult = m
				total.Add(total, section)
				total.Add(total, cur)
				section.SetInt64(0)
				cur = nil
				prev = tBig
				lastBig, lastUnit = m, m
				if e2, _, _ := zhAt(t, q); e2.role != zhBig {
					break
				}
			}
			continue
		}
		e, r, size := zhAt(t, q)
		switch e.role {
		case zhNone:
			stop = true
			continue
		case zhDigit:
			if isZeroRune(r) && (prev == tUnit || prev == tBig) {
				// 零 as a placeholder: 一千零一
				prev, afterUnit = tZero, false
				break
			}
			if prev == tArabic {
				stop = true // 667.123五点八: two numbers
				continue
			}
			if prev == tDigit || (prev == tZero && cur != nil) {
				// Two digits in a row. 三五百 and 两三个 are approximate ranges;
				// anything else is a code or year read digit by digit (二〇二一)
				// or a name (十四五).
				if nTok == 1 && pairHi < 0 && curDigit >= 0 && isPair(curDigit, e.val) && pairEnds(t, q+size) {
					pairHi, pairLo = e.val, curDigit
					q += size
					end = q
					nChars++
					continue
				}
				return readZhSeq(t, p, n)
			}
			cur, curDigit = ratInt(e.val), e.val
			afterUnit = prev == tUnit || prev == tBig
			afterSmall = prev == tUnit
			prev = tDigit
			if isZeroRune(r) {
				prev = tZero
			}
			if !e.formal {
				allFormal = false
			}
		case zhTens:
			if prev == tDigit || prev == tArabic {
				stop = true
				continue
			}
			section.Add(section, ratInt(e.val))
			cur, curDigit, afterUnit = nil, -1, false
			lastUnit, prev = 10, tUnit
			allFormal = false
		case zhUnit:
			// 12千米 is 12 km, 两千米 is 2000 m
			if zhStopAt(t, q) || prev == tArabic && hasPrefixAt(t, q, "千米") {
				stop = true
				continue
			}
			if prev == tUnit && lastUnit <= e.val && cur == nil {
				stop = true
				continue
			}
			m := cur
			if m == nil || prev == tZero && m.Sign() == 0 {
				m = ratInt(1)
			}
			section.Add(section, ratMul(m, e.val))
			cur, curDigit, afterUnit = nil, -1, false
			lastUnit, prev = e.val, tUnit
			if !e.formal {
				allFormal = false
			}
		case zhBig:
			if zhStopAt(t, q) {
				stop = true
				continue
			}
			block := new(big.Rat).Set(section)
			if cur != nil {
				// 百二万 is 一百二十万
				block.Add(block, colloquial(cur, curDigit, afterSmall, prev, lastUnit))
			}
			if block.Sign() == 0 && total.Sign() == 0 {
				// A leading 万 stands for 一万 only before a digit (萬九),
				// another multiplier (万万分之七) or 分之 (万分之三).
				if nTok > 0 || prev != tNone {
					if prev == tNone {
						stop = true
						continue
					}
				} else {
					ne, _, nsz := zhAt(t, q+size)
					_, frac := fracTail(t, q+size)
					if ne.role == zhBig {
						_, frac = fracTail(t, q+size+nsz)
					}
					if ne.role != zhDigit && !frac {
						return nil
					}
					block = ratInt(1)
				}
			}
			u := ratInt(e.val)
			switch {
			case lastBig == 0:
				total.Add(total, block.Mul(block, u))
			case lastBig < e.val:
				total.Add(total, block)
				total.Mul(total, u)
			case lastBig > e.val:
				total.Add(total, block.Mul(block, u))
			default: // 万万
				if block.Sign() != 0 {
					stop = true
					continue
				}
				total.Mul(total, u)
			}
			section.SetInt64(0)
			cur, curDigit, afterUnit = nil, -1, false
			lastBig, lastUnit, prev = e.val, e.val, tBig
			n.scaled = true
			allFormal = false
		case zhPoint:
			if prev == tNone || !zhDecimalFollows(t, q+size) {
				stop = true
				continue
			}
			// decimals, read digit by digit
			frac, r2 := readZhDecimals(t, q+size)
			v := new(big.Rat).Add(total, section)
			if cur != nil {
				v.Add(v, colloquial(cur, curDigit, afterUnit, prev, lastUnit))
			}
			v.Add(v, frac)
			q, end = r2, r2
			// a multiplier may follow: 四点三九亿
			if e2, _, s2 := zhAt(t, q); e2.role == zhBig && lastBig == 0 && !zhStopAt(t, q) {
				v.Mul(v, ratInt(e2.val))
				q += s2
				end = q
				n.scaled = true
				n.bigMult = e2.val
			}
			n.val = v
			n.zh = true
			n.end = end
			n.plain = false
			return n
		case zhApprox:
			// 500余万, 十多万, 二十几万, 三十万多亿: the approximation sits
			// inside the multiplier.
			if prev == tNone {
				stop = true
				continue
			}
			r2 := skipSpaces(t, q+size)
			if prev == tZero {
				// 一百零几万
				if e2, _, _ := zhAt(t, r2); e2.role != zhBig {
					stop = true
					continue
				}
			}
			e2, _, _ := zhAt(t, r2)
			if (e2.role != zhBig && e2.role != zhUnit) || zhStopAt(t, r2) || r2 > q+size && e2.role != zhBig {
				stop = true
				continue
			}
			if e2.role == zhUnit && prev != tDigit && prev != tArabic {
				stop = true
				continue
			}
			n.approx = true
			q += size
			continue
		}
		q += size
		end = q
		nTok++
		nChars++
		n.zh = true
	}
	if nTok == 0 {
		return nil
	}
	v := new(big.Rat).Add(total, section)
	if cur != nil {
		v.Add(v, colloquial(cur, curDigit, afterUnit, prev, lastUnit))
	}
	n.end = end
	n.val = v
	if nTok > 1 || n.zh {
		n.plain = n.plain && nTok == 1
	}
	n.single = nChars == 1 && !n.digits
	n.one = n.single && v.Cmp(ratInt(1)) == 0
	n.formal = allFormal && n.zh && !n.digits
	if prev == tBig {
		n.bigMult = lastBig
	} else if prev == tUnit && cur == nil && lastBig == 0 {
		n.smallMult = lastUnit
	}
	if pairHi >= 0 && pairLo > 0 && v.Sign() != 0 {
		// 三五百: the same multipliers, applied to the higher digit
		n.max = new(big.Rat).Mul(new(big.Rat).Quo(v, ratInt(pairLo)), ratInt(pairHi))
	}
	return n
}

// colloquial applies 一万三 = 13000: a last digit right after 百, 千, 万 or
// 亿 counts in the next lower place.
func colloquial(cur *big.Rat, digit int64, afterUnit bool, prev zhTok, lastUnit int64) *big.Rat {
	if digit > 0 && afterUnit && prev == tDigit && lastUnit >= 100 {
		return ratMul(cur, lastUnit/10)
	}
	return cur
}

// isPair reports whether two digits form an approximate range: 两三, 七八, 三五.
func isPair(a, b int64) bool {
	return a > 0 && (b == a+1 || a == 3 && b == 5)
}

// pairEnds reports whether a unit, multiplier or classifier follows an
// approximate pair (三五百, 两三个), as opposed to digits read one by one.
func pairEnds(t string, p int) bool {
	e, _, _ := zhAt(t, p)
	if e.role == zhUnit || e.role == zhBig || e.role == zhTens {
		return true
	}
	if e.role != zhNone {
		return false
	}
	_, ue := zhUnitAt(t, p)
	return ue > 0
}

func zhDecimalFollows(t string, p int) bool {
	if p < len(t) && isDigit(t[p]) {
		return true
	}
	e, r, _ := zhAt(t, p)
	return e.role == zhDigit && r != '两' && r != '兩' && r != '俩' && r != '倆'
}

// readZhDecimals reads the digits after 点, one by one.
func readZhDecimals(t string, p int) (*big.Rat, int) {
	buf := make([]byte, 0, 16)
	buf = append(buf, '0', '.')
	q := p
	for q < len(t) {
		if isDigit(t[q]) {
			buf = append(buf, t[q])
			q++
			continue
		}
		e, r, size := zhAt(t, q)
		if e.role != zhDigit || r == '两' || r == '兩' || r == '俩' || r == '倆' {
			break
		}
		buf = append(buf, byte('0'+e.val))
		q += size
	}
	v, _ := new(big.Rat).SetString(string(buf))
	return v, q
}

// readZhSeq reads Chinese digits one by one from p (二〇二一, 一二三). The
// result is marked seq: a year, a code or a name, not a figure, except
// before 折 (九五折).
func readZhSeq(t string, p int, n *number) *number {
	buf := make([]byte, 0, 8)
	q := p
	for q < len(t) {
		if isDigit(t[q]) {
			if len(buf) < maxDigits {
				buf = append(buf, t[q])
			}
			q++
			continue
		}
		e, _, size := zhAt(t, q)
		if e.role == zhDigit {
			if len(buf) < maxDigits {
				buf = append(buf, byte('0'+e.val))
			}
			q += size
			continue
		}
		if e.role == zhUnit || e.role == zhTens {
			// malformed: 十四五
			if len(buf) < maxDigits {
				if e.role == zhTens {
					buf = append(buf, byte('0'+e.val/10), '0')
				} else {
					buf = append(buf, '1', '0')
				}
			}
			q += size
			continue
		}
		if t[q] == ' ' && q+1 < len(t) {
			if e2, _, _ := zhAt(t, q+1); e2.role == zhDigit {
				q++
				continue
			}
		}
		break
	}
	n.end = q
	n.seq = true
	n.zh = true
	n.seqVal = string(buf)
	n.val, _ = new(big.Rat).SetString(string(buf))
	if n.val == nil {
		n.val = new(big.Rat)
	}
	return n
}

// zhLetterMult reads a multiplier written with Latin letters after digits in
// Chinese text: 40k, 15K, 30w, 3M, .0012G.
func zhLetterMult(t string, p int) (int64, int, bool) {
	q := p
	if q < len(t) && t[q] == ' ' {
		q++
	}
	if q >= len(t) || !isLetter(t[q]) {
		return 0, 0, false
	}
	r := q
	for r < len(t) && isLetter(t[r]) {
		r++
	}
	if r < len(t) && isDigit(t[r]) {
		return 0, 0, false
	}
	m, ok := lookupMult("zh", t[q:r], q == p)
	if !ok || q > p && !m.caseSens {
		return 0, 0, false
	}
	return m.factor, r, true
}

// readZhFast reads the commonest figures of Chinese bulletins without the
// numeral machinery: digits (3132, 83.5, 1,200) alone or with one multiplier
// (6.6万, 4.39亿). It returns nil for anything else, which readZhInt reads.
func readZhFast(t string, p int, dst *number) *number {
	if p >= len(t) || !isDigit(t[p]) {
		return nil
	}
	a := readArabic(t, p, false)
	e := a.end
	mult := int64(0)
	x, _, size := zhAt(t, e)
	switch x.role {
	case zhBig:
		if zhStopAt(t, e) {
			break
		}
		mult = x.val
		e += size
		x, _, _ = zhAt(t, e)
	}
	if x.role != zhNone || e < len(t) && (isAlnum(t[e]) || t[e] == '/' || t[e] == ' ' || t[e] == '.') ||
		hasPrefixAt(t, a.end, "又") || hasPrefixAt(t, a.end, "⁄") {
		return nil
	}
	if _, ok := fracTail(t, e); ok {
		return nil
	}
	var v *big.Rat
	if mult > 0 {
		v = a.ratTimes(mult)
	} else {
		v = a.rat()
	}
	if v == nil {
		return nil
	}
	n := dst
	if n == nil {
		n = new(number)
	}
	*n = number{start: p, end: e, val: v, digits: true, intDigits: a.intDigits, lead0: a.lead0, dotted: a.dotted,
		plain: !a.sep && !a.point && mult == 0}
	if mult > 0 {
		n.scaled, n.bigMult = true, mult
	}
	return n
}
