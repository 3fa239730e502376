package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

const numWorkers = 3

var words = []string{"mango", "fig", "banana", "kiwi", "pear"}

// result carries the index of its job, so the order can be rebuilt.
type result struct {
	index int
	text  string
}

// worker shouts each word back; a longer word takes longer.
func worker(jobs <-chan int, results chan<- result) {
	for i := range jobs {
		w := words[i]
		time.Sleep(time.Duration(len(w)) * 100 * time.Millisecond)
		results <- result{index: i, text: strings.ToUpper(w)}
	}
}

// printArrival prints results in the order they arrive.
func printArrival(results <-chan result) {
	for range len(words) {
		r := <-results
		fmt.Println(r.index, r.text)
	}
}

// printSorted collects every result, then sorts them by job index.
func printSorted(results <-chan result) {
	var all []result
	for range len(words) {
		all = append(all, <-results)
	}
	sort.Slice(all, func(a, b int) bool { return all[a].index < all[b].index })
	for _, r := range all {
		fmt.Println(r.index, r.text)
	}
}

// printBySlot puts each result into the slot of its job: no sorting needed.
func printBySlot(results <-chan result) {
	out := make([]string, len(words))
	for range len(words) {
		r := <-results
		out[r.index] = r.text
	}
	for i, text := range out {
		fmt.Println(i, text)
	}
}

func main() {
	jobs := make(chan int, len(words))
	results := make(chan result)
	for range numWorkers {
		go worker(jobs, results)
	}
	for i := range words {
		jobs <- i
	}
	close(jobs)

	printArrival(results) // variant: order=arrival
	// printSorted(results) // variant: order=sorted
	// printBySlot(results) // variant: order=slots
}
