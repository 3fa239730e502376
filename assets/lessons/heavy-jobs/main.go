package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	numWorkers = 4
	numJobs    = 8
	jobTime    = 500 * time.Millisecond
)

// worker handles heavy jobs; the sleep stands in for waiting on a disk,
// a database or another service.
func worker(jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for range jobs {
		time.Sleep(jobTime)
	}
}

func main() {
	start := time.Now()
	jobs := make(chan int)
	var wg sync.WaitGroup

	for range numWorkers {
		wg.Add(1)
		go worker(jobs, &wg)
	}
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()

	elapsed := time.Since(start)
	fmt.Printf("workers: %d, jobs: %d, time: %.1f s\n", numWorkers, numJobs, elapsed.Seconds())
}
