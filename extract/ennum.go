package extract

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// wordAt returns the ASCII word (letters, and an apostrophe inside) at p.
func wordAt(t string, p int) (string, int) {
	q := p
	for q < len(t) && isLetter(t[q]) {
		q++
	}
	return t[p:q], q
}

// lower returns w in lower case, allocating only when w has capitals.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

func enWordOf(w string) enWord {
	if len(w) > 12 || len(w) == 0 {
		return enWord{}
	}
	var buf [12]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return tbl.enNum[string(buf[:len(w)])]
}

// wordStart reports whether p starts a word (no letter or digit before it).
func wordStart(t string, p int) bool {
	return p == 0 || !isAlnum(t[p-1])
}

// nextToken skips the separators allowed inside an English number (spaces,
// a hyphen with or without spaces) from p and returns where the next token
// starts and whether a hyphen was crossed.
func nextToken(t string, p int) (int, bool) {
	q := p
	for q < len(t) && t[q] == ' ' && q-p < 3 {
		q++
	}
	hyph := false
	if q < len(t) && t[q] == '-' {
		hyph = true
		q++
		for q < len(t) && t[q] == ' ' && q-p < 6 {
			q++
		}
	}
	return q, hyph
}

// enState accumulates an English number: total + cur, as in "two thousand
// (total) three hundred and five (cur)".
type enState struct {
	total, cur *big.Rat
	lastScale  int64
	hasCur     bool
}

func (st *enState) value() *big.Rat {
	v := new(big.Rat).Set(st.total)
	return v.Add(v, st.cur)
}

