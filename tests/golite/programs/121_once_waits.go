package main

// sync.Once: every caller of Do waits until the first call's f has returned, so all
// four workers see the loaded config; a panicking f still counts as done.

import (
	"fmt"
	"sync"
	"time"
)

var (
	once   sync.Once
	config map[string]int
)

func load() {
	time.Sleep(50 * time.Millisecond)
	config = map[string]int{"workers": 3}
}

func main() {
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once.Do(load)
			results[i] = config["workers"]
		}()
	}
	wg.Wait()
	fmt.Println(results)
	var o2 sync.Once
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		o2.Do(func() { panic("boom") })
	}()
	o2.Do(func() { fmt.Println("never") })
	fmt.Println("done")
}
