package main

import "fmt"

type E struct{}

func (E) Error() string { return "e" }

type Fooer interface{ Foo() }

func main() {
	var err error = E{}
	f := err.(Fooer)
	fmt.Println(f)
}
