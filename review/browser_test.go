package review

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The end-to-end test drives Debian's chromium, headless, through chromedp
// (pinned at v0.23.0: the generic Action[T] API; v0.16 and older have the
// pointer-output API and do not compile with this file). It uses the review
// UI as a fact-checker would and checks what ends up in SQLite.
//
// Without chromium on PATH it skips, saying so, unless
// FIGURES_REQUIRE_BROWSER is set (CI sets it, after installing chromium in
// .ci/run), in which case it fails. Screenshots go to the test's temporary
// directory, or to $FIGURES_SCREENSHOTS to keep them.

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts a headless chromium with the flags this closed network
// needs (no background networking, component updates or sync; otherwise it
// stalls on lookups) and a fresh profile.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := findChromium()
	if exe == "" {
		if os.Getenv("FIGURES_REQUIRE_BROWSER") != "" {
			t.Fatal("FIGURES_REQUIRE_BROWSER is set but chromium is not on PATH (apt-get install chromium)")
		}
		t.Skip("chromium is not installed, so the end-to-end browser test is skipped: apt-get install chromium to run it (CI installs it and sets FIGURES_REQUIRE_BROWSER=1)")
	}
	profile, err := os.MkdirTemp("", "figures-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.WindowSize(1400, 1000),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // chromium refuses to run its sandbox as root
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// Start the browser with a context without deadline: the first run
	// binds the browser's life to its context.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	tctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel)
	return tctx
}

