package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	numWorkers = 3
	numJobs    = 6
	jobTime    = 200 * time.Millisecond
)

func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		time.Sleep(jobTime)
		results <- n * 10
	}
}

// closeWhenDone closes results once every worker has called wg.Done.
func closeWhenDone(wg *sync.WaitGroup, results chan<- int) {
	wg.Wait()
	close(results)
}

func main() {
	jobs := make(chan int, numJobs)
	results := make(chan int)
	var wg sync.WaitGroup

	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	for n := 1; n <= numJobs; n++ {
		jobs <- n
	}
	close(jobs)

	close(results) // variant: closer=early
	// go closeWhenDone(&wg, results) // variant: closer=goroutine
	// wg.Wait()      // variant: closer=main-waits
	// close(results) // variant: closer=main-waits

	total := 0
	for r := range results {
		total += r
	}
	wg.Wait() // be sure every worker is finished before reporting
	fmt.Println("total:", total)
}
