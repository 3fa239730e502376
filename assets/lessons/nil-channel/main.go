package main

import (
	"fmt"
	"time"
)

const (
	count     = 3
	fastEvery = 100 * time.Millisecond
	slowEvery = 140 * time.Millisecond
)

// source sends count values, one every d, then closes its channel.
func source(name string, every time.Duration, out chan<- string) {
	for i := 1; i <= count; i++ {
		time.Sleep(every)
		out <- fmt.Sprintf("%s %d", name, i)
	}
	close(out)
}

func main() {
	fast := make(chan string)
	slow := make(chan string) // variant: slow=made
	// var slow chan string // variant: slow=nil
	go source("fast", fastEvery, fast)
	go source("slow", slowEvery, slow)

	// Merge both sources until both are closed. A closed source is set to
	// nil: a nil channel is never ready, so select stops choosing it.
	for open := 2; open > 0; {
		select {
		case v, ok := <-fast:
			if !ok {
				open--
				fast = nil // toggle: nil-out
				continue
			}
			fmt.Println(v)
		case v, ok := <-slow:
			if !ok {
				open--
				slow = nil // toggle: nil-out
				continue
			}
			fmt.Println(v)
		}
	}
	fmt.Println("both sources done")
}
