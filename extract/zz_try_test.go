package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZTry(t *testing.T) {
	in := os.Getenv("TRY")
	lang := "zh"
	if strings.HasPrefix(in, "en:") {
		lang, in = "en", in[3:]
	}
	for _, line := range strings.Split(in, "|") {
		for _, c := range String(lang, line) {
			fmt.Printf("%q %s %s..%s %s %s ctx=%q [%d,%d) core[%d,%d) out[%d,%d)\n", c.Text, c.Kind, c.Value, c.ValueMax, c.Unit, c.Qualifier, c.Context, c.Start, c.End, c.Core.Start, c.Core.End, c.Outer.Start, c.Outer.End)
		}
		fmt.Println("--")
	}
}