// readEn reads an English number at p: digits with their multipliers (6.46
// million, 1.2bn, 10k), number words (twenty-seven, one hundred and six,
// two point two million), fractions (two thirds, 3/4, 2 1/4, one and a
// half) and dozens. It returns nil when no number starts at p.
func readEn(t string, p int) *number {
	if n := readEnFast(t, p); n != nil {
		return n
	}
	n := &number{start: p}
	st := &enState{total: new(big.Rat), cur: new(big.Rat)}
	const (
		pNone = iota
		pNum
		pUnit
		pTens
		pHundred
		pScale
		pA
		pFrac
		pDozen
		pHalf
	)
	prev := pNone
	end := p
	q := p
	nTok := 0
	var whole *big.Rat // the whole part before "and <fraction>"
	hadPoint := false  // a decimal was read: the number is complete
	for q < len(t) {
		if nTok > 0 {
			r, hyph := nextToken(t, end)
			if r >= len(t) {
				break
			}
			// "and" joins after a hundred or a scale (one hundred and six),
			// and before a fraction (one and a half, twenty and three fifths).
			if !hyph && r+3 <= len(t) && lower(t[r:min(r+3, len(t))]) == "and" && (r+3 == len(t) || !isLetter(t[r+3])) {
				r2, _ := nextToken(t, r+3)
				if fv, fe, ok := readEnFraction(t, r2); ok && prev != pFrac && prev != pA {
					// one and a half; 3 million and a half; five and a half
					// million; one billion and a half million
					r3, _ := nextToken(t, fe)
					w3, e3 := wordAt(t, r3)
					if s3 := enWordOf(w3); s3.role == enScale {
						if st.lastScale > s3.val && !st.hasCur {
							st.total.Add(st.total, ratMul(fv, s3.val))
						} else {
							v := st.value()
							v.Add(v, fv)
							st.total, st.cur = v.Mul(v, ratInt(s3.val)), new(big.Rat)
							st.hasCur = false
							st.lastScale = s3.val
							n.scaled = true
						}
						end, q = e3, e3
						nTok++
						prev = pScale
						continue
					}
					if st.lastScale > 0 && !st.hasCur {
						st.total.Add(st.total, ratMul(fv, st.lastScale))
					} else {
						whole = st.value()
						whole.Add(whole, fv)
						st.total, st.cur = whole, new(big.Rat)
						st.hasCur = true
					}
					end, q = fe, fe
					nTok++
					n.mixed = true
					prev = pFrac
					continue
				}
				if prev != pHundred && prev != pScale || hadPoint {
					break // 4.7 billion and 200 are two numbers
				}
				// "3 hundred and 2 hundred" are two numbers; "and 0" ends one
				if prev == pHundred && !enAndJoins(t, r2) {
					break
				}
				q = r2
			} else {
				if hyph && prev != pTens && prev != pUnit && prev != pA {
					break
				}
				q = r
			}
		}
		if q >= len(t) {
			break
		}
		c := t[q]
		if isDigit(c) || c == '.' && q+1 < len(t) && isDigit(t[q+1]) && nTok == 0 {
			if prev != pNone && prev != pHundred && prev != pScale {
				break
			}
			if nTok > 0 && q > 0 && t[q-1] == '-' {
				break
			}
			a := readArabic(t, q, nTok == 0)
			v := a.rat()
			if v == nil {
				break
			}
			hadPoint = hadPoint || a.point
			if nTok == 0 {
				n.plain = !a.sep && !a.point
				n.intDigits = a.intDigits
				n.lead0 = a.lead0
				n.dotted = a.dotted
			} else if prev == pHundred && v.Cmp(ratInt(100)) >= 0 || prev == pScale && v.Cmp(ratInt(st.lastScale)) >= 0 ||
				prev == pHundred && !st.hasCur {
				break
			}
			e := a.end
			// fractions: 3/4, 2 1/4
			if fv, fe, ok := slashFraction(t, e); ok && !a.point && !a.sep {
				num := a.rat()
				v = new(big.Rat).Quo(num, fv)
				e = fe
				n.frac = true
				n.plain = false
			} else if !a.point && !a.sep && e < len(t) && t[e] == ' ' {
				r := e + 1
				if r < len(t) && t[r] == ' ' {
					r++
				}
				if r < len(t) && isDigit(t[r]) {
					b := readArabic(t, r, false)
					if fv, fe, ok := slashFraction(t, b.end); ok && !b.point && !b.sep {
						num := b.rat()
						frac := new(big.Rat).Quo(num, fv)
						if frac.Cmp(ratInt(1)) < 0 {
							v = new(big.Rat).Add(v, frac)
							e = fe
							n.mixed = true
							n.plain = false
						}
					}
				}
			}
			st.cur.Add(st.cur, v)
			st.hasCur = true
			n.digits = true
			prev = pNum
			end, q = e, e
			nTok++
			// multipliers written after digits: 10k, 1.2bn, 2.33 k, 10M
			if m, me, ok := multAfter(t, e); ok && !n.frac {
				st.cur.Mul(st.cur, ratInt(m))
				n.scaled = true
				n.bigMult = m
				n.plain = false
				end, q = me, me
				if m >= 1000 {
					st.total.Add(st.total, st.cur)
					st.cur.SetInt64(0)
					st.hasCur = false
					st.lastScale = m
					prev = pScale
				}
			}
			continue
		}
		if !isLetter(c) || !wordStart(t, q) {
			break
		}
		w, we := wordAt(t, q)
		lw := lower(w)
		if lw == "a" || lw == "an" {
			if prev != pNone && prev != pHalf {
				break
			}
			r, _ := nextToken(t, we)
			w2, _ := wordAt(t, r)
			e2 := enWordOf(w2)
			if e2.role != enHundred && e2.role != enScale && e2.role != enDozen && e2.role != enDenom && e2.role != enHalf {
				break
			}
			prev = pA
			end, q = we, we
			nTok++
			n.words = true
			continue
		}
		if lw == "point" && (prev == pUnit || prev == pTens || prev == pHundred || prev == pScale) {
			r, _ := nextToken(t, we)
			dec, de := readEnDecimals(t, r)
			if dec == "" {
				break
			}
			d, _ := new(big.Rat).SetString("0." + dec)
			st.cur.Add(st.cur, d)
			st.hasCur = true
			end, q = de, de
			nTok++
			prev = pUnit
			continue
		}
		e := enWordOf(w)
		if e.role == enNone || e.role == enApprox || e.role == enMult {
			break
		}
		if e.role == enDenom && prev == pNone && !strings.HasSuffix(lw, "s") {
			// quarter million, third billion
			r, _ := nextToken(t, we)
			w2, e2 := wordAt(t, r)
			if s2 := enWordOf(w2); s2.role == enScale {
				st.total = new(big.Rat).Mul(big.NewRat(1, e.val), ratInt(s2.val))
				st.lastScale = s2.val
				n.words, n.scaled = true, true
				prev = pScale
				end, q = e2, e2
				nTok += 2
				continue
			}
			break
		}
		v := ratInt(e.val)
		switch e.role {
		case enUnit:
			if prev == pUnit || prev == pNum || prev == pFrac || prev == pA || prev == pHalf || prev == pDozen {
				goto done
			}
			if prev == pTens && (e.val == 0 || e.val >= 10) {
				goto done
			}
			st.cur.Add(st.cur, v)
			st.hasCur = true
			prev = pUnit
			n.one = nTok == 0 && e.val == 1
		case enTens:
			if prev == pUnit || prev == pTens || prev == pNum || prev == pFrac || prev == pA || prev == pHalf || prev == pDozen {
				goto done
			}
			st.cur.Add(st.cur, v)
			st.hasCur = true
			prev = pTens
			n.one = false
		case enHundred:
			if prev == pHundred || prev == pFrac || prev == pDozen || (st.hasCur && st.cur.Cmp(ratInt(100)) >= 0 && prev != pNum) {
				goto done
			}
			if prev == pNone && nTok == 0 {
				goto done // "hundred" alone: hundreds of, not a figure
			}
			if !st.hasCur {
				st.cur.SetInt64(1)
			}
			st.cur.Mul(st.cur, v)
			st.hasCur = true
			prev = pHundred
			n.one = false
		case enScale:
			if prev == pNone || prev == pFrac || prev == pDozen {
				goto done
			}
			if !st.hasCur {
				if prev == pScale && st.lastScale < e.val {
					// three lakh crore, three thousand millions
					st.total.Mul(st.total, v)
					st.lastScale = e.val
					prev = pScale
					break
				}
				st.cur.SetInt64(1)
			}
			if st.lastScale > 0 && st.lastScale <= e.val {
				st.total.Add(st.total, st.cur)
				st.total.Mul(st.total, v)
			} else {
				st.total.Add(st.total, new(big.Rat).Mul(st.cur, v))
			}
			st.cur.SetInt64(0)
			st.hasCur = false
			st.lastScale = e.val
			prev = pScale
			n.scaled = true
			n.bigMult = e.val
			n.one = false
		case enDenom:
			// two thirds, a fifth, twenty-three fifths, one hundred and thirty fifths
			if prev != pUnit && prev != pTens && prev != pA && prev != pHundred && prev != pNum && prev != pScale {
				goto done
			}
			plural := strings.HasSuffix(lw, "s")
			num := st.value()
			if prev == pA {
				num = ratInt(1)
			}
			if num.Sign() == 0 {
				goto done
			}
			if !plural && num.Cmp(ratInt(1)) != 0 && prev != pScale {
				goto done
			}
			if !plural && (prev == pA || num.Cmp(ratInt(1)) == 0) && !fractionFollows(t, we) {
				goto done // a fifth consecutive year: an ordinal
			}
			fv := new(big.Rat).Quo(num, v)
			if whole != nil {
				fv.Add(fv, whole)
			}
			st.total, st.cur = fv, new(big.Rat)
			st.hasCur = true
			n.frac = true
			n.one = false
			prev = pFrac
		case enHalf:
			switch prev {
			case pNone:
				// half a dozen; half million; half (of)
				st.cur = big.NewRat(1, 2)
				st.hasCur = true
				n.frac = true
				prev = pHalf
			case pA, pUnit:
				if prev == pUnit && st.cur.Cmp(ratInt(1)) != 0 {
					goto done
				}
				st.cur = big.NewRat(1, 2)
				st.total = new(big.Rat)
				st.hasCur = true
				n.frac = true
				n.one = false
				prev = pFrac
			default:
				goto done
			}
		case enDozen:
			if prev == pNone || prev == pFrac || prev == pDozen {
				goto done
			}
			if prev == pA || !st.hasCur && st.total.Sign() == 0 {
				st.cur.SetInt64(1)
			}
			if prev == pHalf {
				st.cur = big.NewRat(1, 2)
			}
			st.cur.Mul(st.cur, v)
			st.hasCur = true
			n.frac = false
			n.one = false
			prev = pDozen
		}
		n.words = true
		end, q = we, we
		nTok++
		// a scale after a half: half million; after a fraction: three quarters billion
		if prev == pHalf || prev == pFrac && n.frac {
			r, _ := nextToken(t, end)
			w2, e2 := wordAt(t, r)
			if s2 := enWordOf(w2); s2.role == enScale || s2.role == enHundred {
				v := st.value()
				v.Mul(v, ratInt(s2.val))
				st.total, st.cur = v, new(big.Rat)
				st.hasCur = false
				st.lastScale = s2.val
				n.frac = false
				n.scaled = true
				end, q = e2, e2
				prev = pScale
			} else if prev == pHalf {
				if lower(w2) == "a" || lower(w2) == "an" {
					r3, _ := nextToken(t, e2)
					w3, e3 := wordAt(t, r3)
					if enWordOf(w3).role == enDozen {
						st.cur = ratInt(6)
						st.total = new(big.Rat)
						n.frac = false
						end, q = e3, e3
						prev = pDozen
					}
				}
			}
		}
		if prev == pA {
			continue
		}
	}
done:
	if nTok == 0 || prev == pA {
		return nil
	}
	n.end = end
	n.val = st.value()
	return n
}

