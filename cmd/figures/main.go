// Command figures checks the numbers in bilingual government bulletins: it
// extracts every figure from Chinese and English texts, aligns a Chinese
// original with its translation and reports which translated figures are
// wrong and why, and stores the facts in SQLite for export.
//
// The command line is a contract other tools drive (README.md): JSON Lines
// and CSV on stdout, one-line errors on stderr, and exit status 0 (fine),
// 1 (a figure is mismatched, or some files failed to ingest) or 2 (usage or
// input error).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

// env is what a subcommand may touch: its streams and working directory.
// Tests run subcommands with buffers in place of the process's streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// The exit statuses.
const (
	exitOK       = 0
	exitFindings = 1 // check: a figure is mismatched; ingest: a file failed
	exitUsage    = 2 // bad flags or arguments, unreadable input
)

// command is one subcommand: it returns the process exit status.
type command func(ctx context.Context, e env, args []string) int

// commands maps subcommand names to their functions, one file each.
var commands = map[string]command{
	"extract": cmdExtract,
	"check":   cmdCheck,
	"ingest":  cmdIngest,
	"export":  cmdExport,
	"serve":   cmdServe,
	"demo":    cmdDemo,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, env{os.Stdin, os.Stdout, os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches args (without the program name) and returns the exit status.
// --help (or -h) anywhere before a "--" prints the command's help on stdout
// and succeeds, whatever else is on the line.
func run(ctx context.Context, e env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, mainUsage)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && name == "help" {
			if h, ok := helps[args[1]]; ok {
				fmt.Fprint(e.stdout, h)
				return exitOK
			}
			return usageError(e, "figures help", fmt.Errorf("unknown command %q", args[1]))
		}
		fmt.Fprint(e.stdout, mainUsage)
		return exitOK
	case "-version", "--version", "version":
		fmt.Fprintln(e.stdout, version())
		return exitOK
	}
	cmd, ok := commands[name]
	if !ok {
		if len(name) > 0 && name[0] == '-' {
			return usageError(e, "figures", fmt.Errorf("unknown flag %s", name))
		}
		return usageError(e, "figures", fmt.Errorf("unknown command %q", name))
	}
	if wantsHelp(args[1:]) {
		fmt.Fprint(e.stdout, helps[name])
		return exitOK
	}
	return cmd(ctx, e, args[1:])
}

func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// usageError prints a one-line error pointing at the help and returns 2.
func usageError(e env, prog string, err error) int {
	fmt.Fprintf(e.stderr, "%s: %s (see %s --help)\n", prog, oneLineMsg(err), helpName(prog))
	return exitUsage
}

// oneLineMsg is err's message with line breaks escaped: an error is one
// line on stderr even when a file name or argument contains a newline.
func oneLineMsg(err error) string {
	return escapeLines(err.Error())
}

// errInterrupted replaces "context canceled" when Ctrl-C or SIGTERM stops a
// command.
var errInterrupted = errors.New("interrupted")

// escapeLines writes line breaks in s (a file name, say) as \n and \r.
func escapeLines(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}

func helpName(prog string) string {
	if prog == "figures help" {
		return "figures"
	}
	return prog
}

// fail prints a one-line error for a failure that is not a usage mistake
// (unreadable file, broken database) and returns status code.
func fail(e env, prog string, code int, err error) int {
	fmt.Fprintf(e.stderr, "%s: %s\n", prog, oneLineMsg(err))
	return code
}

// version reports the module version and VCS revision the binary was built
// from, as far as the Go toolchain recorded them.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "figures (unknown version)"
	}
	v := "figures " + bi.Main.Version
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v += " " + s.Value
		case "vcs.modified":
			if s.Value == "true" {
				v += "+dirty"
			}
		}
	}
	return v + " " + bi.GoVersion
}
