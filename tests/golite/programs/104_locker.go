package main

import (
	"fmt"
	"sync"
)

// sync.Locker: a Mutex, an RWMutex and an RWMutex's read side behind one interface.
func withLock(l sync.Locker, f func()) {
	l.Lock()
	defer l.Unlock()
	f()
}

func main() {
	var mu sync.Mutex
	var rw sync.RWMutex
	n := 0
	withLock(&mu, func() { n++ })
	withLock(&rw, func() { n++ })
	r := rw.RLocker()
	withLock(r, func() {
		rw.RLock() // a second reader is fine while no writer waits
		n++
		rw.RUnlock()
	})
	var l sync.Locker = &mu
	fmt.Printf("%d %T %T\n", n, l, r)
	r.Lock()
	fmt.Println(rw)
	r.Unlock()
	fmt.Println(rw)
}