// fractionFollows reports whether a singular fraction word (a third, one
// quarter) is a fraction here: followed by "of", punctuation or the end,
// rather than by a noun it ranks (a fifth consecutive year).
func fractionFollows(t string, p int) bool {
	q := p
	for q < len(t) && t[q] == ' ' {
		q++
	}
	if q >= len(t) {
		return true
	}
	if !isLetter(t[q]) {
		return t[q] != '-'
	}
	w, _ := wordAt(t, q)
	lw := lower(w)
	if lw == "of" || lw == "and" || lw == "or" {
		return true
	}
	if e := enWordOf(w); e.role == enScale || e.role == enHundred {
		return true
	}
	if u, ok := tbl.enUnits[lw]; ok && u.kind != "ordinal" {
		return true
	}
	return false
}

// readEnFraction reads a fraction that can follow "and": a half, one half,
// a quarter, three quarters, two thirds.
func readEnFraction(t string, p int) (*big.Rat, int, bool) {
	w, e := wordAt(t, p)
	if w == "" {
		return nil, 0, false
	}
	lw := lower(w)
	num := int64(0)
	switch {
	case lw == "a" || lw == "an":
		num = 1
	default:
		if x := enWordOf(w); x.role == enUnit && x.val > 0 && x.val < 20 {
			num = x.val
		}
	}
	if num == 0 {
		return nil, 0, false
	}
	r, _ := nextToken(t, e)
	w2, e2 := wordAt(t, r)
	x := enWordOf(w2)
	switch x.role {
	case enHalf:
		if num != 1 {
			return nil, 0, false
		}
		return big.NewRat(1, 2), e2, true
	case enDenom:
		return big.NewRat(num, x.val), e2, true
	}
	return nil, 0, false
}

