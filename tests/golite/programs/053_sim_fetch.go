package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"poollab/sim"
)

func main() {
	sim.Configure(10*time.Millisecond, 40*time.Millisecond, 30)
	urls := []string{"https://a.example.test/1", "https://b.example.test/2", "https://c.example.test/3",
		"https://d.example.test/4", "https://e.example.test/5", "https://f.example.test/6"}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var lines []string
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, err := sim.Fetch(context.Background(), u)
			mu.Lock()
			lines = append(lines, fmt.Sprint(u, " ", status, " ", err))
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	status, err := sim.Fetch(ctx, "https://slow.example.test/")
	fmt.Println(status, err)
	sim.Work(time.Millisecond)
	fmt.Println("worked")
}
