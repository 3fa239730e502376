package main

import "fmt"

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type base struct{}

func (base) Name() string { return "base" }

type inner struct{ base }

// outer's own field Name (depth 1) hides the method promoted from inner.base (depth 2).
type outer struct {
	inner
	meta
}

type meta struct{ Name string }

// Two embedded fields promote Kind at depth 2 and 1: the shallower wins.
type kinded struct{ Kind string }
type wrapper struct{ kinded }

func (wrapper) Kind() string { return "method" }

type holder struct {
	wrapper
}

func main() {
	var s fmt.Stringer = celsius(21.5)
	fmt.Println(s, s.String())
	fmt.Printf("%v %s\n", celsius(3), celsius(-1.25))
	o := outer{meta: meta{Name: "field"}}
	fmt.Println(o.Name, o.inner.Name())
	var h holder
	fmt.Println(h.Kind(), h.kinded.Kind == "")
}
