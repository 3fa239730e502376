package main

import "fmt"

type Inner struct{ V []int }
type Outer struct {
	N  int
	In Inner
	A  [2]int
}

func main() {
	a := Outer{N: 1, In: Inner{V: []int{1}}, A: [2]int{1, 2}}
	b := a
	b.N = 2
	b.A[0] = 9
	b.In.V[0] = 100
	fmt.Println(a, b)
	p := &a
	q := p
	q.N = 50
	fmt.Println(a.N, p.N)
	a = Outer{N: 7}
	fmt.Println(p.N, q.A)
	arr := []Outer{{N: 1}, {N: 2}}
	for _, o := range arr {
		o.N = 0
	}
	for i := range arr {
		arr[i].N *= 10
	}
	fmt.Println(arr[0].N, arr[1].N)
	m := map[string]Outer{"x": {N: 3}}
	v := m["x"]
	v.N = 4
	fmt.Println(m["x"].N, v.N)
}
