package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

const (
	numWorkers = 3
	numItems   = 6
	lookupTime = 100 * time.Millisecond
)

var errOutOfStock = errors.New("out of stock")

// result carries the answer or the error, never neither.
type result struct {
	item  int
	price int
	err   error
}

// lookup pretends to ask a price service; every third item is sold out.
func lookup(item int) (int, error) {
	time.Sleep(lookupTime)
	if item%3 == 0 {
		return 0, fmt.Errorf("item %d: %w", item, errOutOfStock)
	}
	return item * 10, nil
}

func worker(jobs <-chan int, results chan<- result, wg *sync.WaitGroup) {
	defer wg.Done()
	for item := range jobs {
		price, err := lookup(item)
		// if err != nil { // toggle: drop-errors
		// 	continue // toggle: drop-errors
		// } // toggle: drop-errors
		results <- result{item: item, price: price, err: err}
	}
}

func main() {
	jobs := make(chan int, numItems)
	results := make(chan result)
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	for item := 1; item <= numItems; item++ {
		jobs <- item
	}
	close(jobs)

	// The consumer decides: skip sold-out items, count them, add up the rest.
	total, soldOut := 0, 0
	for range numItems {
		r := <-results
		switch {
		case errors.Is(r.err, errOutOfStock):
			soldOut++
		case r.err != nil:
			fmt.Println("unexpected:", r.err)
		default:
			total += r.price
		}
	}
	wg.Wait() // every worker has returned: nothing is left running
	fmt.Printf("total %d (%d sold out)\n", total, soldOut)
}
