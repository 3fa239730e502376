package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

const (
	numWorkers = 4
	jobTime    = 100 * time.Millisecond
)

var numbers = []int{12, 305, 99, 7, 4444}

type result struct {
	n, sum int
}

// digitSum adds up the decimal digits of n: 305 -> 3 + 0 + 5 = 8.
func digitSum(n int) int {
	sum := 0
	for n > 0 {
		sum += n % 10
		n /= 10
	}
	return sum
}

func worker(jobs <-chan int, results chan<- result, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		time.Sleep(jobTime)
		results <- result{n, digitSum(n)}
	}
}

// produce sends every number, then closes jobs.
func produce(jobs chan<- int) {
	for _, n := range numbers {
		jobs <- n
	}
	close(jobs)
}

func main() {
	jobs := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup

	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	go produce(jobs)
	go func() { // toggle: closer
		wg.Wait()      // toggle: closer
		close(results) // toggle: closer
	}() // toggle: closer

	var all []result
	for r := range results {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n < all[j].n })
	for _, r := range all {
		fmt.Printf("%d -> %d\n", r.n, r.sum)
	}
}
