package main

// More of gc's evaluation order: compound assignment, a send, an index beside a call,
// struct literals with keys and behind &, a key beside its value's call in a map
// literal, two calls joined by + on strings (left first), an index on the left of =,
// && keeping its order, and a deferred call's arguments.

import "fmt"

var x = 1

func f() int {
	x = 10
	return 1
}

type P struct{ a, b int }

func two() (int, int) { return x, f() }

func str(v int) string { return fmt.Sprint(v) }

func main() {
	x += f()
	fmt.Println("a", x)
	x = 1
	ch := make(chan int, 1)
	ch <- x + f()
	fmt.Println("b", <-ch)
	x = 1
	arr := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	fmt.Println("c", arr[x-1]+f())
	x = 1
	p := P{a: x, b: f()}
	fmt.Println("d", p)
	x = 1
	q := &P{x, f()}
	fmt.Println("e", *q)
	x = 1
	m := map[int]int{x: f()}
	fmt.Println("f", m)
	x = 1
	fmt.Println(two())
	x = 1
	s := str(x) + str(f())
	fmt.Println("h", s)
	x = 1
	if v := x; v < f() {
		fmt.Println("i lt")
	} else {
		fmt.Println("i ge", v)
	}
	x = 1
	y := []int{x, x + 1, f(), x}
	fmt.Println("j", y)
	x = 1
	fmt.Println("k", x == 1 && f() == 1, x)
	x = 1
	var z [10]int
	z[x-1] = f()
	fmt.Println("l", z)
	x = 1
	defer fmt.Println("m", x, f())
	x = 5
}
