package review

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// CSRF protection: every form carries a token, "<unix time in base 36>.<HMAC
// of it under a random per-server secret>", checked on POST. No cookie or
// session is needed: another site cannot read a page of ours (same-origin
// policy, and the host check stops DNS rebinding), so it cannot get a valid
// token. Tokens expire after a day, and all of them when the server
// restarts; the error page then says to reload. The cross-origin check of
// net/http (Sec-Fetch-Site, Origin) runs before the token is looked at.

const csrfMaxAge = 24 * time.Hour

func (s *Server) csrfToken() string {
	ts := strconv.FormatInt(time.Now().Unix(), 36)
	return ts + "." + s.csrfMAC(ts)
}

func (s *Server) csrfMAC(ts string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("figures-review|" + ts))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkCSRF returns a 403 error unless tok is a token this server issued in
// the last day.
func (s *Server) checkCSRF(tok string) error {
	ts, mac, ok := strings.Cut(tok, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(s.csrfMAC(ts))) {
		return httpErr(http.StatusForbidden, "The form's security token is missing or not valid (was the server restarted?). Reload the page and try again.")
	}
	sec, err := strconv.ParseInt(ts, 36, 64)
	if err != nil {
		return httpErr(http.StatusForbidden, "The form's security token is not valid. Reload the page and try again.")
	}
	age := time.Since(time.Unix(sec, 0))
	if age > csrfMaxAge || age < -5*time.Minute {
		return httpErr(http.StatusForbidden, "The form has expired. Reload the page and try again.")
	}
	return nil
}
