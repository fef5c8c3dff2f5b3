package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// Any text written as a CSV field reads back the same with a standard CSV
// reader (which, per RFC 4180 practice, folds CRLF inside a field to LF).
func FuzzCSVField(f *testing.F) {
	for _, s := range []string{"", "plain", "a,b", `say "hi"`, "two\nlines", " lead", "trail ", "4.39亿元", "\r\n", "\"", ",\"\n"} {
		f.Add(s, "second")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.ContainsRune(a+b, '\uFFFD') || !validUTF8(a+b) {
			t.Skip()
		}
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		writeCSVField(w, a)
		w.WriteByte(',')
		writeCSVField(w, b)
		w.WriteString("\r\n")
		w.Flush()
		r := csv.NewReader(&buf)
		r.FieldsPerRecord = 2
		rec, err := r.Read()
		if err != nil {
			t.Fatalf("%q, %q written as %q: %v", a, b, buf.String(), err)
		}
		fold := strings.NewReplacer("\r\n", "\n").Replace
		if rec[0] != fold(a) || rec[1] != fold(b) {
			t.Errorf("%q, %q read back as %q", a, b, rec)
		}
	})
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// appendJSONString agrees with encoding/json on every string.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "<&>", "\x00\x1f\t\n\r", "\u2028\u2029", "4.39亿元", "\xff\xfe", "a\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q encoded as %s: %v", s, got, err)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		// encoding/json replaces each invalid byte; ToValidUTF8 a run of them.
		ref, _ := json.Marshal(s)
		var refBack string
		json.Unmarshal(ref, &refBack)
		if back != refBack {
			t.Errorf("%q: decoded %q, encoding/json gives %q (want ~%q)", s, back, refBack, want)
		}
	})
}
