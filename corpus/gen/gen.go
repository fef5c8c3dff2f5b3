package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Config sets what a Generator makes.
type Config struct {
	// Seed makes the corpus reproducible: the same seed, the same files.
	Seed uint64
	// Start is the date of the first bulletins (2021-01-04 when zero).
	Start time.Time
	// PerDay is how many stories are dated each day (20 when zero).
	PerDay int
	// ErrorRate is the share of English figures written wrong (magnitude,
	// digits, qualifier, percent vs points), 0 for faithful translations.
	ErrorRate float64
	// BadRate is the share of stories replaced by a file that must fail
	// (binary, empty, undecodable) or be passed over (a PDF or an image).
	BadRate float64
	// TextOnly makes plain-text files only; HTMLOnly HTML pages only.
	TextOnly, HTMLOnly bool
}

// File is one generated file and what a reader should find in it.
type File struct {
	// Path is slash-separated and relative: 2021/01/04/jiangbei-civil-3.zh.html.
	Path string `json:"path"`
	Data []byte `json:"-"`
	Meta
}

// Meta is what figures should read from a file.
type Meta struct {
	Lang     string `json:"lang,omitempty"`     // zh-Hans, zh-Hant or en
	Encoding string `json:"encoding,omitempty"` // as written; a declared gb2312 reads as gbk
	Declared string `json:"declared,omitempty"` // the charset the page declares, if any ("lie" when it is wrong)
	Format   string `json:"format,omitempty"`   // text or html
	Title    string `json:"title,omitempty"`
	Date     string `json:"date,omitempty"`
	Source   string `json:"source,omitempty"`
	// Body is the article text Document.Text should hold; BodySHA256 its hash.
	Body       string `json:"-"`
	BodySHA256 string `json:"body_sha256,omitempty"`
	// Pair names the story: a Chinese original and its English version
	// share it.
	Pair string `json:"pair,omitempty"`
	// Seeded lists the English figures written wrong on purpose.
	Seeded []Seeded `json:"seeded_errors,omitempty"`
	// Bad says why the file must fail ("binary", "empty", "undecodable")
	// or be passed over ("unsupported").
	Bad string `json:"bad,omitempty"`
}

// Seeded is an English figure written wrong on purpose.
type Seeded struct {
	ZH    string `json:"zh"`    // the Chinese figure
	EN    string `json:"en"`    // what the English says
	Right string `json:"right"` // what it should say
	Class string `json:"class"` // the error class figures should report
}

// Generator makes stories one at a time. It is not safe for concurrent use.
type Generator struct {
	cfg   Config
	t     *templates
	r     *rand.Rand
	n     int // stories made
	count map[string]int
}

var parsed = sync.OnceValues(func() (*templates, error) { return parseTemplates(templatesTSV) })

// New returns a generator for cfg.
func New(cfg Config) (*Generator, error) {
	t, err := parsed()
	if err != nil {
		return nil, err
	}
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC)
	}
	if cfg.PerDay <= 0 {
		cfg.PerDay = 20
	}
	return &Generator{cfg: cfg, t: t, r: rand.New(rand.NewPCG(cfg.Seed, 0x6669677572657321)), count: map[string]int{}}, nil
}

// story is one bulletin in up to three versions.
type story struct {
	r       *rand.Rand
	topic   *topic
	city    triple
	date    time.Time
	values  map[string]value
	style   int // English house style (percent sign or word)
	variant int // hans or hant: the Chinese original's script
	seeded  []Seeded
}

