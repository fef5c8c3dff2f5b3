package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"figures/review"
	"figures/store"
)

func cmdServe(ctx context.Context, e env, args []string) int {
	const prog = "figures serve"
	if wantsHelp(args) {
		fmt.Fprint(e.stdout, helps["serve"])
		return exitOK
	}
	fl := newFlags(prog)
	dbPath := fl.String("db", "figures.db", "")
	addr := fl.String("addr", "127.0.0.1:8080", "")
	rest, err := parseFlags(fl, args)
	if err != nil {
		return usageError(e, prog, err)
	}
	if len(rest) > 0 {
		return usageError(e, prog, fmt.Errorf("unexpected argument %q (the database is given with --db)", rest[0]))
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
	db, err := store.OpenExisting(*dbPath)
	if err != nil {
		fmt.Fprintln(e.stderr, "figures serve:", err)
		return 2
	}
	defer db.Close()
	// Listen before the search index is brought up to date, which can take
	// a while: a port in use should fail at once.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(e.stderr, "figures serve:", err)
		return 2
	}
	defer ln.Close()

	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	opt := review.Options{Logger: log}
	if err := probeWritable(ctx, db.SQL()); err != nil {
		opt.ReadOnly = true
		fmt.Fprintf(e.stderr, "figures serve: %s cannot be written (%v): reviewing read-only, decisions cannot be saved\n", *dbPath, err)
	}
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
	switch {
	case !srv.FTS() && opt.ReadOnly:
		fmt.Fprintln(e.stderr, "figures serve: the database has no search index and cannot be given one; search matches substrings")
	case !srv.FTS():
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
