// The Go comparator for bench/bench_runtime.cpp: the same scenarios, the same
// sizes, printed as JSON lines so bench/run.sh can put them side by side.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"
)

type result struct {
	Name     string  `json:"name"`
	NsPerOp  float64 `json:"ns_per_op"`
	P50      float64 `json:"p50_ns,omitempty"`
	P99      float64 `json:"p99_ns,omitempty"`
	P999     float64 `json:"p999_ns,omitempty"`
	ItemsSec float64 `json:"items_per_second"`
}

func emit(r result) {
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
}

func pingPong() {
	const rounds = 20000
	var oneWay []float64
	for rep := 0; rep < 3; rep++ {
		ping, pong := make(chan int), make(chan int)
		go func() {
			for v := range ping {
				pong <- v
			}
		}()
		for i := range rounds {
			t0 := time.Now()
			ping <- i
			<-pong
			oneWay = append(oneWay, float64(time.Since(t0).Nanoseconds())/2)
		}
		close(ping)
	}
	sort.Float64s(oneWay)
	pct := func(p float64) float64 { return oneWay[min(len(oneWay)-1, int(p*float64(len(oneWay))))] }
	emit(result{Name: "BM_PingPong", P50: pct(0.5), P99: pct(0.99), P999: pct(0.999)})
}

func buffered(capacity, pairs int) {
	perProducer := 200000 / pairs
	best := time.Duration(1 << 62)
	for rep := 0; rep < 5; rep++ {
		start := time.Now()
		c := make(chan int, capacity)
		var producers, consumers sync.WaitGroup
		for range pairs {
			producers.Add(1)
			consumers.Add(1)
			go func() {
				defer producers.Done()
				for i := range perProducer {
					c <- i
				}
			}()
			go func() {
				defer consumers.Done()
				for range c {
				}
			}()
		}
		producers.Wait()
		close(c)
		consumers.Wait()
		best = min(best, time.Since(start))
	}
	items := float64(perProducer * pairs)
	emit(result{Name: fmt.Sprintf("BM_Buffered/%d/%d", capacity, pairs), NsPerOp: float64(best.Nanoseconds()) / items,
		ItemsSec: items / best.Seconds()})
}

func pool(workers int) {
	const jobsN = 1000000
	best := time.Duration(1 << 62)
	for rep := 0; rep < 3; rep++ {
		start := time.Now()
		jobs := make(chan int, 1024)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range jobs {
				}
			}()
		}
		for j := range jobsN {
			jobs <- j
		}
		close(jobs)
		wg.Wait()
		best = min(best, time.Since(start))
	}
	emit(result{Name: fmt.Sprintf("BM_Pool/%d", workers), NsPerOp: float64(best.Nanoseconds()) / jobsN,
		ItemsSec: jobsN / best.Seconds()})
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-h" {
		fmt.Println("usage: chanbench  (prints one JSON object per scenario)")
		return
	}
	pingPong()
	for _, c := range []int{1, 64, 1024} {
		for _, p := range []int{1, 2} {
			buffered(c, p)
		}
	}
	for _, w := range []int{1, 2, 4} {
		pool(w)
	}
}