// Next returns the files of the next story: a Chinese original with its
// English version, or a Chinese or English bulletin alone, or a bad file.
func (g *Generator) Next() []File {
	r := g.r
	day := g.cfg.Start.AddDate(0, 0, g.n/g.cfg.PerDay)
	g.n++
	s := &story{
		r:      r,
		topic:  g.t.topics[r.IntN(len(g.t.topics))],
		city:   g.t.cities[r.IntN(len(g.t.cities))],
		date:   day,
		values: map[string]value{},
		style:  r.IntN(2),
	}
	id := fmt.Sprintf("%s-%s", slug(s.city[en]), s.topic.name)
	g.count[id+day.Format("20060102")]++
	id = fmt.Sprintf("%s-%d", id, g.count[id+day.Format("20060102")])
	dir := day.Format("2006/01/02") + "/"

	if g.cfg.BadRate > 0 && r.Float64() < g.cfg.BadRate {
		return []File{g.bad(dir + id)}
	}
	var versions []int
	switch x := r.Float64(); {
	case x < 0.55:
		versions = []int{hans, en}
	case x < 0.65:
		versions = []int{hant, en}
	case x < 0.80:
		versions = []int{hans}
	case x < 0.90:
		versions = []int{en}
	default:
		versions = []int{hant}
	}
	s.variant = versions[0]
	if s.variant == en {
		s.variant = hans
	}
	paired := len(versions) == 2
	text := s.compose(versions, g.cfg.ErrorRate)
	var out []File
	for _, v := range versions {
		date := s.date
		if v == en && paired && r.IntN(10) == 0 {
			date = date.AddDate(0, 0, 1) // the translation came out a day later
		}
		f := g.render(s, text[v], v, date)
		f.Path = dir + id + "." + langCode[v] + "." + map[string]string{"text": "txt", "html": "html"}[f.Format]
		if paired {
			f.Pair = id + "@" + s.date.Format("2006-01-02")
			if v == en {
				f.Seeded = s.seeded
			}
		}
		out = append(out, f)
	}
	return out
}

var langCode = [3]string{"zh", "tc", "en"}
var langTag = [3]string{"zh-Hans", "zh-Hant", "en"}

// article is one version of a story, ready to lay out.
type article struct {
	title, agency string
	paras         []string
	related       []string // headlines for the page's related-news list
}

// compose writes the story in the versions asked for. The English
// condenses now and then: a sentence (and its figures) is left out.
func (s *story) compose(versions []int, errRate float64) map[int]article {
	r := s.r
	picked := r.Perm(len(s.topic.sentences))[:2+r.IntN(len(s.topic.sentences)-1)]
	groups := []int{}
	for left := len(picked); left > 0; {
		n := min(left, 1+r.IntN(3))
		groups = append(groups, n)
		left -= n
	}
	dropped := map[int]bool{}
	if len(versions) == 2 {
		for i := range picked {
			if r.IntN(8) == 0 {
				dropped[i] = true
			}
		}
	}
	closing := s.topic.closes[r.IntN(len(s.topic.closes))]
	rel := r.Perm(len(s.topic.rel))
	out := map[int]article{}
	for _, v := range versions {
		a := article{
			title:  s.fill(s.topic.title[v], v, 0),
			agency: s.names(s.topic.agency[v], v),
		}
		a.paras = append(a.paras, s.fill(s.topic.lead[v], v, 0))
		i := 0
		for _, n := range groups {
			var parts []string
			for range n {
				if !(v == en && dropped[i]) {
					parts = append(parts, s.fill(s.topic.sentences[picked[i]][v], v, errRate))
				}
				i++
			}
			if len(parts) > 0 {
				sep := ""
				if v == en {
					sep = " "
				}
				a.paras = append(a.paras, strings.Join(parts, sep))
			}
		}
		a.paras = append(a.paras, s.names(closing[v], v))
		// Related headlines carry figures of their own, which must never
		// become claims of this article.
		saved := s.values
		s.values = map[string]value{}
		for _, k := range rel {
			a.related = append(a.related, s.fill(s.topic.rel[k][v], v, 0))
		}
		s.values = saved
		out[v] = a
	}
	return out
}

func slug(s string) string {
	return strings.ToLower(strings.NewReplacer("'", "", " ", "-").Replace(s))
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
