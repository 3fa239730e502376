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
	jobsBuffer = 0
	jobTime    = 200 * time.Millisecond
)

// worker squares numbers until jobs is closed, then tells the WaitGroup.
func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		time.Sleep(jobTime)
		results <- n * n
	}
}

// produce sends every job, then closes jobs. Only the sender closes.
func produce(jobs chan<- int) {
	for n := 1; n <= numJobs; n++ {
		jobs <- n
	}
	close(jobs)
}

func main() {
	jobs := make(chan int, jobsBuffer)
	results := make(chan int)
	var wg sync.WaitGroup

	// 1. Workers: count each one in before it starts.
	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}

	// 2. Producer: its own goroutine, so main can go on.
	go produce(jobs)

	// 3. Closer: when every worker is done, no result can follow.
	go func() {
		wg.Wait()
		close(results)
	}()

	// 4. Consumer: main reads until results is closed.
	var squares []int
	for sq := range results {
		squares = append(squares, sq)
	}
	sort.Ints(squares)
	fmt.Println(squares)
}
