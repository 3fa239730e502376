// Package sim is PoolLab's simulated network.
//
// It is simulated: nothing leaves the machine. No socket is opened and no
// name is resolved; Fetch only waits for a latency computed from the URL and
// then reports success or a made-up failure. The same URL always gets the same
// latency and the same answer, so a lesson's output is reproducible.
//
// golite implements these functions natively with exactly this arithmetic;
// this file lets the real Go toolchain run the same lessons (module poollab,
// import path "poollab/sim").
//
//	sim.Configure(100*time.Millisecond, 900*time.Millisecond, 20)
//	status, err := sim.Fetch(ctx, "https://example.test/a")
package sim

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Defaults used until Configure is called.
const (
	DefaultMinLatency  = 100 * time.Millisecond
	DefaultMaxLatency  = 500 * time.Millisecond
	DefaultFailPercent = 0
)

var (
	mu          sync.Mutex
	minLatency  = DefaultMinLatency
	maxLatency  = DefaultMaxLatency
	failPercent = DefaultFailPercent
)

// Configure sets the latency range and failure rate (percent) of Fetch.
//
//	sim.Configure(50*time.Millisecond, 250*time.Millisecond, 10)
func Configure(minL, maxL time.Duration, failPct int) {
	mu.Lock()
	defer mu.Unlock()
	minLatency, maxLatency, failPercent = minL, maxL, failPct
}

// hash is 32-bit FNV-1a over the bytes of s.
func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// Fetch simulates an HTTP GET of url and returns the status code.
//
// With h the FNV-1a 32-bit hash of url, the call takes
// min + time.Duration(h%1000)*(max-min)/1000 and fails with status 503 and
// the error "sim: <url>: service unavailable" when (h/1000)%100 < failPercent;
// otherwise it returns 200, nil. If ctx is done before the latency has passed
// (or already is), Fetch returns 0, ctx.Err() at that moment.
//
//	status, err := sim.Fetch(ctx, "https://api.example.test/users/1")
func Fetch(ctx context.Context, url string) (int, error) {
	mu.Lock()
	lo, hi, fail := minLatency, maxLatency, failPercent
	mu.Unlock()

	if err := ctx.Err(); err != nil {
		return 0, err
	}
	h := hash(url)
	latency := lo + time.Duration(h%1000)*(hi-lo)/1000
	t := time.NewTimer(latency)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-t.C:
	}
	if int((h/1000)%100) < fail {
		return 503, errors.New("sim: " + url + ": service unavailable")
	}
	return 200, nil
}

// Work stands in for CPU-bound work: it keeps the CPU busy for d on the real
// clock (PoolLab's virtual clock simply advances by d).
//
//	sim.Work(20 * time.Millisecond)
func Work(d time.Duration) {
	start := time.Now()
	for time.Since(start) < d {
	}
}
