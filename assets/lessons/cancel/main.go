package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

const (
	numWorkers = 3
	numJobs    = 12
	jobTime    = 100 * time.Millisecond
	stopAfter  = 250 * time.Millisecond
)

func worker(ctx context.Context, jobs <-chan int, done chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		// First select: take a job, unless we have been told to stop.
		select {
		case <-ctx.Done():
			return
		case j, ok := <-jobs:
			if !ok {
				return // jobs closed and drained: graceful end
			}
			// Second select: do the work, unless we are told to stop mid-job.
			select {
			case <-time.After(jobTime):
				done <- j
			case <-ctx.Done():
				return // job abandoned
			}
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	jobs := make(chan int, numJobs)
	done := make(chan int, numJobs)
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(ctx, jobs, done, &wg)
	}
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs) // graceful: no more jobs, finish what is queued

	// time.AfterFunc(stopAfter, cancel) // toggle: emergency

	wg.Wait()
	finished := len(done) // every finished job left one value in done
	fmt.Println("finished:", finished)
	fmt.Println("dropped:", numJobs-finished)
}
