package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	fmt.Println(runtime.NumGoroutine())
	var wg sync.WaitGroup
	block := make(chan bool)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			wg.Done()
			<-block
		}()
	}
	wg.Wait()
	fmt.Println(runtime.NumGoroutine())
	close(block)
	runtime.Gosched()
	fmt.Println(runtime.NumCPU() > 0)
}
