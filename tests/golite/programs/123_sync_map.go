package main

// sync.Map: LoadOrStore from four workers at once, Range (stopping when f says so),
// Load, Swap, CompareAndSwap, LoadAndDelete, CompareAndDelete and Delete.

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var seen sync.Map
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				seen.LoadOrStore(j%6, w*100+j)
			}
		}()
	}
	wg.Wait()
	count := 0
	var keys []int
	seen.Range(func(k, v any) bool {
		count++
		keys = append(keys, k.(int))
		return true
	})
	sort.Ints(keys)
	fmt.Println(count, keys)
	var m sync.Map
	m.Store("a", 1)
	v, ok := m.Load("a")
	fmt.Println(v, ok)
	v, ok = m.Load("zz")
	fmt.Println(v, ok)
	act, loaded := m.LoadOrStore("a", 5)
	fmt.Println(act, loaded)
	prev, loaded := m.Swap("a", 2)
	fmt.Println(prev, loaded, m.CompareAndSwap("a", 2, 3), m.CompareAndSwap("a", 2, 4))
	old, loaded := m.LoadAndDelete("a")
	fmt.Println(old, loaded)
	m.Store("b", 1)
	fmt.Println(m.CompareAndDelete("b", 2), m.CompareAndDelete("b", 1))
	m.Delete("b")
	n := 0
	m.Range(func(k, v any) bool { n++; return true })
	fmt.Println("empty", n)
	for i := range 5 {
		m.Store(i, i*i)
	}
	stops := 0
	m.Range(func(k, v any) bool { stops++; return stops < 2 })
	fmt.Println("stopped after", stops)
}
