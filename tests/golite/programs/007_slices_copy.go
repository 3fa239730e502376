package main

import "fmt"

func main() {
	a := []int{1, 2, 3, 4, 5}
	b := make([]int, 3)
	n := copy(b, a)
	fmt.Println(n, b)
	copy(a[1:], a)
	fmt.Println(a)
	full := a[1:3:4]
	fmt.Println(full, len(full), cap(full))
	bs := make([]byte, 3)
	copy(bs, "hey")
	fmt.Println(bs, string(bs))
	var words []string
	words = append(words, "z", "y")
	clear(words)
	fmt.Printf("%q\n", words)
}
