package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
)

// item is one figure a peer expects in a case.
type item struct {
	Text       string `json:"text,omitempty"`
	Start, End int    // code points, end exclusive; -1 when the peer gives none
	Value      *big.Rat
	IsPercent  bool // the peer states the value in percent ("2.4%")
	Lo, Hi     *big.Rat
	LoOpen     bool // an interval: Lo/Hi nil means unbounded
	Interval   bool
	Cents      bool   // Duckling's "cent" unit: the value is in cents
	Surface    string // quantulum3: locate in the input
	Uncert     *big.Rat
	Unit       string
}

// tcase is one peer test case, in a shape common to all peers.
type tcase struct {
	ID, File, Lang, Input string
	Model                 string // which claims count: all, percent, money, measure, range, none
	Items                 []item
	Whole                 bool // the expected span is the whole input
	Extras                bool // claims the peer does not expect make the case wrong
	NoSpan                bool // the peer has no spans (cn2an transform)
	// Transform: the claims of Input must equal those of Other.
	Other     string
	OtherLang string
}

func readJSONL(path string, fn func(map[string]any) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if err := fn(m); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	return sc.Err()
}

func str(m map[string]any, k string) string {
	if v, ok := m[k].(string); ok {
		return v
	}
	return ""
}

func num(m map[string]any, k string) int {
	if v, ok := m[k].(float64); ok {
		return int(v)
	}
	return -1
}

// parseValue reads a peer's value: "83.5", "2.4%", "1E-12", "-1.2732E+15".
func parseValue(s string) (*big.Rat, bool, bool) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	s = strings.TrimSuffix(s, "%")
	if s == "" || s == "null" {
		return nil, pct, false
	}
	if r, ok := new(big.Rat).SetString(s); ok {
		return r, pct, true
	}
	f, _, err := big.ParseFloat(s, 10, 200, big.ToNearestEven)
	if err != nil {
		return nil, pct, false
	}
	r, _ := f.Rat(nil)
	return r, pct, r != nil
}

// parseInterval reads RT's "(20,35]", "[30,)", "(,100]".
func parseInterval(s string) (item, bool) {
	it := item{Interval: true}
	if len(s) < 3 {
		return it, false
	}
	body := s[1 : len(s)-1]
	lo, hi, ok := strings.Cut(body, ",")
	if !ok {
		return it, false
	}
	it.LoOpen = s[0] == '('
	if lo != "" {
		v, _, ok := parseValue(lo)
		if !ok {
			return it, false
		}
		it.Lo = v
	}
	if hi != "" {
		v, _, ok := parseValue(hi)
		if !ok {
			return it, false
		}
		it.Hi = v
	}
	return it, true
}

