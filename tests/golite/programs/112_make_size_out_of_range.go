package main

import "fmt"

// Sizes are read at run time, so the compiler cannot reject them and make itself panics.
func try(name string, f func()) {
	defer func() {
		r := recover()
		err, isErr := r.(error)
		if isErr {
			fmt.Printf("%s: %v\n", name, err)
		} else {
			fmt.Printf("%s: no panic\n", name)
		}
	}()
	f()
}

func main() {
	sizes := []int{-1, 1 << 62, 3}
	for _, n := range sizes {
		try(fmt.Sprint("chan int ", n), func() { _ = make(chan int, n) })
		try(fmt.Sprint("slice len ", n), func() { _ = make([]int, n) })
		try(fmt.Sprint("slice cap ", n), func() { _ = make([]int, 2, n) })
		try(fmt.Sprint("chan struct ", n), func() { _ = make(chan [64]int64, n) })
	}
	c := make(chan string, 1)
	n := sizes[0] * 7
	c <- "still running"
	fmt.Println(<-c)
	_ = make(chan bool, n)
}
