package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

const (
	numWorkers = 3
	jobTime    = 100 * time.Millisecond
)

// Each job divides 100 by one of these; the 0 is a bad job.
var divisors = []int{5, 2, 0, 4, 10, 1}

// handle runs one job. With the deferred recover, a panic inside it turns
// into a result line instead of ending the program.
func handle(d int) (line string) {
	// defer func() { // toggle: recover
	// 	if r := recover(); r != nil { // toggle: recover
	// 		line = fmt.Sprintf("100/%d failed: %v", d, r) // toggle: recover
	// 	} // toggle: recover
	// }() // toggle: recover
	time.Sleep(jobTime)
	return fmt.Sprintf("100/%d = %d", d, 100/d)
}

func worker(jobs <-chan int, results chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	for d := range jobs {
		results <- handle(d)
	}
}

func main() {
	jobs := make(chan int, len(divisors))
	results := make(chan string, len(divisors))
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	for _, d := range divisors {
		jobs <- d
	}
	close(jobs)
	wg.Wait()
	close(results)

	var lines []string
	for line := range results {
		lines = append(lines, line)
	}
	sort.Strings(lines)
	for _, line := range lines {
		fmt.Println(line)
	}
}
