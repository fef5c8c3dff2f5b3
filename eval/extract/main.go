// Command extract measures the extractor against other projects' test
// suites (../shared/peers: Recognizers-Text, Duckling, cn2an, JioNLP,
// quantulum3) and against the labelled precision set in testdata/extract.
// It prints, per peer file, the cases in scope and how many are right on
// value and on span, and writes every failure to
// eval-out/extract-failures.jsonl. `make eval` runs it.
//
// Cases whose convention differs from figures' on purpose (ordinals, dates,
// bare single numerals, digit-by-digit codes, ...) are listed with a reason
// in out_of_scope.tsv; everything else counts.
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"figures/extract"
)

//go:embed out_of_scope.tsv
var outOfScopeTSV string

type scope struct {
	patterns []string          // glob patterns on case ids, in file order
	group    map[string]string // pattern -> group
	reasons  map[string]string // group -> reason
	order    []string
}

func loadScope() *scope {
	s := &scope{group: map[string]string{}, reasons: map[string]string{}}
	for i, l := range strings.Split(outOfScopeTSV, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) < 2 {
			fmt.Fprintf(os.Stderr, "out_of_scope.tsv:%d: want two columns\n", i+1)
			os.Exit(2)
		}
		if strings.HasPrefix(cols[0], "@") {
			g := cols[0][1:]
			s.reasons[g] = cols[1]
			s.order = append(s.order, g)
			continue
		}
		s.patterns = append(s.patterns, cols[0])
		s.group[cols[0]] = cols[1]
	}
	for _, g := range s.group {
		if _, ok := s.reasons[g]; !ok {
			fmt.Fprintf(os.Stderr, "out_of_scope.tsv: group %q has no @reason line\n", g)
			os.Exit(2)
		}
	}
	return s
}

func (s *scope) match(id string) string {
	for _, p := range s.patterns {
		if ok, _ := path.Match(p, id); ok {
			return s.group[p]
		}
	}
	return ""
}

type failure struct {
	File     string   `json:"file"`
	ID       string   `json:"id"`
	Input    string   `json:"input"`
	Expected []string `json:"expected"`
	Got      []string `json:"got"`
	Why      string   `json:"why"`
}

type tally struct {
	cases, inScope, value, span int
}

