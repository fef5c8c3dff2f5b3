package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		format string
		pos    []string
		err    string
	}{
		{[]string{"a", "b"}, "text", []string{"a", "b"}, ""},
		{[]string{"--format", "json", "a", "b"}, "json", []string{"a", "b"}, ""},
		{[]string{"a", "b", "--format", "json"}, "json", []string{"a", "b"}, ""},
		{[]string{"a", "--format=json", "b"}, "json", []string{"a", "b"}, ""},
		{[]string{"-format", "json", "-", "b"}, "json", []string{"-", "b"}, ""},
		{[]string{"a", "--", "--format", "json"}, "text", []string{"a", "--format", "json"}, ""},
		{[]string{"--format", "xml"}, "", nil, `invalid value "xml" for --format: want text, json`},
		{[]string{"--nope"}, "", nil, "unknown flag --nope"},
		{[]string{"a", "--format"}, "", nil, "flag --format needs a value"},
	} {
		fl := newFlags("test")
		format := newChoice("text", "text", "json")
		fl.Var(format, "format", "")
		pos, err := parseFlags(fl, tc.args)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: err %v, want %q", tc.args, err, tc.err)
			}
			continue
		}
		if err != nil || format.value != tc.format || !reflect.DeepEqual(pos, tc.pos) {
			t.Errorf("%q: format %q, positional %q, err %v; want %q, %q", tc.args, format.value, pos, err, tc.format, tc.pos)
		}
	}
}

// Any argument list parses or fails with one line, and the positional
// arguments come back in order.
func FuzzParseFlags(f *testing.F) {
	f.Add("a\x00--format\x00json\x00b")
	f.Add("--\x00-x")
	f.Add("--format=\x00-\x00--")
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		fl := newFlags("fuzz")
		fl.Var(newChoice("text", "text", "json"), "format", "")
		fl.Bool("bom", false, "")
		pos, err := parseFlags(fl, args)
		if err != nil {
			if strings.Contains(oneLineMsg(err), "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		if len(pos) > len(args) {
			t.Errorf("%q: more positional arguments than arguments: %q", args, pos)
		}
	})
}
