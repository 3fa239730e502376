package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	numWorkers = 3
	numJobs    = 5
	jobTime    = 100 * time.Millisecond
)

func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	defer close(results) // variant: closer=workers
	for n := range jobs {
		time.Sleep(jobTime)
		results <- n * n
	}
}

func main() {
	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	for n := 1; n <= numJobs; n++ {
		jobs <- n
	}
	close(jobs)

	wg.Wait()
	// close(results) // variant: closer=main

	sum := 0
	for sq := range results {
		sum += sq
	}
	fmt.Println("sum of squares:", sum)
}