func main() {
	shared := flag.String("shared", "../shared", "folder with peers/ (the shared data)")
	outDir := flag.String("out", "eval-out", "folder for the failures file")
	testdata := flag.String("testdata", "testdata/extract", "folder with the precision set")
	verbose := flag.Bool("v", false, "print every failure")
	flag.Parse()

	sc := loadScope()
	peers := filepath.Join(*shared, "peers")
	fails := []failure{}
	if st, err := os.Stat(peers); err != nil || !st.IsDir() {
		fmt.Printf("eval/extract: %s not found: skipping the peer suites (clone the shared data next to the repository to run them)\n", peers)
	} else {
		files, byFile, err := loadPeers(peers)
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval/extract:", err)
			os.Exit(2)
		}
		totals := map[string]*tally{"zh": {}, "en": {}}
		raw := map[string]*tally{"zh": {}, "en": {}} // every case but the reference's own failures
		groupCount := map[string]int{}
		var passingOut []string
		fmt.Println("Extraction against the peers' test suites (value: the figures read right; span: also delimited right)")
		fmt.Printf("%-48s %6s %6s %6s %6s %7s %7s\n", "file", "cases", "scope", "value", "span", "value%", "span%")
		sort.Strings(files)
		for _, file := range files {
			var t tally
			lang := ""
			for _, c := range byFile[file] {
				lang = c.Lang
				t.cases++
				if strings.HasPrefix(c.Model, "skip:") {
					groupCount[strings.TrimPrefix(c.Model, "skip:")]++
					continue
				}
				rt := raw[c.Lang]
				rt.inScope++
				if g := sc.match(c.ID); g != "" {
					groupCount[g]++
					// ordinals are scored as non-figures: right when nothing is read
					if v, s, _, _ := score(c); v && s {
						if g != "ordinal" {
							passingOut = append(passingOut, c.ID)
						}
						rt.value++
						rt.span++
					}
					continue
				}
				t.inScope++
				vOK, sOK, why, got := score(c)
				if vOK {
					t.value++
					rt.value++
				}
				if vOK && sOK {
					t.span++
					rt.span++
				}
				if !vOK || !sOK {
					f := failure{File: file, ID: c.ID, Input: c.Input, Expected: describeItems(c), Got: got, Why: why}
					fails = append(fails, f)
					if *verbose {
						fmt.Printf("  FAIL %s %q: %s; got %v\n", c.ID, c.Input, why, got)
					}
				}
			}
			tt := totals[lang]
			tt.cases += t.cases
			tt.inScope += t.inScope
			tt.value += t.value
			tt.span += t.span
			fmt.Printf("%-48s %6d %6d %6d %6d %7s %7s\n", file, t.cases, t.inScope, t.value, t.span, pct(t.value, t.inScope), pct(t.span, t.inScope))
		}
		for _, lang := range []string{"zh", "en"} {
			t := totals[lang]
			fmt.Printf("%-48s %6d %6d %6d %6d %7s %7s\n", "TOTAL "+lang, t.cases, t.inScope, t.value, t.span, pct(t.value, t.inScope), pct(t.span, t.inScope))
		}
		for _, lang := range []string{"zh", "en"} {
			t := raw[lang]
			fmt.Printf("%-48s %6s %6d %6d %6d %7s %7s\n", "ALL "+lang+" (out-of-scope cases scored too)", "", t.inScope, t.value, t.span, pct(t.value, t.inScope), pct(t.span, t.inScope))
		}
		if len(passingOut) > 0 {
			fmt.Printf("\n%d out-of-scope cases are read right anyway (drop them from out_of_scope.tsv): %s\n", len(passingOut), strings.Join(passingOut, " "))
		}
		fmt.Println("\nOut of scope, by reason:")
		groups := append([]string{"dotnet", "latent", "error", "direct"}, sc.order...)
		reasons := map[string]string{
			"dotnet": "Recognizers-Text cases that fail in its own .NET reference implementation",
			"latent": "Duckling latent money (a bare number read as an amount)",
			"error":  "cn2an error cases (inputs its strict mode rejects; figures has no error mode)",
			"direct": "cn2an direct mode (digit-by-digit transliteration of codes)",
		}
		for k, v := range sc.reasons {
			reasons[k] = v
		}
		for _, g := range groups {
			if n := groupCount[g]; n > 0 {
				fmt.Printf("  %4d  %s: %s\n", n, g, reasons[g])
			}
		}
	}
	// the precision set
	prec, err := precision(*testdata)
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval/extract:", err)
		os.Exit(2)
	}
	fails = append(fails, prec...)

	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "eval/extract:", err)
		os.Exit(2)
	}
	out := filepath.Join(*outDir, "extract-failures.jsonl")
	f, err := os.Create(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval/extract:", err)
		os.Exit(2)
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, x := range fails {
		enc.Encode(x)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "eval/extract:", err)
		os.Exit(2)
	}
	fmt.Printf("\n%d failures written to %s\n", len(fails), out)
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

func describeItems(c *tcase) []string {
	var out []string
	if c.Model == "transform" {
		return []string{"claims of " + c.Other}
	}
	for _, it := range c.Items {
		s := it.Text
		if s == "" {
			s = it.Surface
		}
		switch {
		case it.Interval:
			s += fmt.Sprintf(" %s..%s", ratStr(it.Lo), ratStr(it.Hi))
		case it.Value != nil:
			s += " " + ratStr(it.Value)
			if it.IsPercent {
				s += "%"
			}
		}
		if it.Start >= 0 && it.End >= 0 {
			s += fmt.Sprintf(" [%d,%d)", it.Start, it.End)
		}
		out = append(out, strings.TrimSpace(s))
	}
	if len(out) == 0 {
		out = []string{"(nothing)"}
	}
	return out
}

func ratStr(r *big.Rat) string {
	if r == nil {
		return "∞"
	}
	return extract.FormatDecimal(r)
}

func describeClaims(cs []extract.Claim) []string {
	var out []string
	for _, c := range cs {
		s := fmt.Sprintf("%s %s %s", c.Text, c.Kind, c.Value)
		if c.ValueMax != "" {
			s += ".." + c.ValueMax
		}
		if c.Unit != "" {
			s += " " + c.Unit
		}
		if c.Qualifier != extract.Exact {
			s += " " + string(c.Qualifier)
		}
		s += fmt.Sprintf(" [%d,%d)", c.Start, c.End)
		out = append(out, s)
	}
	return out
}

// relevant reports whether claim c counts for a case of the given model.
func relevant(model string, c extract.Claim) bool {
	switch model {
	case "percent":
		return c.Kind == extract.Percent || c.Kind == extract.PercentPoints
	case "money":
		return c.Kind == extract.Money || c.Kind == extract.Rate
	case "measure":
		return c.Kind == extract.Measure || c.Kind == extract.Rate
	}
	return true
}

