package main

import "fmt"

func main() {
	fmt.Println("hello, world")
	fmt.Println(1, 2.5, true, "x", 'a', nil)
	fmt.Print("a", "b", 1, 2, "c\n")
}
