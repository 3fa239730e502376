package main

import (
	"fmt"
	"sort"
)

func main() {
	a := make(chan int)
	b := make(chan int)
	quit := make(chan bool)
	go func() {
		for i := 0; i < 3; i++ {
			a <- i
		}
		for i := 10; i < 12; i++ {
			b <- i
		}
		quit <- true
	}()
	var got []int
loop:
	for {
		select {
		case v := <-a:
			got = append(got, v)
		case v := <-b:
			got = append(got, v)
		case <-quit:
			break loop
		}
	}
	sort.Ints(got)
	fmt.Println(got)
}
