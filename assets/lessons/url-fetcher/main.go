// The network here is simulated by poollab/sim: nothing leaves the machine.
package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"poollab/sim"
)

const (
	numWorkers  = 3
	timeout     = 800 * time.Millisecond
	failPercent = 10
)

var urls = []string{
	"https://shop.test/home", "https://shop.test/cart",
	"https://shop.test/reviews", "https://shop.test/orders",
	"https://shop.test/login", "https://shop.test/search",
	"https://shop.test/faq", "https://shop.test/news",
}

func worker(ctx context.Context, jobs <-chan string, results chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	for url := range jobs {
		status, err := sim.Fetch(ctx, url)
		if err == nil {
			results <- fmt.Sprintf("OK   %s %d", url, status)
		} else if status != 0 {
			results <- fmt.Sprintf("FAIL %s %d", url, status)
		} else {
			results <- fmt.Sprintf("FAIL %s %v", url, err)
		}
	}
}

func main() {
	sim.Configure(100*time.Millisecond, 1000*time.Millisecond, failPercent)
	ctx, cancel := context.WithTimeout(context.Background(), timeout) // variant: deadline=on
	// ctx, cancel := context.WithCancel(context.Background()) // variant: deadline=off
	defer cancel()

	jobs := make(chan string)
	results := make(chan string)
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(ctx, jobs, results, &wg)
	}
	go func() {
		for _, u := range urls {
			jobs <- u
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	var lines []string
	for line := range results {
		lines = append(lines, line)
	}
	sort.Strings(lines)
	for _, line := range lines {
		fmt.Println(line)
	}
}
