// Command align measures the aligner, as `make eval` runs it:
//
//  1. Sentence alignment on ../shared/parallel (WMT zh–en documents, 1:1 by
//     construction): precision, recall and F1 of sentence links per source,
//     as given and after seeded perturbations (merge, drop, swap, all three;
//     see perturb). Parameters are tuned on the dev third of the documents
//     (-split dev, -tune) and reported on the rest (-split test, the
//     default).
//  2. Fact-checking on testdata/align: document pairs written for the
//     project with injected translation errors and acceptable variants;
//     mismatch detection precision and recall, error-class accuracy, and
//     dropped/added F1.
//
// When ../shared/parallel is absent the first part is skipped with a message.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"figures/align"
	"figures/segment"
)

func main() {
	parallel := flag.String("parallel", "../shared/parallel", "folder of parallel documents (one sub-folder per source)")
	testdata := flag.String("testdata", "testdata/align", "folder of fact-check pairs")
	split := flag.String("split", "test", "documents to score: test, dev or all")
	seed := flag.Uint64("seed", 7, "perturbation seed")
	tune := flag.Bool("tune", false, "search the aligner parameters on the dev split and print the best")
	verbose := flag.Bool("v", false, "print every fact-check difference")
	strict := flag.Bool("strict", false, "exit with status 1 when a target is missed")
	debug := flag.String("debug", "", "print the alignment of badly aligned documents under this condition")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the alignment runs")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval/align:", err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}

	status := 0
	p := align.DefaultParams()
	if _, err := os.Stat(*parallel); err != nil {
		fmt.Printf("sentence alignment: %s is absent, skipped (it holds the WMT zh-en documents; see ../shared/parallel/README.md)\n\n", *parallel)
	} else {
		bySource, sources, err := loadParallel(*parallel)
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval/align:", err)
			os.Exit(2)
		}
		if _, err := segment.Segmenter(); err != nil {
			fmt.Fprintln(os.Stderr, "eval/align:", err)
			os.Exit(2)
		}
		if *tune {
			p = tuneParams(prepare(bySource, sources, "dev", *seed), sources)
			*split = "test"
		}
		docs := prepare(bySource, sources, *split, *seed)
		if *debug != "" {
			debugDocs(docs, *debug, p)
			return
		}
		res, spent := runParallel(docs, p)
		printParallel(res, sources, *split, *seed, spent)
		runPairing(docs, sources, *seed)
	}
	if ok := runFactCheck(*testdata, *verbose); !ok {
		fmt.Println("  TARGET MISSED (fact-checking)")
		if *strict {
			status = 1
		}
	}
	pprof.StopCPUProfile()
	os.Exit(status)
}

func printParallel(res map[string]map[string]counts, sources []string, split string, seed uint64, spent time.Duration) {
	fmt.Printf("Sentence alignment on ../shared/parallel (%s split, seed %d): link precision / recall / F1\n", split, seed)
	fmt.Printf("%-12s", "source")
	for _, c := range conditions {
		fmt.Printf(" %-22s", c)
	}
	fmt.Println()
	var total = map[string]counts{}
	for _, src := range sources {
		fmt.Printf("%-12s", src)
		for _, c := range conditions {
			x := res[src][c]
			t := total[c]
			t.add(x)
			total[c] = t
			p, r, f := x.prf()
			fmt.Printf(" %.3f/%.3f/%.3f    ", p, r, f)
		}
		fmt.Println()
	}
	fmt.Printf("%-12s", "all")
	for _, c := range conditions {
		p, r, f := total[c].prf()
		fmt.Printf(" %.3f/%.3f/%.3f    ", p, r, f)
	}
	fmt.Printf("\nstrict bead F1 (a bead counts only when it equals a gold bead):\n%-12s", "")
	for _, c := range conditions {
		_, _, f := total[c].beadPRF()
		fmt.Printf(" %-22s", fmt.Sprintf("%.3f", f))
	}
	fmt.Printf("\n(aligner time %v in total)\n\n", spent.Round(time.Millisecond))
}

// tuneParams does a coordinate search over the main parameters on the dev
// split, maximising the mean of F1 as given and F1 under all perturbations.
func tuneParams(dev []prepared, sources []string) align.Params {
	p := align.DefaultParams()
	objective := func(p align.Params) float64 {
		res, _ := runParallel(dev, p)
		var s float64
		for _, src := range sources {
			_, _, f1 := res[src]["given"].prf()
			_, _, f2 := res[src]["all"].prf()
			_, _, f3 := res[src]["swap"].prf()
			_, _, f4 := res[src]["merge"].prf()
			_, _, f5 := res[src]["drop"].prf()
			s += f1 + 2*f2 + (f3+f4+f5)/2
		}
		return s / float64(len(sources)) / 4.5
	}
	type knob struct {
		name string
		ptr  func(*align.Params) *float64
	}
	knobs := []knob{
		{"Skip", func(p *align.Params) *float64 { return &p.Skip }},
		{"Bonus", func(p *align.Params) *float64 { return &p.Bonus }},
		{"Merge", func(p *align.Params) *float64 { return &p.Merge }},
		{"LenVar", func(p *align.Params) *float64 { return &p.LenVar }},
		{"LenCap", func(p *align.Params) *float64 { return &p.LenCap }},
		{"LexHit", func(p *align.Params) *float64 { return &p.LexHit }},
		{"LexMiss", func(p *align.Params) *float64 { return &p.LexMiss }},
		{"NumHit", func(p *align.Params) *float64 { return &p.NumHit }},
		{"NumMiss", func(p *align.Params) *float64 { return &p.NumMiss }},
		{"Reorder", func(p *align.Params) *float64 { return &p.Reorder }},
		{"Attach", func(p *align.Params) *float64 { return &p.Attach }},
		{"ParaMin", func(p *align.Params) *float64 { return &p.ParaMin }},
	}
	best := objective(p)
	fmt.Printf("tuning on dev: start %.4f\n", best)
	for round := 0; round < 2; round++ {
		for _, k := range knobs {
			for _, f := range []float64{0.5, 0.75, 1.33, 2} {
				q := p
				*k.ptr(&q) *= f
				if s := objective(q); s > best+1e-4 {
					best, p = s, q
					fmt.Printf("  %s x%.2f -> %.4f\n", k.name, f, s)
				}
			}
		}
	}
	fmt.Printf("tuned: %+v\n\n", p)
	return p
}
