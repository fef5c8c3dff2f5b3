package corpus

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold's fast path takes unified ideographs as they are: each must be its
// own NFKC form.
func TestUnifiedIdeographsAreNFKC(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if !isUnifiedIdeograph(r) {
			continue
		}
		s := string(r)
		if !norm.NFKC.IsNormalString(s) || norm.NFKC.String(s) != s {
			t.Errorf("U+%04X is not its own NFKC form", r)
		}
	}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"为５０.２５万名残疾人发放补贴4.39亿元。", "为50.25万名残疾人发放补贴4.39亿元。"},
		{"增长３．２％，达到１：０.８１", "增长3.2%,达到1:0.81"},
		{"二〇二二年\u3000一月", "二〇二二年 一月"},
		{"㎡ and ﬁ", "m2 and fi"},
		{"bad \xff byte", "bad \uFFFD byte"},
	} {
		f := Fold(tc.in)
		if f.Text != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, f.Text, tc.want)
		}
		// Every byte of the fold maps back to the code point it came from.
		runes := []rune(tc.in)
		for i := 0; i < len(f.Text); {
			r, n := utf8.DecodeRuneInString(f.Text[i:])
			o := f.Orig(i)
			if o < 0 || o >= len(runes) {
				t.Fatalf("Fold(%q): byte %d maps to %d, outside the text", tc.in, i, o)
			}
			if norm.NFKC.String(string(runes[o])) != string(r) && string(runes[o]) != string(r) &&
				!(runes[o] == '\u3000' && r == ' ') && !containsRune(norm.NFKC.String(string(runes[o])), r) && r != utf8.RuneError {
				t.Errorf("Fold(%q): %q at byte %d maps to %q", tc.in, r, i, runes[o])
			}
			i += n
		}
		if f.Orig(len(f.Text)) != len(runes) {
			t.Errorf("Fold(%q): the end maps to %d, want %d", tc.in, f.Orig(len(f.Text)), len(runes))
		}
	}
}

func containsRune(s string, r rune) bool {
	for _, x := range s {
		if x == r {
			return true
		}
	}
	return false
}

// foldText is Fold without the offset map; it must give the same text.
func TestFoldText(t *testing.T) {
	for _, s := range []string{
		"", "2022-01-24", "发布时间：2022年01月24日", "为５０.２５万名残疾人发放补贴4.39亿元。",
		"二〇二二年\u3000一月", "㎡ and ﬁ", "bad \xff byte", "\uFFFD", "ends \xe4\xb8", "Ⅻ①²",
	} {
		if got, want := foldText(s), Fold(s).Text; got != want {
			t.Errorf("foldText(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFoldText(f *testing.F) {
	f.Add("增长３．２％，达到１：０.８１")
	f.Add("bad \xff byte")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldText(s), Fold(s).Text; got != want {
			t.Errorf("foldText(%q) = %q, want %q", s, got, want)
		}
	})
}

// The table foldRune looks characters up in says what norm.NFKC does.
func TestNFKCStableTable(t *testing.T) {
	tbl := nfkcStable()
	for r := rune(0); r < 0x10000; r++ {
		s := string(r)
		if got, want := tbl[r>>6]&(1<<(r&63)) != 0, norm.NFKC.IsNormalString(s); got != want {
			t.Errorf("U+%04X: table says %v, IsNormalString %v", r, got, want)
		}
	}
}

// foldRune's shortcut for full-width ASCII is NFKC's answer.
func TestFullWidthASCII(t *testing.T) {
	for r := rune(0xff01); r <= 0xff5e; r++ {
		s := string(r)
		if got, want := foldRune(r, s), norm.NFKC.String(s); got != want {
			t.Errorf("foldRune(%q) = %q, NFKC %q", s, got, want)
		}
	}
}