// readEnDecimals reads the digits after "point": zero three, seventy-one,
// nought four, 77.
func readEnDecimals(t string, p int) (string, int) {
	var b strings.Builder
	q := p
	end := p
	for q < len(t) {
		if isDigit(t[q]) && b.Len() == 0 {
			a := readArabic(t, q, false)
			if a.point {
				return "", p
			}
			return a.dec, a.end
		}
		w, we := wordAt(t, q)
		e := enWordOf(w)
		if w == "" || !(e.role == enUnit || e.role == enTens) {
			break
		}
		v := e.val
		if e.role == enTens {
			r, hyph := nextToken(t, we)
			w2, e2 := wordAt(t, r)
			if u := enWordOf(w2); u.role == enUnit && u.val > 0 && u.val < 10 && (hyph || true) {
				v += u.val
				we = e2
			}
		}
		b.WriteString(big.NewInt(v).String())
		end = we
		r, _ := nextToken(t, we)
		q = r
	}
	return b.String(), end
}

// slashFraction reads "/d" at p (the denominator of 3/4) and returns it.
// A second slash makes a date (5/17/2018), not a fraction.
func slashFraction(t string, p int) (*big.Rat, int, bool) {
	q := p
	sep := 0
	switch {
	case q < len(t) && t[q] == '/':
		sep = 1
	case hasPrefixAt(t, q, "⁄"):
		sep = len("⁄")
	}
	if sep == 0 || q+sep >= len(t) || !isDigit(t[q+sep]) {
		return nil, 0, false
	}
	a := readArabic(t, q+sep, false)
	if a.point || a.sep || a.end < len(t) && (t[a.end] == '/' || isLetter(t[a.end]) && !unitWordAt(t, a.end)) {
		return nil, 0, false
	}
	v := a.rat()
	if v == nil || v.Sign() == 0 {
		return nil, 0, false
	}
	return v, a.end, true
}

