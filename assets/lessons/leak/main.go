package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

const (
	numWorkers = 4
	numJobs    = 20
	checkTime  = 100 * time.Millisecond
	otherWork  = 1000 * time.Millisecond
)

// worker checks numbers and reports the multiples of 3 as hits.
func worker(ctx context.Context, jobs <-chan int, hits chan<- int) {
	for n := range jobs {
		time.Sleep(checkTime)
		if n%3 != 0 {
			continue
		}
		select {
		// case <-ctx.Done(): // toggle: ctx
		// 	return // toggle: ctx
		case hits <- n:
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	jobs := make(chan int, numJobs)
	hits := make(chan int) // variant: hits=unbuffered
	// hits := make(chan int, numJobs) // variant: hits=buffered
	for range numWorkers {
		go worker(ctx, jobs, hits)
	}
	for n := 1; n <= numJobs; n++ {
		jobs <- n
	}
	close(jobs)

	// We only need one hit, so we stop reading after the first.
	fmt.Println("first hit:", <-hits)
	cancel()

	// main goes on with other work, as a server would.
	time.Sleep(otherWork)
	fmt.Println("goroutines still running:", runtime.NumGoroutine())
}
