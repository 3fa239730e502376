package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	fired := time.AfterFunc(20*time.Millisecond, func() {
		fmt.Println("fired")
		wg.Done()
	})
	stopped := time.AfterFunc(time.Hour, func() { fmt.Println("never") })
	fmt.Println("stop pending:", stopped.Stop())
	fmt.Println("stop again:", stopped.Stop())
	fmt.Println("goroutines while pending:", runtime.NumGoroutine())
	wg.Wait()
	fmt.Println("stop after firing:", fired.Stop())
	fmt.Println("C is nil:", stopped.C == nil)

	wg.Add(1)
	later := time.AfterFunc(time.Hour, func() {
		fmt.Println("reset fired")
		wg.Done()
	})
	fmt.Println("reset pending:", later.Reset(10*time.Millisecond))
	wg.Wait()
}
