package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	numRequests = 100
	apiLimit    = 5 // the API serves at most this many requests at once
	numWorkers  = 5
	callTime    = 50 * time.Millisecond
)

// api stands in for a remote service that rejects requests beyond its limit.
type api struct {
	mu       sync.Mutex
	inFlight int
	accepted int
	rejected int
}

func (a *api) call() {
	a.mu.Lock()
	if a.inFlight == apiLimit {
		a.rejected++ // like an HTTP 429 Too Many Requests
		a.mu.Unlock()
		return
	}
	a.inFlight++
	a.accepted++
	a.mu.Unlock()

	time.Sleep(callTime)

	a.mu.Lock()
	a.inFlight--
	a.mu.Unlock()
}

// sender sends requests one at a time until there are none left.
func sender(a *api, requests <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for range requests {
		a.call()
	}
}

func main() {
	var a api
	requests := make(chan int, numRequests)
	for i := range numRequests {
		requests <- i
	}
	close(requests)

	senders := numWorkers // variant: mode=pool
	// senders := numRequests // variant: mode=per-request
	var wg sync.WaitGroup
	for range senders {
		wg.Add(1)
		go sender(&a, requests, &wg)
	}
	wg.Wait()
	fmt.Println("accepted:", a.accepted)
	fmt.Println("rejected:", a.rejected)
}
