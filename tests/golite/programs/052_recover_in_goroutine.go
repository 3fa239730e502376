package main

import (
	"fmt"
	"sync"
)

func safeWorker(id int, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	defer func() {
		if r := recover(); r != nil {
			out <- fmt.Sprintf("worker %d recovered: %v", id, r)
		}
	}()
	if id == 2 {
		var m map[string]int
		m["x"] = 1
	}
	out <- fmt.Sprintf("worker %d ok", id)
}

func main() {
	var wg sync.WaitGroup
	out := make(chan string, 3)
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go safeWorker(i, &wg, out)
	}
	wg.Wait()
	close(out)
	var lines []string
	for l := range out {
		lines = append(lines, l)
	}
	for i := 0; i < len(lines); i++ {
		for j := i + 1; j < len(lines); j++ {
			if lines[j] < lines[i] {
				lines[i], lines[j] = lines[j], lines[i]
			}
		}
	}
	for _, l := range lines {
		fmt.Println(l)
	}
}
