package align

// DocPair proposes that Chinese document ZH (an index into the zh list) is
// the original of English document EN, with a confidence Score in [0, 1].
type DocPair struct {
	ZH    int     `json:"zh"`
	EN    int     `json:"en"`
	Score float64 `json:"score"`
}

// PairDocuments pairs each English document with its Chinese original when
// one is present. Documents with no convincing counterpart stay unpaired; no
// document is in two pairs. A placeholder until the real pairer lands: pairs
// by the share of figure values the two documents have in common.
func PairDocuments(zh, en []Side) []DocPair {
	var out []DocPair
	usedZH := make([]bool, len(zh))
	for j, e := range en {
		best, bestScore := -1, 0.0
		for i, z := range zh {
			if usedZH[i] {
				continue
			}
			if s := figureOverlap(z, e); s > bestScore {
				best, bestScore = i, s
			}
		}
		if best >= 0 && bestScore >= 0.3 {
			usedZH[best] = true
			out = append(out, DocPair{ZH: best, EN: j, Score: bestScore})
		}
	}
	return out
}

func figureOverlap(z, e Side) float64 {
	if len(e.Claims) == 0 {
		return 0
	}
	vals := map[string]bool{}
	for _, c := range z.Claims {
		vals[c.Value] = true
	}
	n := 0
	for _, c := range e.Claims {
		if vals[c.Value] {
			n++
		}
	}
	return float64(n) / float64(len(e.Claims))
}
