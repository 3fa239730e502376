package main

import (
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"
)

const (
	numWorkers = 3
	jobTime    = 100 * time.Millisecond
)

// The producer reads these records; "x" is not a number.
var records = []string{"3", "1", "4", "x", "5", "9"} // variant: input=bad
// var records = []string{"3", "1", "4", "1", "5", "9"} // variant: input=clean

func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		time.Sleep(jobTime)
		results <- n * n
	}
}

// produce parses each record and sends it as a job. It stops at the first
// record it cannot parse.
func produce(jobs chan<- int) error {
	// defer close(jobs) // variant: close=defer
	for i, s := range records {
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("record %d: %q is not a number", i+1, s)
		}
		jobs <- n
	}
	close(jobs) // variant: close=end
	return nil
}

func main() {
	jobs := make(chan int)
	results := make(chan int, len(records))
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}

	err := produce(jobs)
	wg.Wait()
	close(results)

	var squares []int
	for sq := range results {
		squares = append(squares, sq)
	}
	sort.Ints(squares)
	fmt.Println("squares:", squares)
	if err != nil {
		fmt.Println("producer stopped:", err)
	}
}
