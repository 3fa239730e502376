package main

import (
	"fmt"
	"sync"
)

const numTasks = 5

// counter counts finished tasks; the mutex makes it safe to share.
type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *counter) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func task(wg *sync.WaitGroup, finished *counter) {
	wg.Add(1) // variant: add=inside
	defer wg.Done()
	finished.inc()
}

func main() {
	var wg sync.WaitGroup
	var finished counter

	for range numTasks {
		// wg.Add(1) // variant: add=before
		go task(&wg, &finished)
	}

	// Wait should return only after every task has finished.
	wg.Wait()
	fmt.Printf("finished: %d of %d\n", finished.get(), numTasks)
}