// unitWordAt reports whether an English unit or multiplier starts at p.
func unitWordAt(t string, p int) bool {
	w, _ := wordAt(t, p)
	if _, ok := tbl.enUnits[lower(w)]; ok {
		return true
	}
	return false
}

// multAfter reads a multiplier after digits ending at p: 10k, 1.2bn, 10M,
// 2.33 k, 6.46 million.
func multAfter(t string, p int) (int64, int, bool) {
	if p < len(t) && isLetter(t[p]) {
		w, we := wordAt(t, p)
		if m, ok := lookupMult("en", w, true); ok {
			if we < len(t) && isDigit(t[we]) {
				return 0, 0, false
			}
			return m.factor, we, true
		}
		return 0, 0, false
	}
	q := p
	for q < len(t) && t[q] == ' ' && q-p < 2 {
		q++
	}
	if q == p || q >= len(t) || !isLetter(t[q]) {
		return 0, 0, false
	}
	w, we := wordAt(t, q)
	if we < len(t) && (isDigit(t[we]) || t[we] == '.' && we+1 < len(t) && isLetter(t[we+1])) {
		return 0, 0, false
	}
	if m, ok := lookupMult("en", w, false); ok && !m.attached {
		if len(w) == 1 && we < len(t) && t[we] == '.' {
			return 0, 0, false // an initial: 2 K. Smith
		}
		// scale words are read by the number grammar
		if e := enWordOf(w); e.role == enScale || e.role == enHundred {
			return 0, 0, false
		}
		return m.factor, we, true
	}
	return 0, 0, false
}

// enAndJoins reports whether the number after "and" at p belongs to the
// number before it: one hundred and six, but not 3 hundred and 2 hundred,
// nor 4 thousand 3 hundred and 0.
func enAndJoins(t string, p int) bool {
	var e int
	if p < len(t) && isDigit(t[p]) {
		a := readArabic(t, p, false)
		if v := a.rat(); v == nil || v.Sign() == 0 {
			return false
		}
		e = a.end
	} else {
		w, we := wordAt(t, p)
		x := enWordOf(w)
		if x.role != enUnit && x.role != enTens || x.val == 0 {
			return true
		}
		e = we
		// twenty-one, twenty one
		if x.role == enTens {
			r, _ := nextToken(t, e)
			w2, e2 := wordAt(t, r)
			if y := enWordOf(w2); y.role == enUnit && y.val > 0 && y.val < 10 {
				e = e2
			}
		}
	}
	r, _ := nextToken(t, e)
	w, _ := wordAt(t, r)
	return enWordOf(w).role != enHundred
}

// readEnFast reads a number written in digits with nothing after it that
// the English number grammar would take (no multiplier, scale word,
// fraction or "and"), the commonest figure in bulletins; nil otherwise.
func readEnFast(t string, p int) *number {
	if p >= len(t) || !isDigit(t[p]) {
		return nil
	}
	a := readArabic(t, p, true)
	e := a.end
	if e < len(t) {
		switch c := t[e]; {
		case isLetter(c):
			w, _ := wordAt(t, e)
			if _, ok := lookupMult("en", w, true); ok {
				return nil
			}
		case c == '/' || c >= utf8.RuneSelf:
			return nil
		case c == ' ':
			r := e + 1
			for r < len(t) && t[r] == ' ' {
				r++
			}
			if r < len(t) && isDigit(t[r]) {
				return nil // 2 1/4
			}
			w, _ := wordAt(t, r)
			if w != "" {
				if x := enWordOf(w); x.role == enScale || x.role == enHundred || x.role == enDozen || x.role == enDenom {
					return nil
				}
				if len(w) <= 5 {
					lw := lower(w)
					if lw == "and" || lw == "point" {
						return nil
					}
				}
				if _, ok := lookupMult("en", w, false); ok {
					return nil
				}
			}
		}
	}
	v := a.rat()
	if v == nil {
		return nil
	}
	return &number{start: p, end: e, val: v, digits: true, intDigits: a.intDigits, lead0: a.lead0, dotted: a.dotted,
		plain: !a.sep && !a.point}
}
