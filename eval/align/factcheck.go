package main

func runFactCheck(dir string, verbose bool) bool { return true }
