package extract

import (
	"bufio"
	"embed"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"unicode/utf8"
)

// The dictionaries live in data/*.tsv (tab-separated, '#' comments) and are
// parsed once when the package is loaded. A malformed row is a programming
// error caught by the tests, so loading panics rather than returning an error.
//
//go:embed data/*.tsv
var dataFS embed.FS

// zhRole is the grammatical role of a Chinese numeral character.
type zhRole uint8

const (
	zhNone zhRole = iota
	zhDigit
	zhUnit
	zhTens
	zhBig
	zhPoint
	zhApprox
)

type zhNumeral struct {
	role   zhRole
	val    int64
	formal bool
}

// unitEntry is what a unit word makes of the number before it.
type unitEntry struct {
	kind string // a Kind, or date, time, session, year, ordinal
	unit string
	mult *big.Rat // a multiplier folded into the unit (MUSD, 打, 角); nil for none
}

// claimKind is the kind of claim a figure takes from its unit: count unless
// the unit names money, a percentage, points, a multiple, a measure or a rate.
func (u unitEntry) claimKind() Kind {
	switch k := Kind(u.kind); k {
	case Money, Percent, PercentPoints, Multiple, Measure, Rate:
		return k
	}
	return Count
}

type multEntry struct {
	factor   int64
	caseSens bool
	attached bool // must follow the digits with no space
}

type enWordRole uint8

const (
	enNone enWordRole = iota
	enUnit
	enTens
	enHundred
	enScale
	enDenom
	enHalf
	enDozen
	enApprox
	enMult
)

type enWord struct {
	role enWordRole
	val  int64
}

type tables struct {
	// affix indexes over the Chinese dictionaries
	zhUnitIx, zhWordIx                affixIndex // by first rune
	zhQualIx, zhChangeIx, zhBeforeIx  affixIndex // by last rune
	zhSkipIx, zhNounIx, zhAfterQualIx affixIndex

	zhNum map[rune]zhNumeral
	// zhBits has a bit set for every BMP rune in zhNum, so that the
	// scanner tests each rune of a sentence without a map lookup
	zhBits runeSet

	zhUnits, enUnits         map[string]unitEntry
	zhUnitFirst              runeSet // runes that start a Chinese unit
	zhSkipLast               runeSet // runes that end a context skip word
	zhQualLast, zhChangeLast runeSet // runes that end a qualifier or change word before a number
	zhBeforeLast             runeSet // runes that end a code word (电话, 邮编)
	zhWordFirst              runeSet // runes that start a word written with numerals
	zhUnitMax                int     // longest zh unit, in bytes
	enUnitWords              int     // most words in an en unit
	zhCurPrefix, enCurPrefix map[string]unitEntry
	zhCurMax, enCurWords     int

	zhMult, enMult map[string]multEntry // case-insensitive keys are lower case

	enNum map[string]enWord

	// qualifiers by language and position (before, after, inside)
	qual    map[string]map[string]Qualifier
	qualMax map[string]int // bytes (zh) or words (en)

	change    map[string]map[string]int // lang -> form -> +1/-1
	changeMax map[string]int

	nouns      map[string]map[string]string
	zhNounLast runeSet
	nounsMax   map[string]int

	zhWord                  map[string]bool // words and names written with numerals
	zhWordMax               int
	zhBefore                map[string]bool
	zhRank                  map[string]bool
	zhNotRank               map[string]bool // words ending in 前 that are no rank (目前)
	zhAfterCode             []string        // 110报警, 120急救
	zhPlan                  []string        // 三年行动计划
	zhPhoneWords            []string        // 电话, 联系: a sentence about telephones
	enPlan                  map[string]bool // (a three-year) action plan
	zhAfterCodeIx, zhPlanIx affixIndex
	enBefore                map[string]bool
	enName                  map[string]bool // names starting with a number word, lower case
	enNameMax               int             // words
	enYearCtx               map[string]bool
	enYearCtxMax            int // words
	// after a four-digit number: a year (the 2021 plan, 2021 is)
	enYearAfter map[string]bool
	enYearVerb  map[string]bool // a year is its subject (2021 was)
	// before a four-digit number: a count (reached 1990, a total of 2050)
	enCountBefore    map[string]bool
	enCountBeforeMax int // words
	enRank           map[string]bool
	months           map[string]bool

	enStop    map[string]bool
	enVerb    map[string]bool // verbs that end a noun phrase
	enIngNoun map[string]bool // nouns ending in -ing
	zhSkip    map[string]bool

	zhRateBase map[string]string // what a rate is per (人 -> person)
	ratePeriod map[string]bool   // rate bases named last (month, year)
}

