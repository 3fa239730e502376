package main

import "fmt"

func main() {
	var x any
	fmt.Println(x.(string))
}
