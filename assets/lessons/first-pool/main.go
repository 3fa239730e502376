package main

import (
	"fmt"
	"time"
)

const (
	numWorkers = 3
	numJobs    = 5
	jobTime    = 100 * time.Millisecond
)

// result remembers which job it answers and which worker did the work.
type result struct {
	job, value, worker int
}

// worker takes jobs until the jobs channel is closed and empty.
func worker(id int, jobs <-chan int, results chan<- result) {
	for j := range jobs {
		// Sleeping stands in for real work.
		time.Sleep(jobTime)
		results <- result{job: j, value: j * 2, worker: id} // variant: work=double
		// results <- result{job: j, value: j * j, worker: id} // variant: work=square
	}
}

func main() {
	jobs := make(chan int, numJobs)
	results := make(chan result, numJobs)

	// Start a fixed number of workers: this is the pool.
	for w := 1; w <= numWorkers; w++ {
		go worker(w, jobs, results)
	}

	// Hand out the jobs, then say there will be no more.
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs)

	// Exactly one result comes back per job.
	for range numJobs {
		r := <-results
		fmt.Printf("job %d -> %d (worker %d)\n", r.job, r.value, r.worker)
	}
}
