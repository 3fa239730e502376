// A field at a shallower depth hides a method promoted from deeper down: Worker's
// Name is the string field, so Worker's method set has no Name() and Worker does
// not satisfy an interface that asks for it, while Base still does.
package main

import "fmt"

type Base struct{}

func (Base) Name() string { return "base" }

type Worker struct {
	Base
	Name string
}

type named interface{ Name() string }

func describe(x any) string {
	if n, ok := x.(named); ok {
		return "named " + n.Name()
	}
	return "not named"
}

func main() {
	w := Worker{Name: "w1"}
	fmt.Println(w.Name, w.Base.Name())
	fmt.Println(describe(w))
	fmt.Println(describe(&w))
	fmt.Println(describe(w.Base))
}
