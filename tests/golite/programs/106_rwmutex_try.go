package main

import (
	"fmt"
	"sync"
)

func main() {
	var rw sync.RWMutex
	fmt.Println("free:", rw.TryLock())
	fmt.Println("held for writing:", rw.TryLock(), rw.TryRLock())
	rw.Unlock()
	fmt.Println("read:", rw.TryRLock(), rw.TryRLock())
	fmt.Println("write while read:", rw.TryLock())
	rw.RUnlock()
	rw.RUnlock()
	fmt.Println("free again:", rw.TryLock())
	rw.Unlock()
}
