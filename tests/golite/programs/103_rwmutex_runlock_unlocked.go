package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.RWMutex
	mu.Lock()
	mu.Unlock()
	fmt.Println("locked and unlocked")
	mu.RUnlock()
}
