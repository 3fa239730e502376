package main

// sync/atomic: counters shared by worker goroutines without a mutex, the function forms
// and the atomic types, wrap-around at the type's width, and a compare-and-swap loop.

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Stats struct {
	processed atomic.Int64
	failed    atomic.Int32
	busy      atomic.Bool
}

func main() {
	jobs := make(chan int, 100)
	var stats Stats
	var total int64
	var maxSeen int64
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				stats.busy.Store(true)
				stats.processed.Add(1)
				if j%7 == 0 {
					stats.failed.Add(1)
				}
				atomic.AddInt64(&total, int64(j))
				for {
					cur := atomic.LoadInt64(&maxSeen)
					if int64(j) <= cur || atomic.CompareAndSwapInt64(&maxSeen, cur, int64(j)) {
						break
					}
				}
			}
		}()
	}
	for j := 1; j <= 1000; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	fmt.Println("processed", stats.processed.Load(), "failed", stats.failed.Load(), "busy", stats.busy.Load())
	fmt.Println("total", atomic.LoadInt64(&total), "max", maxSeen)

	var small atomic.Int32
	small.Store(2147483647)
	fmt.Println("wraps to", small.Add(1))
	var u uint32
	fmt.Println("uint32 wraps to", atomic.AddUint32(&u, ^uint32(0)))
	var big atomic.Uint64
	big.Store(1 << 62)
	fmt.Println("uint64", big.Add(1<<62), big.Add(1<<62), big.Add(1<<62), big.Swap(7), big.Load())
	var flag atomic.Bool
	fmt.Println(flag.CompareAndSwap(false, true), flag.CompareAndSwap(false, true), flag.Swap(false), flag.Load())
	var n int32 = 5
	old := atomic.SwapInt32(&n, 9)
	fmt.Println(old, n)
	fmt.Println(atomic.CompareAndSwapInt32(&n, 5, 1), atomic.CompareAndSwapInt32(&n, 9, 1))
	fmt.Println(n)
	atomic.StoreUint64(new(uint64), 3)
}
