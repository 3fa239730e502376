package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	numTasks = 8
	limit    = 3
	taskTime = 300 * time.Millisecond
)

// gauge measures how many tasks are inside at the same time.
type gauge struct {
	mu           sync.Mutex
	inside, most int
}

func (g *gauge) enter() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inside++
	g.most = max(g.most, g.inside)
}

func (g *gauge) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inside--
}

// task runs only while it holds one of the limit tokens in sem.
func task(sem chan struct{}, g *gauge, wg *sync.WaitGroup) {
	defer wg.Done()
	sem <- struct{}{}        // acquire: parks while limit tasks are inside
	defer func() { <-sem }() // toggle: release

	g.enter()
	time.Sleep(taskTime) // the work itself
	g.leave()
}

func main() {
	sem := make(chan struct{}, limit) // room for limit tokens
	var g gauge
	var wg sync.WaitGroup

	// One goroutine per task; the semaphore bounds how many run at once.
	for range numTasks {
		wg.Add(1)
		go task(sem, &g, &wg)
	}

	wg.Wait()
	fmt.Println("tasks done:", numTasks)
	fmt.Println("most inside at once:", g.most)
}
