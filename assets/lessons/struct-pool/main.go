package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

const (
	numWorkers = 3
	queueSize  = 4
	numTasks   = 8
	taskTime   = 100 * time.Millisecond
)

var errClosed = errors.New("pool is shut down")

// Pool runs submitted tasks on a fixed number of goroutines.
type Pool struct {
	tasks  chan func()
	wg     sync.WaitGroup
	mu     sync.Mutex
	closed bool
}

func NewPool(workers, queue int) *Pool {
	p := &Pool{tasks: make(chan func(), queue)}
	for range workers {
		p.wg.Add(1)
		go p.worker()
	}
	return p
}

func (p *Pool) worker() {
	defer p.wg.Done()
	for task := range p.tasks {
		task()
	}
}

// Submit queues a task; it blocks while the queue is full.
func (p *Pool) Submit(task func()) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed { // toggle: guard
		return errClosed // toggle: guard
	} // toggle: guard
	p.tasks <- task
	return nil
}

// Shutdown stops accepting tasks and waits for the queued ones to finish.
func (p *Pool) Shutdown() {
	p.mu.Lock()
	p.closed = true
	close(p.tasks)
	p.mu.Unlock()
	p.wg.Wait()
}

func main() {
	pool := NewPool(numWorkers, queueSize)
	squares := make([]int, numTasks)
	for i := range numTasks {
		pool.Submit(func() {
			time.Sleep(taskTime)
			squares[i] = i * i // each task writes only its own slot
		})
	}
	pool.Shutdown()
	fmt.Println(squares)

	err := pool.Submit(func() {})
	fmt.Println("late submit:", err)
}
