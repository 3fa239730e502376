package main

import "fmt"

func modify(a [3]int) {
	a[0] = 99
}

func modifyPtr(a *[3]int) {
	a[0] = 99
}

func main() {
	a := [3]int{1, 2, 3}
	b := a
	b[1] = 20
	modify(a)
	fmt.Println(a, b, len(a))
	modifyPtr(&a)
	fmt.Println(a)
	c := [...]string{"x", "y"}
	fmt.Println(c, len(c), a == [3]int{99, 2, 3})
	var grid [2][2]int
	grid[1][0] = 5
	fmt.Println(grid)
	for i, v := range a {
		a[2] = 0
		fmt.Println(i, v)
	}
}
