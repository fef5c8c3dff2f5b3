package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"figures/corpus"
)

// newFlags returns a flag set that reports errors to the caller instead of
// printing usage: the caller prints one line and exits 2.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args with fs and returns the positional arguments.
// Unlike flag.Parse it accepts flags after positional arguments
// (figures check zh.txt en.txt --format json), as people type them; after a
// "--" everything is positional. "-" is a positional argument (stdin).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, cleanFlagError(err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return append(pos, tail...), nil
}

// cleanFlagError rewrites the flag package's messages into the figures
// style, naming flags as the help does (--format, -o): "unknown flag
// --nope" rather than "flag provided but not defined: -nope".
func cleanFlagError(err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fmt.Errorf("unknown flag %s", dashes(name))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fmt.Errorf("flag %s needs a value", dashes(name))
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		// invalid value "xml" for flag -format: want text, json
		if i := strings.Index(rest, " for flag -"); i >= 0 {
			val, tail := rest[:i], rest[i+len(" for flag "):]
			name, why, _ := strings.Cut(tail, ": ")
			return fmt.Errorf("invalid value %s for %s: %s", val, dashes(name), why)
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		return fmt.Errorf("invalid boolean value %s", rest)
	}
	return errors.New(msg)
}

// dashes writes a flag name the way the help does: -o, --format.
func dashes(name string) string {
	name = strings.TrimLeft(name, "-")
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// choice is a flag whose value must be one of a fixed set.
type choice struct {
	value   string
	allowed []string
}

func newChoice(def string, allowed ...string) *choice { return &choice{def, allowed} }

func (c *choice) String() string { return c.value }

func (c *choice) Set(s string) error {
	for _, a := range c.allowed {
		if s == a {
			c.value = s
			return nil
		}
	}
	return fmt.Errorf("want %s", strings.Join(c.allowed, ", "))
}

// maxInput is the largest file extract and check read, the same limit
// figures ingest applies by default: a bulletin is kilobytes, and reading
// /dev/zero or a disk image named .txt must end in an error, not in the
// machine running out of memory.
const maxInput = 64 << 20

// loadDocument reads and decodes the bulletin at path ("-" is stdin). Errors
// are one line naming the file.
func loadDocument(e env, path string) (*corpus.Document, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = readLimited(e.stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
	} else {
		data, err = readFile(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", path, pathErr(err))
		}
	}
	doc, err := corpus.Parse(path, data)
	if err != nil {
		if path == "-" {
			// corpus names the file "-"; say what it is.
			return nil, fmt.Errorf("standard input: %s", strings.TrimPrefix(err.Error(), "-: "))
		}
		return nil, err
	}
	return doc, nil
}

// readFile reads a file, a named pipe or a device, up to maxInput bytes.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, errors.New("is a directory")
	}
	return readLimited(f)
}

func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("too large (more than %d MB), not a bulletin", maxInput>>20)
	}
	return data, nil
}

// pathErr strips the operation and path from an *fs.PathError: the caller's
// message names the file once.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
