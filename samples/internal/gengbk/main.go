// Command gengbk writes the GBK-encoded sample pages: every src/*.html
// (kept in UTF-8 so that it can be read and edited) is encoded to GBK into
// corpus/ with the same name. Run it with go generate ./samples; a test in
// package samples fails when the two drift apart.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func main() {
	if err := run("src", "corpus"); err != nil {
		fmt.Fprintln(os.Stderr, "gengbk:", err)
		os.Exit(1)
	}
}

func run(src, dst string) error {
	names, err := filepath.Glob(filepath.Join(src, "*.html"))
	if err != nil {
		return err
	}
	for _, name := range names {
		utf8, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		// The GBK encoder fails on a character GBK lacks (©, emoji, ...),
		// rather than writing a replacement: the page must be fixed.
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf8)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out := filepath.Join(dst, filepath.Base(name))
		if err := os.WriteFile(out, gbk, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s -> %s (GBK, %d bytes)\n", name, out, len(gbk))
	}
	return nil
}
