package main

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

const (
	numWorkers = 3
	perChar    = 10 * time.Millisecond // longer lines take longer to classify
)

var logLines = []string{
	"server started on port 8080", "user alice logged in",
	"disk almost full", "payment failed: card declined",
	"cache miss for /home", "retry 2 of 5 for upstream",
	"user bob logged out", "error writing audit log",
	"shutdown requested",
}

type entry struct {
	seq   int // position in the input
	text  string
	level string
}

// levelOf is the classification: a few keywords decide the level.
func levelOf(text string) string {
	switch {
	case strings.Contains(text, "error"), strings.Contains(text, "failed"):
		return "ERROR"
	case strings.Contains(text, "full"), strings.Contains(text, "retry"):
		return "WARN"
	}
	return "INFO"
}

// printer prints entries in input order, holding back any that arrive early.
type printer struct {
	next    int
	pending map[int]entry
}

func (p *printer) show(e entry) {
	fmt.Printf("%d %-5s %s\n", e.seq, e.level, e.text)
}

func (p *printer) add(e entry) {
	p.pending[e.seq] = e
	for {
		e, ok := p.pending[p.next]
		if !ok {
			return
		}
		delete(p.pending, p.next)
		p.show(e)
		p.next++
	}
}

func worker(jobs <-chan entry, results chan<- entry, wg *sync.WaitGroup) {
	defer wg.Done()
	for e := range jobs {
		time.Sleep(time.Duration(len(e.text)) * perChar)
		e.level = levelOf(e.text)
		results <- e
	}
}

func main() {
	jobs := make(chan entry, len(logLines))
	results := make(chan entry)
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	for i, line := range logLines {
		jobs <- entry{seq: i, text: line}
	}
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()

	p := &printer{pending: make(map[int]entry)}
	for e := range results {
		p.add(e) // variant: order=sequence
		// p.show(e) // variant: order=arrival
	}
}
