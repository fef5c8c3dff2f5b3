// Command figures checks the numbers in bilingual government bulletins: it
// extracts every figure from Chinese and English texts, aligns a Chinese
// original with its translation and reports which translated figures are
// wrong and why, and stores the facts in SQLite for export.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// env is what a subcommand may touch: its streams. Tests run subcommands
// with buffers in place of the process's streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand: it returns the process exit status
// (0 fine, 1 mismatches found, 2 usage or input error).
type command func(ctx context.Context, e env, args []string) int

var commands = map[string]command{
	"extract": cmdExtract,
	"check":   cmdCheck,
	"ingest":  cmdIngest,
	"serve":   cmdServe,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, env{os.Stdin, os.Stdout, os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: figures extract|check|ingest|export|serve|demo ...")
		return 2
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "figures: unknown command %q\n", args[0])
		return 2
	}
	return cmd(ctx, e, args[1:])
}
