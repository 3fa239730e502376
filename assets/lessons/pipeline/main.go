package main

import (
	"fmt"
	"time"
)

const (
	count    = 10
	stepTime = 100 * time.Millisecond
)

// gen emits 1..n, one every stepTime, then closes its output.
func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out) // toggle: close-gen
		for i := 1; i <= n; i++ {
			time.Sleep(stepTime)
			out <- i
		}
	}()
	return out
}

// keepEven passes on the even numbers; it stops when its input is closed.
func keepEven(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out) // toggle: close-keep-even
		for v := range in {
			if v%2 == 0 {
				out <- v
			}
		}
	}()
	return out
}

// double multiplies every value by two.
func double(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			out <- v * 2
		}
	}()
	return out
}

func main() {
	// Each stage owns its output channel and closes it when done.
	for v := range double(keepEven(gen(count))) {
		fmt.Println(v)
	}
	fmt.Println("pipeline drained")
}