// loadPeers reads every peer file under dir into cases.
func loadPeers(dir string) ([]string, map[string][]*tcase, error) {
	var files []string
	byFile := map[string][]*tcase{}
	add := func(c *tcase) {
		if _, ok := byFile[c.File]; !ok {
			files = append(files, c.File)
		}
		byFile[c.File] = append(byFile[c.File], c)
	}
	rtFiles, _ := filepath.Glob(filepath.Join(dir, "recognizers-text", "*.jsonl"))
	for _, path := range rtFiles {
		file := "recognizers-text/" + filepath.Base(path)
		err := readJSONL(path, func(m map[string]any) error {
			c := &tcase{ID: str(m, "id"), File: file, Lang: str(m, "lang"), Input: str(m, "input")}
			switch str(m, "model") {
			case "number":
				c.Model, c.Extras = "all", true
			case "percent":
				c.Model, c.Extras = "percent", true
			case "currency":
				c.Model = "money"
			case "dimension":
				c.Model = "measure"
			case "numberrange":
				c.Model = "range"
			case "ordinal":
				c.Model = "none"
			}
			if strings.Contains(str(m, "not_supported"), "dotnet") {
				c.Model = "skip:dotnet"
			}
			exp, _ := m["expected"].([]any)
			for _, e := range exp {
				em := e.(map[string]any)
				it := item{Text: str(em, "text"), Start: num(em, "start"), End: num(em, "end") + 1}
				val := str(em, "value")
				if c.Model == "range" {
					iv, ok := parseInterval(val)
					if !ok {
						return fmt.Errorf("%s: bad interval %q", c.ID, val)
					}
					iv.Text, iv.Start, iv.End = it.Text, it.Start, it.End
					it = iv
				} else if c.Model != "none" {
					v, pct, ok := parseValue(val)
					if !ok {
						it.Value = nil
					} else {
						it.Value, it.IsPercent = v, pct
					}
				}
				it.Unit = str(em, "unit")
				c.Items = append(c.Items, it)
			}
			add(c)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	dkFiles, _ := filepath.Glob(filepath.Join(dir, "duckling", "*.jsonl"))
	for _, path := range dkFiles {
		file := "duckling/" + filepath.Base(path)
		err := readJSONL(path, func(m map[string]any) error {
			c := &tcase{ID: str(m, "id"), File: file, Lang: str(m, "lang"), Input: str(m, "input"), Whole: true, Extras: true}
			switch str(m, "dimension") {
			case "numeral":
				c.Model = "all"
			case "amount-of-money":
				c.Model = "money"
			case "ordinal":
				c.Model = "none"
			}
			if str(m, "section") == "latent" {
				c.Model = "skip:latent"
			}
			if str(m, "expect") == "no_match" {
				add(c)
				return nil
			}
			if c.Model == "none" {
				c.Items = append(c.Items, item{Start: 0, End: -1})
				add(c)
				return nil
			}
			it := item{Start: 0, End: -1, Unit: str(m, "unit")}
			it.Cents = it.Unit == "cent"
			switch str(m, "kind") {
			case "exact":
				v, _, ok := parseValue(str(m, "value"))
				if !ok {
					return fmt.Errorf("%s: bad value", c.ID)
				}
				it.Value = v
			case "between", "above", "under":
				it.Interval = true
				if v, _, ok := parseValue(str(m, "min")); ok {
					it.Lo = v
				}
				if v, _, ok := parseValue(str(m, "max")); ok {
					it.Hi = v
				}
			}
			c.Items = []item{it}
			add(c)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	// cn2an
	if err := readJSONL(filepath.Join(dir, "cn2an", "cn2an.jsonl"), func(m map[string]any) error {
		c := &tcase{ID: str(m, "id"), File: "cn2an/cn2an.jsonl", Lang: "zh", Input: str(m, "input"), Model: "all", Whole: true, Extras: true}
		if m["expect_error"] == true {
			c.Model = "skip:error"
		} else {
			v, _, ok := parseValue(str(m, "value"))
			if !ok {
				return fmt.Errorf("%s: bad value", c.ID)
			}
			c.Items = []item{{Start: 0, End: -1, Value: v}}
		}
		add(c)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	if err := readJSONL(filepath.Join(dir, "cn2an", "an2cn.jsonl"), func(m map[string]any) error {
		v, _, ok := parseValue(str(m, "input"))
		exp, _ := m["expected"].(map[string]any)
		for _, mode := range []string{"low", "up", "rmb"} {
			s := str(exp, mode)
			if s == "" {
				continue
			}
			c := &tcase{ID: str(m, "id") + "/" + mode, File: "cn2an/an2cn.jsonl", Lang: "zh", Input: s, Model: "all", Whole: true, Extras: true}
			if !ok || m["expect_error"] == true {
				c.Model = "skip:error"
			} else {
				want := v
				if mode == "rmb" {
					// cheque style keeps yuan, jiao and fen
					want = roundRat(v, 2)
				}
				c.Items = []item{{Start: 0, End: -1, Value: want}}
			}
			add(c)
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	if err := readJSONL(filepath.Join(dir, "cn2an", "transform.jsonl"), func(m map[string]any) error {
		c := &tcase{ID: str(m, "id"), File: "cn2an/transform.jsonl", Lang: "zh", Input: str(m, "input"),
			Other: str(m, "expected"), OtherLang: "zh", Model: "transform", NoSpan: true}
		if m["direct"] == true {
			c.Model = "skip:direct"
		}
		add(c)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	// JioNLP
	if err := readJSONL(filepath.Join(dir, "jionlp", "zh-money-parser.jsonl"), func(m map[string]any) error {
		c := &tcase{ID: str(m, "id"), File: "jionlp/zh-money-parser.jsonl", Lang: "zh", Input: str(m, "input"), Model: "money", Whole: true, Extras: true}
		it := item{Start: 0, End: -1, Unit: str(m, "unit")}
		if v, _, ok := parseValue(str(m, "value")); ok {
			it.Value = v
		} else {
			it.Interval = true
			it.Lo, _, _ = parseValue(str(m, "min"))
			it.Hi, _, _ = parseValue(str(m, "max"))
		}
		c.Items = []item{it}
		add(c)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	if err := readJSONL(filepath.Join(dir, "jionlp", "zh-money-extractor.jsonl"), func(m map[string]any) error {
		c := &tcase{ID: str(m, "id"), File: "jionlp/zh-money-extractor.jsonl", Lang: "zh", Input: str(m, "input"), Model: "money"}
		exp, _ := m["expected"].([]any)
		for _, e := range exp {
			em := e.(map[string]any)
			c.Items = append(c.Items, item{Text: str(em, "text"), Start: num(em, "start"), End: num(em, "end")})
		}
		add(c)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	// quantulum3
	if err := readJSONL(filepath.Join(dir, "quantulum3", "en-quantities.jsonl"), func(m map[string]any) error {
		c := &tcase{ID: str(m, "id"), File: "quantulum3/en-quantities.jsonl", Lang: "en", Input: str(m, "input"), Model: "all", Extras: true}
		exp, _ := m["expected"].([]any)
		from := 0
		runes := []rune(c.Input)
		for _, e := range exp {
			em := e.(map[string]any)
			it := item{Surface: str(em, "surface"), Unit: str(em, "unit"), Start: -1, End: -1}
			v, _, ok := parseValue(str(em, "value"))
			if !ok {
				return fmt.Errorf("%s: bad value", c.ID)
			}
			it.Value = v
			if u, _, ok := parseValue(str(em, "uncertainty")); ok && u.Sign() != 0 {
				it.Interval = true
				it.Lo = new(big.Rat).Sub(v, u)
				it.Hi = new(big.Rat).Add(v, u)
			}
			// locate the surface in the input, after the previous one
			sr := []rune(it.Surface)
			for i := from; i+len(sr) <= len(runes); i++ {
				if string(runes[i:i+len(sr)]) == it.Surface {
					it.Start, it.End = i, i+len(sr)
					from = i + len(sr)
					break
				}
			}
			c.Items = append(c.Items, it)
		}
		add(c)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	return files, byFile, nil
}

// roundRat rounds r half away from zero to d decimal places.
func roundRat(r *big.Rat, d int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)
	x := new(big.Rat).Mul(r, new(big.Rat).SetInt(scale))
	num, den := x.Num(), x.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(den) >= 0 {
		if num.Sign() >= 0 {
			q.Add(q, big.NewInt(1))
		} else {
			q.Sub(q, big.NewInt(1))
		}
	}
	return new(big.Rat).SetFrac(q, scale)
}
