// context.WithCancelCause and context.Cause: the cause reaches the whole subtree, the first cancellation's cause stays, cancel(nil) reports context.Canceled, a deadline DeadlineExceeded.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

var errShutdown = errors.New("shutting down")

func worker(ctx context.Context, id int, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	<-ctx.Done()
	out <- fmt.Sprintf("worker %d stopped: %v (%v)", id, ctx.Err(), context.Cause(ctx))
}

func main() {
	root, stop := context.WithCancelCause(context.Background())
	fmt.Println(context.Cause(root), root.Err())
	child, cancelChild := context.WithCancel(root)
	defer cancelChild()
	timed, cancelTimed := context.WithTimeout(root, time.Hour)
	defer cancelTimed()
	valued := context.WithValue(child, "k", 1)
	var wg sync.WaitGroup
	out := make(chan string, 3)
	for i, c := range []context.Context{child, timed, valued} {
		wg.Add(1)
		go worker(c, i, &wg, out)
	}
	stop(errShutdown)
	stop(errors.New("second"))
	wg.Wait()
	close(out)
	n := 0
	for s := range out {
		if s != "" {
			n++
		}
	}
	fmt.Println(n, context.Cause(root) == errShutdown, errors.Is(context.Cause(valued), errShutdown))
	fmt.Println(context.Cause(child), context.Cause(timed), context.Cause(valued))

	plain, cancelPlain := context.WithCancelCause(context.Background())
	cancelPlain(nil)
	fmt.Println(plain.Err(), context.Cause(plain))

	first, cancelFirst := context.WithCancelCause(context.Background())
	inner, cancelInner := context.WithCancelCause(first)
	cancelInner(errors.New("inner first"))
	cancelFirst(errors.New("outer later"))
	fmt.Println(context.Cause(inner), context.Cause(first))

	dl, cancelDl := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancelDl()
	under, cancelUnder := context.WithCancelCause(dl)
	defer cancelUnder(nil)
	<-under.Done()
	fmt.Println(context.Cause(dl), context.Cause(under), context.Cause(context.Background()))
}
