package main

import (
	"fmt"
	"runtime"
	"time"
)

const (
	numWorkers = 2
	numJobs    = 16
	base       = 200000
	waitTime   = 50 * time.Millisecond
)

// slowSquare computes n*n by adding n to itself n times: pure CPU work.
func slowSquare(n int) int {
	sq := 0
	for range n {
		sq += n
	}
	return sq
}

func worker(jobs <-chan int, results chan<- int) {
	for n := range jobs {
		results <- slowSquare(n) // variant: work=cpu
		// time.Sleep(waitTime) // variant: work=wait
		// results <- n * n     // variant: work=wait
	}
}

func main() {
	fmt.Println("cores:", runtime.NumCPU(), "workers:", numWorkers)
	start := time.Now()

	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)
	for range numWorkers {
		go worker(jobs, results)
	}
	for j := 1; j <= numJobs; j++ {
		jobs <- base + j
	}
	close(jobs)

	total := 0
	for range numJobs {
		total += <-results
	}
	fmt.Println("sum of squares:", total)

	secs := time.Since(start).Seconds()
	if secs == 0 {
		fmt.Println("no time passed: switch to the real clock to measure CPU work")
		return
	}
	fmt.Printf("%.3f s, %.0f jobs per second\n", secs, float64(numJobs)/secs)
}
