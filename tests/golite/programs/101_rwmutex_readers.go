package main

import (
	"fmt"
	"sync"
)

// Two readers hold the read lock at the same time and talk while holding it;
// the writer gets in only after both have left.
type store struct {
	mu   sync.RWMutex
	data map[string]int
}

func (s *store) get(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.data[k]
}

func main() {
	s := &store{data: map[string]int{"a": 1}}
	handoff := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.mu.RLock()
		handoff <- s.data["a"] // the other reader holds the lock too
		<-done
		s.mu.RUnlock()
	}()
	go func() {
		defer wg.Done()
		s.mu.RLock()
		v := <-handoff
		fmt.Println("both readers in; got", v)
		fmt.Println(s.mu) // two read locks held
		done <- struct{}{}
		s.mu.RUnlock()
	}()
	wg.Wait()

	s.mu.Lock()
	s.data["a"] = 2
	s.mu.Unlock()
	fmt.Println("after write:", s.get("a"))

	var copied sync.RWMutex
	copied.RLock()
	fmt.Printf("%v\n%+v\n", copied, copied)
	copied.RUnlock()
	fmt.Println(copied)
}
