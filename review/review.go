// Package review is figures' web UI for fact-checkers (`figures serve`): a
// list of document pairs with their problem counts, each pair's two texts side
// by side with every figure coloured by verdict, the reviewer's decisions on
// links, documents without a counterpart, full-text search and an overview
// chart. It reads the store's tables directly and writes only the reviews
// table (and its own search index).
//
// Everything is served from the binary: templates and static files are
// embedded, there is no JavaScript build step, and every page reads without
// JavaScript (a few lines of script only make selecting a figure instant).
// Document text is untrusted and always goes through html/template's
// escaping. State changes only by POST, with a CSRF token and an origin
// check; requests for other hosts than the one bound are refused, so a
// DNS-rebinding page cannot read the reviewer's data.
package review

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"figures/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server.
type Options struct {
	// Logger receives request failures and index syncs; nil discards them.
	Logger *slog.Logger
	// Hosts are the Host header values (without port) the server answers,
	// besides localhost, 127.0.0.1 and ::1. Requests naming another host get
	// 403: a defence against DNS rebinding. Set AnyHost to turn the check
	// off (when serving on a network address on purpose).
	Hosts   []string
	AnyHost bool
	// ReadOnly serves a database that cannot be written (a read-only file,
	// an archive on a read-only mount): pages and search work, the search
	// index is used as last built (or search matches substrings when there
	// is none), and saving a decision answers 403 saying why.
	ReadOnly bool
}

// Server is the review UI over one store. It is an http.Handler.
type Server struct {
	db       *sql.DB
	log      *slog.Logger
	fts      bool
	secret   []byte
	pages    map[string]*template.Template
	handler  http.Handler
	hosts    map[string]bool
	anyHost  bool
	readOnly bool

	syncMu   sync.Mutex
	lastSync time.Time
}

// New returns a review server over db. It creates the search index table if
// needed (see SyncIndex to fill it).
func New(ctx context.Context, db *store.DB, opt Options) (*Server, error) {
	s := &Server{db: db.SQL(), log: opt.Logger, fts: true, anyHost: opt.AnyHost,
		hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	for _, h := range opt.Hosts {
		s.hosts[strings.ToLower(h)] = true
	}
	s.readOnly = opt.ReadOnly
	if s.readOnly {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'documents_fts'`).Scan(&n); err != nil {
			return nil, fmt.Errorf("read search index: %w", err)
		}
		s.fts = n > 0
	} else if err := ensureIndex(ctx, s.db); err != nil {
		if !errors.Is(err, errNoFTS) {
			return nil, err
		}
		s.fts = false
		s.log.Warn("full-text search falls back to substring matching", "reason", err)
	}
	s.secret = make([]byte, 32)
	if _, err := rand.Read(s.secret); err != nil {
		return nil, fmt.Errorf("csrf secret: %w", err)
	}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// FTS reports whether full-text search uses SQLite FTS5 (false in a binary
// built without the sqlite_fts5 tag: search then matches substrings).
func (s *Server) FTS() bool { return s.fts }

// SyncIndex brings the search index up to date with the documents table.
// The server also does this lazily before searches; calling it at start-up
// makes the first search fast and reports the work done.
func (s *Server) SyncIndex(ctx context.Context) (IndexStats, error) {
	if !s.fts || s.readOnly {
		return IndexStats{}, nil
	}
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	st, err := syncIndex(ctx, s.db)
	if err == nil {
		s.lastSync = time.Now()
	}
	return st, err
}

// ServeHTTP serves the UI.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", s.page(s.handlePairs))
	mux.Handle("GET /pair/{id}", s.page(s.handlePair))
	mux.Handle("GET /doc/{id}", s.page(s.handleDoc))
	mux.Handle("GET /documents", s.page(s.handleDocuments))
	mux.Handle("GET /overview", s.page(s.handleOverview))
	mux.Handle("POST /review", s.page(s.handleReview))
	mux.Handle("GET /review", s.page(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Allow", "POST")
		return httpErr(http.StatusMethodNotAllowed, "Decisions are recorded from a pair's page.")
	}))
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(time.Hour, http.FileServerFS(static))))
	mux.Handle("GET /", s.page(func(w http.ResponseWriter, r *http.Request) error {
		return httpErr(http.StatusNotFound, "There is no page at %s.", r.URL.Path)
	}))
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, httpErr(http.StatusForbidden, "Cross-origin request refused: decisions can only be recorded from figures' own pages."))
	}))
	return s.guard(cop.Handler(mux))
}

// guard sets the security headers, refuses unknown hosts and turns a panic
// into a 500 page.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", v)
				s.renderError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		if !s.anyHost && !s.hostAllowed(r.Host) {
			s.renderError(w, r, httpErr(http.StatusForbidden, "This server does not answer for host %q.", r.Host))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	return s.hosts[host]
}

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}

// statusError is an error with the HTTP status and the message to show.
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return e.msg }

func httpErr(code int, format string, args ...any) error {
	return &statusError{code, fmt.Sprintf(format, args...)}
}

// page adapts a handler that returns an error: a statusError becomes its
// page and status, anything else a logged 500.
func (s *Server) page(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	})
}

type errorPage struct {
	basePage
	Code    int
	Status  string
	Message string
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	var se *statusError
	if !errors.As(err, &se) {
		if errors.Is(err, context.Canceled) {
			return
		}
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		se = &statusError{http.StatusInternalServerError, "Something went wrong on the server; the log has the details."}
	}
	p := errorPage{Code: se.code, Status: http.StatusText(se.code), Message: se.msg}
	p.Title = fmt.Sprintf("%d %s", se.code, p.Status)
	s.render(w, se.code, "error", &p)
}
