package main

import "fmt"

func main() {
	println("to stderr", 1, true)
	print("no newline\n")
	fmt.Println("stdout line")
}