var tbl = loadTables()

func readTSV(name string, minCols int) [][]string {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("extract: %v", err))
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) < minCols {
			panic(fmt.Sprintf("extract: data/%s:%d: want %d columns, got %q", name, line, minCols, l))
		}
		rows = append(rows, cols)
	}
	return rows
}

func col(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

func atoi64(s, where string) int64 {
	r, ok := new(big.Rat).SetString(s)
	if !ok || !r.IsInt() || !r.Num().IsInt64() {
		panic(fmt.Sprintf("extract: %s: bad number %q", where, s))
	}
	return r.Num().Int64()
}

func words(s string) int { return strings.Count(s, " ") + 1 }

func loadTables() *tables {
	t := &tables{
		zhNum:         map[rune]zhNumeral{},
		zhUnits:       map[string]unitEntry{},
		enUnits:       map[string]unitEntry{},
		zhCurPrefix:   map[string]unitEntry{},
		enCurPrefix:   map[string]unitEntry{},
		zhMult:        map[string]multEntry{},
		enMult:        map[string]multEntry{},
		enNum:         map[string]enWord{},
		qual:          map[string]map[string]Qualifier{},
		qualMax:       map[string]int{},
		change:        map[string]map[string]int{"zh": {}, "en": {}},
		changeMax:     map[string]int{},
		nouns:         map[string]map[string]string{"zh": {}, "en": {}},
		nounsMax:      map[string]int{},
		zhWord:        map[string]bool{},
		zhBefore:      map[string]bool{},
		zhRank:        map[string]bool{},
		zhNotRank:     map[string]bool{},
		enPlan:        map[string]bool{},
		enBefore:      map[string]bool{},
		enName:        map[string]bool{},
		enYearCtx:     map[string]bool{},
		enYearAfter:   map[string]bool{},
		enYearVerb:    map[string]bool{},
		enCountBefore: map[string]bool{},
		enRank:        map[string]bool{},
		months:        map[string]bool{},
		enStop:        map[string]bool{},
		enVerb:        map[string]bool{},
		enIngNoun:     map[string]bool{},
		zhSkip:        map[string]bool{},
		zhRateBase:    map[string]string{},
		ratePeriod:    map[string]bool{},
	}
	for _, r := range readTSV("rate_periods.tsv", 1) {
		t.ratePeriod[r[0]] = true
	}
	for _, r := range readTSV("zh_rate_bases.tsv", 2) {
		t.zhRateBase[r[0]] = r[1]
	}
	roles := map[string]zhRole{"digit": zhDigit, "unit": zhUnit, "tens": zhTens, "big": zhBig, "point": zhPoint, "approx": zhApprox}
	for _, r := range readTSV("zh_numerals.tsv", 3) {
		ch, size := utf8.DecodeRuneInString(r[0])
		role, ok := roles[r[1]]
		if size != len(r[0]) || !ok {
			panic(fmt.Sprintf("extract: zh_numerals.tsv: bad row %q", r))
		}
		t.zhNum[ch] = zhNumeral{role: role, val: atoi64(r[2], "zh_numerals.tsv"), formal: col(r, 3) == "formal"}
		t.zhBits.add(ch)
	}
	kinds := map[string]bool{"count": true, "money": true, "percent": true, "percent_points": true,
		"multiple": true, "measure": true, "rate": true, "date": true, "time": true, "session": true,
		"year": true, "ordinal": true}
	loadUnits := func(name string, m map[string]unitEntry, lower bool) {
		for _, r := range readTSV(name, 2) {
			if !kinds[r[1]] {
				panic(fmt.Sprintf("extract: %s: unknown kind %q", name, r[1]))
			}
			e := unitEntry{kind: r[1], unit: col(r, 2)}
			if m := col(r, 3); m != "" {
				v, ok := new(big.Rat).SetString(m)
				if !ok {
					panic(fmt.Sprintf("extract: %s: bad multiplier %q", name, m))
				}
				e.mult = v
			}
			k := r[0]
			if lower {
				k = strings.ToLower(k)
			}
			m[k] = e
		}
	}
	loadUnits("zh_units.tsv", t.zhUnits, false)
	loadUnits("en_units.tsv", t.enUnits, true)
	for k := range t.zhUnits {
		t.zhUnitMax = max(t.zhUnitMax, len(k))
		r, _ := utf8.DecodeRuneInString(k)
		t.zhUnitFirst.add(r)
		if r < utf8.RuneSelf && isLetter(byte(r)) {
			t.zhUnitFirst.add(r &^ 0x20) // 168CM
		}
	}
	for k := range t.enUnits {
		t.enUnitWords = max(t.enUnitWords, words(k))
	}
	for _, r := range readTSV("zh_currency_prefix.tsv", 2) {
		t.zhCurPrefix[r[0]] = unitEntry{kind: "money", unit: r[1]}
		t.zhCurMax = max(t.zhCurMax, len(r[0]))
	}
	for _, r := range readTSV("en_currency_prefix.tsv", 2) {
		e := unitEntry{kind: "money", unit: r[1]}
		if m := col(r, 2); m != "" {
			e.mult = ratInt(atoi64(m, "en_currency_prefix.tsv"))
		}
		t.enCurPrefix[strings.ToLower(r[0])] = e
		t.enCurWords = max(t.enCurWords, words(r[0]))
	}
	for _, r := range readTSV("multipliers.tsv", 4) {
		e := multEntry{factor: atoi64(r[2], "multipliers.tsv")}
		switch r[3] {
		case "case":
			e.caseSens, e.attached = true, false
		case "attached":
			e.attached = true
		case "spaced":
		default:
			panic(fmt.Sprintf("extract: multipliers.tsv: bad match %q", r[3]))
		}
		m := t.enMult
		if r[0] == "zh" {
			m = t.zhMult
		}
		k := r[1]
		if !e.caseSens {
			k = strings.ToLower(k)
		}
		m[k] = e
	}
	enRoles := map[string]enWordRole{"unit": enUnit, "tens": enTens, "hundred": enHundred, "scale": enScale,
		"denom": enDenom, "half": enHalf, "dozen": enDozen, "approx": enApprox, "mult": enMult}
	for _, r := range readTSV("en_numbers.tsv", 3) {
		role, ok := enRoles[r[1]]
		if !ok {
			panic(fmt.Sprintf("extract: en_numbers.tsv: bad role %q", r[1]))
		}
		t.enNum[r[0]] = enWord{role: role, val: atoi64(r[2], "en_numbers.tsv")}
	}
	quals := map[string]Qualifier{"exact": Exact, "approx": Approx, "more_than": MoreThan, "less_than": LessThan,
		"nearly": Nearly, "at_least": AtLeast, "at_most": AtMost, "range": Range}
	for _, r := range readTSV("qualifiers.tsv", 4) {
		q, ok := quals[r[3]]
		if !ok {
			panic(fmt.Sprintf("extract: qualifiers.tsv: bad qualifier %q", r[3]))
		}
		key := r[0] + "/" + r[1]
		if t.qual[key] == nil {
			t.qual[key] = map[string]Qualifier{}
		}
		f := r[2]
		n := len(f)
		if r[0] == "en" {
			f = strings.ToLower(f)
			n = words(f)
		}
		t.qual[key][f] = q
		t.qualMax[key] = max(t.qualMax[key], n)
		if key == "zh/before" {
			lr, _ := utf8.DecodeLastRuneInString(f)
			t.zhQualLast.add(lr)
		}
	}
	for _, r := range readTSV("change.tsv", 3) {
		d := 1
		switch r[2] {
		case "-":
			d = -1
		case "=":
			d = 0
		}
		t.change[r[0]][r[1]] = d
		if r[0] == "zh" {
			lr, _ := utf8.DecodeLastRuneInString(r[1])
			t.zhChangeLast.add(lr)
		}
		n := len(r[1])
		if r[0] == "en" {
			n = words(r[1])
		}
		t.changeMax[r[0]] = max(t.changeMax[r[0]], n)
	}
	for _, r := range readTSV("nouns.tsv", 2) {
		t.nouns[r[0]][r[1]] = col(r, 2)
		if r[0] == "zh" {
			lr, _ := utf8.DecodeLastRuneInString(r[1])
			t.zhNounLast.add(lr)
		}
		n := len(r[1])
		if r[0] == "en" {
			n = words(r[1])
		}
		t.nounsMax[r[0]] = max(t.nounsMax[r[0]], n)
	}
	for _, r := range readTSV("nonclaim.tsv", 3) {
		switch r[0] + "/" + r[1] {
		case "zh/word", "zh/name":
			t.zhWord[r[2]] = true
			t.zhWordMax = max(t.zhWordMax, len(r[2]))
			fr, _ := utf8.DecodeRuneInString(r[2])
			t.zhWordFirst.add(fr)
		case "zh/before":
			t.zhBefore[r[2]] = true
			lr, _ := utf8.DecodeLastRuneInString(r[2])
			t.zhBeforeLast.add(lr)
		case "zh/rank":
			t.zhRank[r[2]] = true
		case "zh/notrank":
			t.zhNotRank[r[2]] = true
		case "zh/aftercode":
			t.zhAfterCode = append(t.zhAfterCode, r[2])
		case "zh/plan":
			t.zhPlan = append(t.zhPlan, r[2])
		case "zh/phone":
			t.zhPhoneWords = append(t.zhPhoneWords, r[2])
		case "en/plan":
			t.enPlan[r[2]] = true
		case "en/before":
			t.enBefore[r[2]] = true
		case "en/name":
			t.enName[r[2]] = true
			t.enNameMax = max(t.enNameMax, words(r[2]))
		case "en/yearbefore":
			t.enYearCtx[r[2]] = true
			t.enYearCtxMax = max(t.enYearCtxMax, words(r[2]))
		case "en/yearafter":
			t.enYearAfter[r[2]] = true
		case "en/yearverb":
			t.enYearVerb[r[2]] = true
		case "en/countbefore":
			t.enCountBefore[r[2]] = true
			t.enCountBeforeMax = max(t.enCountBeforeMax, words(r[2]))
		case "en/rank":
			t.enRank[r[2]] = true
		case "en/month":
			t.months[r[2]] = true
		default:
			panic(fmt.Sprintf("extract: nonclaim.tsv: bad row %q", r))
		}
	}
	for _, r := range readTSV("context.tsv", 3) {
		switch r[0] + "/" + r[1] {
		case "en/stop":
			t.enStop[r[2]] = true
		case "en/verb":
			t.enVerb[r[2]] = true
		case "en/ingnoun":
			t.enIngNoun[r[2]] = true
		case "zh/skip":
			t.zhSkip[r[2]] = true
			lr, _ := utf8.DecodeLastRuneInString(r[2])
			t.zhSkipLast.add(lr)
		default:
			panic(fmt.Sprintf("extract: context.tsv: bad row %q", r))
		}
	}
	t.zhAfterCodeIx = newAffixIndex(t.zhAfterCode, false)
	t.zhPlanIx = newAffixIndex(t.zhPlan, false)
	t.zhUnitIx = newAffixIndex(keys(t.zhUnits), false)
	t.zhWordIx = newAffixIndex(keys(t.zhWord), false)
	t.zhQualIx = newAffixIndex(keys(t.qual["zh/before"]), true)
	t.zhAfterQualIx = newAffixIndex(keys(t.qual["zh/after"]), false)
	t.zhChangeIx = newAffixIndex(keys(t.change["zh"]), true)
	t.zhBeforeIx = newAffixIndex(keys(t.zhBefore), true)
	t.zhSkipIx = newAffixIndex(keys(t.zhSkip), true)
	t.zhNounIx = newAffixIndex(keys(t.nouns["zh"]), true)
	return t
}

// runeSet is a set of BMP runes (and all runes beyond the BMP).
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) {
	if r < 0x10000 {
		s[r/64] |= 1 << (r % 64)
	}
}

