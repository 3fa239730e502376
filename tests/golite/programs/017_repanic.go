package main

import "fmt"

func main() {
	defer fmt.Println("first deferred still runs")
	defer func() {
		r := recover()
		fmt.Println("caught", r)
		panic(fmt.Sprint("again: ", r))
	}()
	panic("boom")
}
