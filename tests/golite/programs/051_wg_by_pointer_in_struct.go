package main

import (
	"fmt"
	"sync"
)

type Pool struct {
	wg      sync.WaitGroup
	mu      sync.Mutex
	results []int
}

func (p *Pool) Submit(n int) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.mu.Lock()
		p.results = append(p.results, n)
		p.mu.Unlock()
	}()
}

func main() {
	p := &Pool{}
	for i := 0; i < 4; i++ {
		p.Submit(i)
	}
	p.wg.Wait()
	fmt.Println(len(p.results))
}
