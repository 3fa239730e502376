package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

const (
	numWorkers    = 3
	numJobs       = 5
	resultsBuffer = 0
	jobTime       = 100 * time.Millisecond
)

func worker(jobs <-chan int, results chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		time.Sleep(jobTime)
		results <- fmt.Sprintf("ticket %d checked", n)
	}
}

// closeWhenDone closes results once every worker has called wg.Done.
func closeWhenDone(wg *sync.WaitGroup, results chan<- string) {
	wg.Wait()
	close(results)
}

func main() {
	jobs := make(chan int, numJobs)
	results := make(chan string, resultsBuffer)
	var wg sync.WaitGroup

	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	for n := 1; n <= numJobs; n++ {
		jobs <- n
	}
	close(jobs)

	wg.Wait()      // variant: reading=after-wait
	close(results) // variant: reading=after-wait
	// go closeWhenDone(&wg, results) // variant: reading=concurrent

	var lines []string
	for line := range results {
		lines = append(lines, line)
	}
	sort.Strings(lines)
	for _, line := range lines {
		fmt.Println(line)
	}
}
