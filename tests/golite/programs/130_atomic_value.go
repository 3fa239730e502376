// sync/atomic.Value: Load, Store, Swap, CompareAndSwap across goroutines, and Go's panics.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct {
	Workers int
	Name    string
}

func main() {
	var cfg atomic.Value
	fmt.Println(cfg.Load() == nil)
	cfg.Store(Config{Workers: 2, Name: "a"})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := cfg.Load().(Config)
			if c.Workers < 2 {
				panic("bad")
			}
		}()
	}
	wg.Wait()
	old := cfg.Swap(Config{Workers: 3, Name: "b"})
	fmt.Printf("%+v %+v\n", old, cfg.Load())
	fmt.Println(cfg.CompareAndSwap(Config{Workers: 3, Name: "b"}, Config{Workers: 4, Name: "c"}))
	fmt.Println(cfg.CompareAndSwap(Config{Workers: 3, Name: "b"}, Config{Workers: 5, Name: "d"}), cfg.Load())
	var empty atomic.Value
	fmt.Println(empty.CompareAndSwap(nil, 7), empty.Load(), empty.CompareAndSwap(1, 8))
	for _, f := range []func(){
		func() { cfg.Store(42) },
		func() { cfg.Store(nil) },
		func() { empty.CompareAndSwap(7, "x") },
		func() {
			var s atomic.Value
			s.Store([]int{1})
			s.CompareAndSwap([]int{1}, []int{2})
		},
	} {
		func() {
			defer func() { fmt.Println("panic:", recover()) }()
			f()
		}()
	}
}
