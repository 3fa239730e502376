package main

import "fmt"

func main() {
	defer fmt.Println("deferred runs before crash")
	var arr []int
	i := 5
	fmt.Println(arr[i])
}