func (s *runeSet) has(r rune) bool {
	return r >= 0x10000 || s[r/64]&(1<<(r%64)) != 0
}

// affixIndex finds which of a set of words starts (or ends) at a position
// with one map lookup on the first (or last) rune and a few comparisons,
// longest word first.
type affixIndex map[rune][]string

func newAffixIndex(words []string, last bool) affixIndex {
	ix := affixIndex{}
	for _, w := range words {
		var r rune
		if last {
			r, _ = utf8.DecodeLastRuneInString(w)
		} else {
			r, _ = utf8.DecodeRuneInString(w)
		}
		ix[r] = append(ix[r], w)
	}
	for _, l := range ix {
		sort.Slice(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
	}
	return ix
}

// prefixAt returns the longest word that t[p:] starts with.
func (ix affixIndex) prefixAt(t string, p int) (string, bool) {
	if p >= len(t) {
		return "", false
	}
	r, _ := decodeFast(t, p)
	for _, w := range ix[r] {
		if len(t)-p >= len(w) && t[p:p+len(w)] == w {
			return w, true
		}
	}
	return "", false
}

// suffixAt returns the longest word that t[:e] ends with.
func (ix affixIndex) suffixAt(t string, e int) (string, bool) {
	if e <= 0 {
		return "", false
	}
	r, _ := decodeLastFast(t, e)
	for _, w := range ix[r] {
		if e >= len(w) && t[e-len(w):e] == w {
			return w, true
		}
	}
	return "", false
}

func keys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
