package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

const (
	numWorkers = 2
	numJobs    = 4
	jobTime    = 300 * time.Millisecond
)

// worker keeps asking for jobs; its loop ends only when jobs is closed.
func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		time.Sleep(jobTime)
		results <- n * 3
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
	close(jobs) // toggle: close-jobs

	go func() {
		wg.Wait()
		close(results)
	}()

	var out []int
	for r := range results {
		out = append(out, r)
	}
	sort.Ints(out)
	fmt.Println(out)
}
