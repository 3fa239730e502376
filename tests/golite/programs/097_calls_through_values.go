package main

import (
	"fmt"
	"sort"
)

type Acc struct{ total int }

func (a *Acc) Add(n int) int {
	a.total += n
	return a.total
}

func (a Acc) Twice() int { return a.total * 2 }

func apply(f func(int) int, n int) int { return f(n) }

func square(n int) int { return n * n }

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	q = a / b
	return
}

func main() {
	var fact func(n int) int
	fact = func(n int) int {
		if n <= 1 {
			return 1
		}
		return n * fact(n-1)
	}
	fmt.Println(fact(10), apply(square, 12), apply(fact, 5))

	acc := &Acc{}
	add := acc.Add
	for i := 1; i <= 4; i++ {
		add(i)
	}
	twice := acc.Twice
	acc.Add(100)
	fmt.Println(acc.total, twice(), acc.Twice())

	xs := []int{5, 2, 9, 1, 7}
	sort.Slice(xs, func(i, j int) bool { return xs[i] > xs[j] })
	fmt.Println(xs)

	for _, b := range []int{3, 0, -2} {
		q, err := safeDiv(7, b)
		fmt.Println(q, err)
	}

	fs := map[string]func(int) int{"sq": square, "fact": fact}
	fmt.Println(fs["sq"](9), fs["fact"](6))
}
