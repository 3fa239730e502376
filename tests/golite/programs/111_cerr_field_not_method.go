package main

import "fmt"

type Base struct{}

func (Base) Name() string { return "base" }

// Worker's own Name field hides the Name method promoted from Base.
type Worker struct {
	Base
	Name string
}

type named interface{ Name() string }

func main() {
	var n named = &Worker{Name: "w1"}
	fmt.Println(n)
}
