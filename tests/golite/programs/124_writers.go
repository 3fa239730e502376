// fmt.Fprint* into a *strings.Builder, os.Stdout, os.Stderr and a writer of the
// program's own; io.Writer as a parameter type.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

type tally struct {
	lines []string
	bytes int
}

func (t *tally) Write(p []byte) (int, error) {
	t.lines = append(t.lines, strings.TrimSpace(string(p)))
	t.bytes += len(p)
	return len(p), nil
}

type upper struct{ sb *strings.Builder }

func (u upper) Write(p []byte) (int, error) {
	u.sb.WriteString(strings.ToUpper(string(p)))
	return len(p), nil
}

func report(w io.Writer, id, result int) {
	fmt.Fprintf(w, "job %d -> %d\n", id, result)
}

func main() {
	var sb strings.Builder
	n, err := fmt.Fprintf(&sb, "job %d done", 3)
	fmt.Println(n, err, sb.Len(), sb.String())
	fmt.Fprintln(&sb, " - ok")
	fmt.Fprint(&sb, "x", 1, 2, "y")
	fmt.Printf("%q\n", sb.String())

	t := &tally{}
	for i := range 3 {
		fmt.Fprintf(t, "line %d\n", i)
	}
	fmt.Println(t.lines, t.bytes)

	var inner strings.Builder
	m, _ := fmt.Fprintf(upper{&inner}, "hello %s", "go")
	fmt.Println(m, inner.String())

	var all strings.Builder
	writers := []io.Writer{os.Stdout, &all, t}
	for i, w := range writers {
		report(w, i, i*i)
	}
	k, err := all.Write([]byte("raw"))
	fmt.Println(k, err, all.String(), t.bytes)
	os.Stdout.Write([]byte("direct\n"))
	fmt.Fprintln(os.Stderr, "to stderr")

	reports := make([]strings.Builder, 2)
	fmt.Fprintf(&reports[1], "r%d", 1)
	fmt.Println(reports[0].String() == "", reports[1].String())
	var none io.Writer
	fmt.Printf("%v %T %T\n", none == nil, writers[0], writers[1])
}
