package main

import "fmt"

type Point struct {
	X, Y int
}

type Named struct {
	Name  string
	Tags  []string
	Inner Point
	Ptr   *Point
	Err   error
	any   int
}

func main() {
	p := Point{1, 2}
	fmt.Println(p)
	fmt.Printf("%v %+v\n", p, p)
	pp := &p
	pp.X = 10
	fmt.Println(p, pp)
	fmt.Printf("%+v\n", pp)
	n := Named{Name: "n", Tags: []string{"a", "b"}, Inner: Point{3, 4}}
	fmt.Printf("%v\n%+v\n", n, n)
	var np *Point
	fmt.Println(np, np == nil)
	anon := struct {
		A int
		B string
	}{1, "x"}
	fmt.Println(anon)
	fmt.Printf("%T %T %T\n", p, pp, anon)
	ps := []*Point{{1, 1}}
	fmt.Println(len(ps), *ps[0])
	fmt.Println([]Point{{1, 2}, {3, 4}}, map[string]Point{"a": {5, 6}})
}
