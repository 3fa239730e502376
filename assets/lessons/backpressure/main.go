package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	numWorkers  = 2
	numJobs     = 8
	jobsBuffer  = 0
	workTime    = 200 * time.Millisecond
	consumeTime = 300 * time.Millisecond
)

var start = time.Now()

// at reports the seconds since the program started.
func at() float64 {
	return time.Since(start).Seconds()
}

func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		time.Sleep(workTime)
		results <- n // parks while the consumer is busy
	}
}

// produce sends jobs as fast as the jobs channel accepts them.
func produce(jobs chan<- int) {
	for n := 1; n <= numJobs; n++ {
		jobs <- n // parks while the buffer is full and no worker is free
	}
	close(jobs)
	fmt.Printf("producer done at %.1f s\n", at())
}

func main() {
	jobs := make(chan int, jobsBuffer)
	results := make(chan int)
	var wg sync.WaitGroup

	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	go produce(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()

	// The consumer: main handles each result slowly.
	for range results {
		time.Sleep(consumeTime) // toggle: slow-consumer
	}
	fmt.Printf("consumer done at %.1f s\n", at())
}
