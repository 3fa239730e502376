package main

import "fmt"

func main() {
	fmt.Println(min(3, 1, 2), max(3, 1, 2), min(2.5, 1.0), max("a", "b"))
	total := 0
	for i := range 5 {
		total += i
	}
	fmt.Println(total)
	for range 2 {
		fmt.Println("twice")
	}
	x := 10
	y := min(x, 4)
	fmt.Println(y)
}
