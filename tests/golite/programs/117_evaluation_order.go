package main

// Evaluation order as gc does it: in an operand list or a binary expression the
// operands holding calls or receives run first, left to right, and plain operands
// (variables, fields, index expressions, arithmetic on them) are read after them.
// Map literals fill entry by entry; an index on the left of = is read before the call.

import "fmt"

var x = 1

func f() int {
	x = 10
	return 0
}

type S struct{ n int }

type T struct{ A, B int }

func (s *S) inc() int { s.n++; return s.n }

func g() (int, int) { return x, f() }

func main() {
	fmt.Println(x, f())
	x = 1
	a := x + f()
	fmt.Println(a)
	x = 1
	fmt.Println(g())
	x = 1
	s := []int{x, f()}
	fmt.Println(s)
	x = 1
	m := map[string]int{"a": x, "b": f()}
	fmt.Println(m)
	var st S
	fmt.Println(st.n, st.inc(), st.n)
	y := 1
	h := func() int { y = 5; return 0 }
	fmt.Println(y, h(), y+0)
	arr := []int{0, 0}
	i := 0
	k := func() int { i = 1; return 7 }
	arr[i] = k()
	fmt.Println(arr)
	x = 1
	part2()
}

func part2() {
	a, b := x, f()
	fmt.Println("a", a, b)
	x = 1
	fmt.Println("b", T{x, f()})
	x = 1
	arr := []int{1, 2}
	g := func() int { arr[0] = 9; return 0 }
	fmt.Println("c", arr[0], g())
	p := new(int)
	*p = 1
	h := func() int { *p = 7; return 0 }
	fmt.Println("d", *p, h())
	fmt.Println("e", x+1, f())
	x = 1
	s := []int{1}
	k := func() int { s = append(s, 2, 3); return 0 }
	fmt.Println("g", len(s), k())
	ch := make(chan int, 1)
	y := 1
	go func() { y = 2; ch <- 5 }()
	fmt.Println("j", y, <-ch)
	fmt.Println("k", float64(x), f())
	x = 1
	var arr2 [2]int
	q := func() int { arr2[0] = 4; return 0 }
	fmt.Println("l", arr2, q())
	m := map[string]int{"k": 1}
	r := func() int { m["k"] = 3; return 0 }
	fmt.Println("m", m["k"], r())
	str := "a"
	t := func() int { str = "b"; return 0 }
	fmt.Println("n", str, t())
	c, d := func() (int, int) { return x, f() }()
	fmt.Println("o", c, d)
	x = 1
	var e [2]int
	e[0], e[1] = x, f()
	fmt.Println("p", e)
	x = 1
	if x == f()+1 {
		fmt.Println("q late")
	} else {
		fmt.Println("q early")
	}
}
