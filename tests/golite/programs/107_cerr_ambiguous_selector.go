package main

import "fmt"

type reader struct{ id int }

func (reader) Name() string { return "reader" }

type writer struct{ id int }

func (writer) Name() string { return "writer" }

type conn struct {
	reader
	writer
}

func main() {
	var c conn
	fmt.Println(c.reader.Name(), c.writer.id)
	fmt.Println(c.Name())
}
