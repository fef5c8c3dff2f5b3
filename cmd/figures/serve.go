package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"figures/review"
	"figures/store"
)

const serveUsage = `usage: figures serve [--db PATH] [--addr HOST:PORT]

Serves the review UI for fact-checkers over a figures database: every
document pair with its mismatched, dropped and added figures, the two texts
side by side with each figure coloured by verdict, decisions on each link
(confirmed error, false alarm, needs a second look), documents without a
counterpart, full-text search (Chinese by gse words) and an overview chart.
Decisions go to the database's reviews table.

The server listens on 127.0.0.1 only unless --addr names another address;
it has no login, so do not expose it beyond machines you trust.

Example:
  figures ingest --db figures.db bulletins/
  figures serve --db figures.db
  # then open http://127.0.0.1:8080/

Flags:
`

func cmdServe(ctx context.Context, e env, args []string) int {
	fset := flag.NewFlagSet("figures serve", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	fset.Usage = func() {}
	dbPath := fset.String("db", "figures.db", "figures database to review (made by figures ingest or figures demo)")
	addr := fset.String("addr", "127.0.0.1:8080", "address to listen on")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.stdout, serveUsage)
			fset.SetOutput(e.stdout)
			fset.PrintDefaults()
			return 0
		}
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
			msg = "unknown flag -" + strings.TrimLeft(name, "-")
			if len(name) > 2 {
				msg = "unknown flag --" + strings.TrimLeft(name, "-")
			}
		}
		fmt.Fprintf(e.stderr, "figures serve: %s (see figures serve --help)\n", msg)
		return 2
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(e.stderr, "figures serve: unexpected argument %q (the database is given with --db)\n", fset.Arg(0))
		return 2
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "figures serve: --addr %q: want HOST:PORT, e.g. 127.0.0.1:8080\n", *addr)
		return 2
	}
	if fi, err := os.Stat(*dbPath); err != nil || fi.IsDir() {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(e.stderr, "figures serve: %s: no figures database there (run figures ingest --db %s FILES... first)\n", *dbPath, *dbPath)
		} else {
			fmt.Fprintf(e.stderr, "figures serve: %v\n", err)
		}
		return 2
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		fmt.Fprintln(e.stderr, "figures serve:", err)
		return 2
	}
	defer db.Close()

	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	opt := review.Options{Logger: log}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		// Listening on every interface: the reviewer chose to be reachable
		// under names we cannot know.
		opt.AnyHost = true
		fmt.Fprintf(e.stderr, "figures serve: warning: listening on all interfaces (%s) without a login\n", *addr)
	} else if ip == nil || !ip.IsLoopback() {
		opt.Hosts = []string{host}
		fmt.Fprintf(e.stderr, "figures serve: warning: %s is reachable from other machines and has no login\n", *addr)
	}
	srv, err := review.New(ctx, db, opt)
	if err != nil {
		fmt.Fprintln(e.stderr, "figures serve:", err)
		return 2
	}
	if !srv.FTS() {
		fmt.Fprintln(e.stderr, "figures serve: this binary has no SQLite FTS5 (build with -tags sqlite_fts5, as make build does); search falls back to substring matching")
	}
	start := time.Now()
	st, err := srv.SyncIndex(ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "figures serve:", err)
		return 2
	}
	if st.Indexed+st.Removed > 0 {
		fmt.Fprintf(e.stderr, "figures serve: indexed %d documents for search in %s\n", st.Indexed, time.Since(start).Round(time.Millisecond))
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(e.stderr, "figures serve:", err)
		return 2
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(e.stdout, "figures: reviewing %s at http://%s/ (Ctrl-C to stop)\n", *dbPath, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintln(e.stderr, "figures serve:", err)
		return 2
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		fmt.Fprintln(e.stderr, "figures serve: shutdown:", err)
	}
	return 0
}
