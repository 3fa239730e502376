package main

import (
	"fmt"
	"sync"
	"time"
)

// A waiting writer holds back new readers, so a second RLock by a goroutine
// that already holds one waits forever behind it.
func main() {
	var mu sync.RWMutex
	mu.RLock()
	go func() {
		mu.Lock()
		fmt.Println("writer got in")
		mu.Unlock()
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("reading again")
	mu.RLock()
	fmt.Println("unreachable")
}
