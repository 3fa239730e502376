package main

import "fmt"

type reader struct{}

func (reader) Name() string { return "reader" }

type writer struct{}

func (writer) Name() string { return "writer" }

type conn struct {
	reader
	writer
}

type named interface{ Name() string }

func main() {
	var n named = conn{}
	fmt.Println(n)
}