func score(c *tcase) (valueOK, spanOK bool, why string, got []string) {
	if c.Model == "transform" {
		a := extract.String(c.Lang, c.Input)
		b := extract.String(c.OtherLang, c.Other)
		got = describeClaims(a)
		if len(a) != len(b) {
			return false, false, fmt.Sprintf("%d claims in the input, %d in %q", len(a), len(b), c.Other), got
		}
		for i := range a {
			x, _ := extract.ParseDecimal(a[i].Value)
			y, _ := extract.ParseDecimal(b[i].Value)
			if x.Cmp(y) != 0 || a[i].Kind != b[i].Kind {
				return false, false, fmt.Sprintf("%s reads %s %s, %s reads %s %s", a[i].Text, a[i].Kind, a[i].Value, b[i].Text, b[i].Kind, b[i].Value), got
			}
		}
		return true, true, "", got
	}
	all := extract.String(c.Lang, c.Input)
	var claims []extract.Claim
	for _, cl := range all {
		if relevant(c.Model, cl) {
			claims = append(claims, cl)
		}
	}
	got = describeClaims(claims)
	runes := utf8.RuneCountInString(c.Input)
	if c.Model == "none" || len(c.Items) == 0 {
		// nothing may be read: an ordinal, a negative example
		for _, cl := range claims {
			for _, it := range c.Items {
				if it.End < 0 || cl.Start < it.End && it.Start < cl.End {
					return false, false, "read a figure where the peer has a non-figure", got
				}
			}
			if len(c.Items) == 0 {
				return false, false, "read a figure where the peer expects none", got
			}
		}
		return true, true, "", got
	}
	used := make([]bool, len(claims))
	valueOK, spanOK = true, true
	for _, it := range c.Items {
		s, e := it.Start, it.End
		if c.Whole {
			s, e = trimmedSpan(c.Input)
		}
		if s < 0 || e < 0 {
			if it.Surface != "" {
				return false, false, "surface not found in the input", got
			}
			s, e = 0, runes
		}
		best := -1
		bestOv := 0
		for i, cl := range claims {
			if used[i] {
				continue
			}
			ov := min(cl.Outer.End, e) - max(cl.Outer.Start, s)
			if ov > bestOv {
				best, bestOv = i, ov
			}
		}
		if best < 0 {
			return false, false, fmt.Sprintf("missed %s", describeItem(it)), got
		}
		used[best] = true
		cl := claims[best]
		if ok, w := valueMatches(it, cl); !ok {
			valueOK = false
			why = w
		}
		if !spanMatches(c.Input, s, e, cl) {
			spanOK = false
			if why == "" {
				why = fmt.Sprintf("span [%d,%d) %q against the peer's [%d,%d)", cl.Start, cl.End, cl.Text, s, e)
			}
		}
	}
	if c.Extras {
		for i, u := range used {
			if !u {
				return false, false, fmt.Sprintf("read %q, which the peer does not", claims[i].Text), got
			}
		}
	}
	return valueOK, spanOK, why, got
}

func describeItem(it item) string {
	s := it.Text
	if s == "" {
		s = it.Surface
	}
	return fmt.Sprintf("%q", s)
}

func trimmedSpan(s string) (int, int) {
	r := []rune(s)
	a, b := 0, len(r)
	for a < b && (r[a] == ' ' || r[a] == '\t') {
		a++
	}
	for b > a && (r[b-1] == ' ' || r[b-1] == '\t') {
		b--
	}
	return a, b
}

// close reports whether two values agree within the rounding figures
// applies (4 decimal places for values with no finite decimal expansion)
// and the peers' 15-digit doubles.
func closeTo(a, b *big.Rat, abs float64) bool {
	d := new(big.Rat).Sub(a, b)
	d.Abs(d)
	if d.Sign() == 0 {
		return true
	}
	tol := new(big.Rat).SetFloat64(abs)
	if d.Cmp(tol) <= 0 {
		return true
	}
	rel := new(big.Rat).Abs(b)
	rel.Mul(rel, big.NewRat(1, 1000000000))
	return d.Cmp(rel) <= 0
}

func rat(s string) *big.Rat {
	r, ok := extract.ParseDecimal(s)
	if !ok {
		return nil
	}
	return r
}

