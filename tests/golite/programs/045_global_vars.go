package main

import "fmt"

var counter = initial() * 2
var names = []string{"a", "b"}
var lookup = map[string]int{"x": 1}
var total int

func initial() int { return 21 }

func init() {
	total = len(names) + lookup["x"]
}

func bump() { counter++ }

func main() {
	bump()
	fmt.Println(counter, names, total)
	p := &counter
	*p = 100
	fmt.Println(counter)
}
