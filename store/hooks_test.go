package store

import "slices"

// AddWriterPragmas makes the Writers opened from now on run pragmas after
// their own, for the benchmarks' variants; the returned func undoes it.
func AddWriterPragmas(pragmas ...string) (restore func()) {
	old := writerPragmas
	writerPragmas = append(slices.Clone(old), pragmas...)
	return func() { writerPragmas = old }
}

// SetMaxRowsPerInsert changes how many rows a multi-row INSERT holds, for
// the benchmarks' variants; the returned func undoes it.
func SetMaxRowsPerInsert(n int) (restore func()) {
	old := maxRowsPerInsert
	maxRowsPerInsert = n
	return func() { maxRowsPerInsert = old }
}
