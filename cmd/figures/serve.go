package main

import (
	"context"
	"fmt"
)

func cmdServe(ctx context.Context, e env, args []string) int {
	fmt.Fprintln(e.stderr, "figures serve: not built yet")
	return 2
}
