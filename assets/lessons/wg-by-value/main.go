package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

const (
	numWorkers = 3
	numJobs    = 6
	jobTime    = 100 * time.Millisecond
)

// func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) { // variant: wg=pointer
func worker(jobs <-chan int, results chan<- int, wg sync.WaitGroup) { // variant: wg=value
	defer wg.Done()
	for n := range jobs {
		time.Sleep(jobTime)
		results <- n * 10
	}
}

func main() {
	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, wg) // variant: wg=value
		// go worker(jobs, results, &wg) // variant: wg=pointer
	}
	for n := 1; n <= numJobs; n++ {
		jobs <- n
	}
	close(jobs)

	wg.Wait() // returns when the counter that main can see reaches zero
	close(results)

	var got []int
	for r := range results {
		got = append(got, r)
	}
	sort.Ints(got)
	fmt.Println(got)
}