// valueMatches compares a claim with what the peer expects, with the
// adapters for conventions that differ on purpose: figures states fractions
// of a whole in percent (三分之一 is 33.3333, a peer's 0.3333), signs
// decreases (fell 5 is -5), keeps 余/多 as more_than the stated figure
// (JioNLP's 3000多 is the range 3000..4000) and reads 分 as a fraction of
// a yuan (Duckling's cents).
func valueMatches(it item, cl extract.Claim) (bool, string) {
	v := rat(cl.Value)
	if v == nil {
		return false, "no value"
	}
	var vmax *big.Rat
	if cl.ValueMax != "" {
		vmax = rat(cl.ValueMax)
	}
	cands := []*big.Rat{v}
	if cl.Kind == extract.Percent && !it.IsPercent {
		cands = append(cands, new(big.Rat).Quo(v, big.NewRat(100, 1)))
	}
	if v.Sign() < 0 {
		cands = append(cands, new(big.Rat).Neg(v))
	}
	if it.Cents {
		cands = append(cands, new(big.Rat).Mul(v, big.NewRat(100, 1)))
	}
	eq := func(x, y *big.Rat) bool {
		if closeTo(x, y, 6e-5) {
			return true
		}
		if cl.Kind == extract.Percent && !it.IsPercent && closeTo(new(big.Rat).Quo(x, big.NewRat(100, 1)), y, 6e-7) {
			return true
		}
		if x.Sign() < 0 && closeTo(new(big.Rat).Neg(x), y, 6e-5) {
			return true
		}
		return it.Cents && closeTo(new(big.Rat).Mul(x, big.NewRat(100, 1)), y, 6e-5)
	}
	if !it.Interval {
		if it.Value == nil {
			return true, ""
		}
		for _, c := range cands {
			if closeTo(c, it.Value, 6e-5) && cl.Qualifier != extract.Range {
				return true, ""
			}
		}
		return false, fmt.Sprintf("%s read as %s%s, the peer says %s", cl.Text, cl.Value, maxStr(cl), ratStr(it.Value))
	}
	// intervals
	switch {
	case it.Lo != nil && it.Hi != nil && it.Lo.Cmp(it.Hi) == 0:
		if eq(v, it.Lo) && vmax == nil {
			return true, ""
		}
	case it.Lo != nil && it.Hi != nil:
		if vmax != nil && eq(v, it.Lo) && eq(vmax, it.Hi) {
			return true, ""
		}
		// JioNLP and RT read 多/余/几 as a range up from the stated figure
		if vmax == nil && eq(v, it.Lo) && (cl.Qualifier == extract.MoreThan || cl.Qualifier == extract.Approx) {
			return true, ""
		}
	case it.Lo != nil:
		if vmax == nil && eq(v, it.Lo) && (cl.Qualifier == extract.MoreThan || cl.Qualifier == extract.AtLeast) {
			return true, ""
		}
	case it.Hi != nil:
		if vmax == nil && eq(v, it.Hi) && (cl.Qualifier == extract.LessThan || cl.Qualifier == extract.AtMost || cl.Qualifier == extract.Nearly) {
			return true, ""
		}
	}
	return false, fmt.Sprintf("%s read as %s%s %s, the peer says %s..%s", cl.Text, cl.Value, maxStr(cl), cl.Qualifier, ratStr(it.Lo), ratStr(it.Hi))
}

func maxStr(cl extract.Claim) string {
	if cl.ValueMax == "" {
		return ""
	}
	return ".." + cl.ValueMax
}

// spanMatches compares spans. Peers disagree on whether units and
// qualifiers belong to a figure (RT's number model reads 199 in 199个, its
// currency model 15元 whole). A span counts as right when it equals the
// claim's text or its text with qualifiers, or when it holds the claim's
// number and nothing else numeric: the number is delimited the same way and
// only the words around it differ.
func spanMatches(input string, s, e int, cl extract.Claim) bool {
	if cl.Start == s && cl.End == e || cl.Outer.Start == s && cl.Outer.End == e {
		return true
	}
	if cl.Core.Start < s || cl.Core.End > e {
		return false
	}
	r := []rune(input)
	if e > len(r) {
		return false
	}
	rest := string(r[s:cl.Core.Start]) + " " + string(r[cl.Core.End:e])
	return !hasNumeric(rest)
}

var numeralRunes = "0123456789零〇一二三四五六七八九两兩壹贰貳叁參肆伍陆陸柒捌玖廿卅"

var numberWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "twenty": true,
	"thirty": true, "forty": true, "fifty": true, "sixty": true, "seventy": true, "eighty": true, "ninety": true,
	"hundred": true, "thousand": true, "million": true, "billion": true}

func hasNumeric(s string) bool {
	if strings.ContainsAny(s, numeralRunes) {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
		if numberWords[w] {
			return true
		}
	}
	return false
}
