package main

import "fmt"

func main() {
	fmt.Println("about to panic")
	panic("something bad happened")
}
