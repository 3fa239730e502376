package main

import (
	"fmt"
	"sync"
)

const (
	numWorkers = 0
	numJobs    = 5
)

func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		results <- n * n
	}
}

// produce sends every job, then says there are no more.
func produce(jobs chan<- int) {
	for n := 1; n <= numJobs; n++ {
		jobs <- n
	}
	close(jobs)
}

func main() {
	// if numWorkers < 1 { // toggle: validate
	// 	fmt.Println("refusing to start: numWorkers must be at least 1") // toggle: validate
	// 	return // toggle: validate
	// } // toggle: validate

	jobs := make(chan int)
	results := make(chan int, numJobs)
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}

	go produce(jobs) // variant: producer=goroutine
	// produce(jobs) // variant: producer=main

	// The closer: once every worker is done, no more results can come.
	go func() {
		wg.Wait()
		close(results)
	}()

	count, sum := 0, 0
	for sq := range results {
		count++
		sum += sq
	}
	fmt.Printf("%d results (sum %d)\n", count, sum)
}