func TestBrowser(t *testing.T) {
	ctx := startBrowser(t)
	f := buildFixture(t)
	s := newServer(t, f)
	ts := httptest.NewServer(s)
	defer ts.Close()

	shots := os.Getenv("FIGURES_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
			return
		}
		p := filepath.Join(shots, name+".png")
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Error(err)
		}
		t.Logf("screenshot: %s", p)
	}
	start := time.Now()
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		t.Logf("%6.2fs %s", time.Since(start).Seconds(), what)
		// No step takes long: a missing element fails in seconds, not at
		// the test's deadline.
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			shot("failed")
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	// open loads a page, which must answer 200.
	open := func(what, path, waitFor string) {
		t.Helper()
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(ts.URL+path))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if resp.Status != 200 {
			shot("failed")
			t.Fatalf("%s: GET %s = %d", what, path, resp.Status)
		}
		do(what, chromedp.WaitVisible(chromedp.CSS(waitFor)))
	}
	// clickAndLoad clicks and waits for the page it leads to.
	clickAndLoad := func(what, sel string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
			shot("failed")
			t.Fatalf("%s (%s): %v", what, sel, err)
		}
	}

	zc := claimID(t, f, f.zh1, "18.75亿元")
	ec := claimID(t, f, f.en1, "18.75 billion yuan")
	lid := linkID(t, f, zc)

	// 1. The list of pairs.
	open("open the list", "/", "table.pairs")
	if list := text("table.pairs"); !strings.Contains(list, pensionZH) || !strings.Contains(list, "一季度财政收支情况") {
		t.Errorf("pairs list shows %q", list)
	}
	shot("1-pairs")

	// 2. Open the pension pair from the list.
	clickAndLoad("open the pair", fmt.Sprintf("#pair-%d td.title a", f.pair1))
	do("pair page", chromedp.WaitVisible(chromedp.CSS("#problems")))
	if loc := eval("location.pathname"); loc != fmt.Sprintf("/pair/%d", f.pair1) {
		t.Fatalf("at %s", loc)
	}
	// The known mismatch is listed at the top with its explanation, and
	// highlighted in the text in the mismatch colour (the stylesheet loaded
	// under the CSP).
	if probs := text("#problems .problist"); !strings.Contains(probs, "18.75亿元") || !strings.Contains(probs, "10 times too large") {
		t.Errorf("problems list: %q", probs)
	}
	fig := fmt.Sprintf("#c%d", zc)
	if cls := eval(fmt.Sprintf("document.querySelector(%q).className", fig)); cls != "fig v-mismatch" {
		t.Errorf("mismatched figure has class %q", cls)
	}
	if bg := eval(fmt.Sprintf("getComputedStyle(document.querySelector(%q)).backgroundColor", fig)); bg != "rgb(253, 228, 225)" {
		t.Errorf("mismatched figure's background is %s, want the mismatch red", bg)
	}
	shot("2-pair")

	// 3. Select the figure: its detail shows the explanation and the
	// counterpart is marked, without a page load (the script).
	do("select the figure", chromedp.Click(chromedp.CSS(fig)), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#l%d", lid))))
	if d := text(fmt.Sprintf("#l%d", lid)); !strings.Contains(d, "10 times too large") || !strings.Contains(d, "18.75 billion yuan") ||
		!strings.Contains(d, "1,875,000,000") {
		t.Errorf("detail of the selected link: %q", d)
	}
	if sel := eval(fmt.Sprintf(`String(document.querySelector("#c%d").classList.contains("sel"))`, ec)); sel != "true" {
		t.Error("the English counterpart is not marked when the Chinese figure is selected")
	}
	if q := eval("location.search"); q != fmt.Sprintf("?link=%d", lid) {
		t.Errorf("URL after selecting: %s", q)
	}
	shot("3-selected")

	// 4. Record a decision; it is stored and shown.
	const note = "亿 read as billion; checked against the Chinese original"
	do("fill in the decision",
		chromedp.Click(chromedp.CSS(`#decide input[value="confirmed_error"]`)),
		chromedp.SendKeys(chromedp.CSS("#note"), note))
	clickAndLoad("save the decision", `#decide button[type="submit"]`)
	do("decision shown", chromedp.WaitVisible(chromedp.CSS("#problems .badge.d-confirmed_error")))
	var decision, stored string
	if err := f.db.SQL().QueryRow("SELECT decision, note FROM reviews").Scan(&decision, &stored); err != nil {
		t.Fatalf("no decision stored: %v", err)
	}
	if decision != "confirmed_error" || stored != note {
		t.Errorf("stored %s %q", decision, stored)
	}
	if d := text(fmt.Sprintf("#l%d", lid)); !strings.Contains(d, "Confirmed error") || !strings.Contains(d, note) {
		t.Errorf("decision not shown in the detail: %q", d)
	}
	shot("4-decided")
	open("back to the list", "/", "table.pairs")
	if row := text(fmt.Sprintf("#pair-%d", f.pair1)); !strings.Contains(row, "1 confirmed") {
		t.Errorf("the list does not show the decision: %q", row)
	}

	// 5. A document with <script> in its text shows it as text and runs
	// nothing.
	open("open the notice", fmt.Sprintf("/doc/%d", f.script), "article.doctext")
	if body := text("article.doctext"); !strings.Contains(body, scriptJS) {
		t.Errorf("the script tag is not shown as text: %q", body)
	}
	if v := eval("typeof window.pwned"); v != "undefined" {
		t.Error("the document's script ran")
	}
	if n := eval(`String(document.querySelectorAll("main script").length)`); n != "0" {
		t.Errorf("%s script elements in the page body", n)
	}
	if h := text("h1"); h != "Website notice <b>bold</b>" {
		t.Errorf("title shown as %q", h)
	}
	shot("5-script-as-text")

	// 6. Search in Chinese.
	open("search", "/documents?q="+url.QueryEscape("亿元"), "ol.doclist")
	if res := text("ol.doclist"); !strings.Contains(res, pensionZH) || !strings.Contains(res, "一季度财政收支情况") || strings.Contains(res, "五一假期") {
		t.Errorf("search 亿元: %q", res)
	}
	shot("6-search")

	// 7. The overview chart.
	open("overview", "/overview", "svg.bars")
	if n := eval(`String(document.querySelectorAll("svg.bars rect.seg-confirmed_error").length)`); n == "0" {
		t.Error("the chart has no confirmed-error bar")
	}
	shot("7-overview")

	// 8. Reading works without JavaScript: a figure is a link that reloads
	// the page with it selected.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable scripts: %v", err)
	}
	pc := claimID(t, f, f.zh2, "3.2个百分点")
	plid := linkID(t, f, pc)
	open("pair without JS", fmt.Sprintf("/pair/%d", f.pair2), "#problems")
	clickAndLoad("select without JS", fmt.Sprintf("#c%d", pc))
	if q := eval("location.search"); q != fmt.Sprintf("?link=%d", plid) {
		t.Errorf("without JS the figure led to %s", q)
	}
	if d := text(fmt.Sprintf("#l%d", plid)); !strings.Contains(d, "percentage points") {
		t.Errorf("without JS the detail shows %q", d)
	}
	shot("8-no-javascript")
}
