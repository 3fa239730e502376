// context.WithValue: values reach the contexts derived below, the innermost key wins, Go's checks on keys.
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

type ctxKey string

type reqID int

func handle(ctx context.Context, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	id, ok := ctx.Value(reqID(0)).(int)
	user := ctx.Value(ctxKey("user"))
	select {
	case <-ctx.Done():
		out <- fmt.Sprintf("req %d (%v, %v) for %v: %v", id, ok, user, ctx.Value("missing"), ctx.Err())
	case <-time.After(time.Duration(id) * 10 * time.Millisecond):
		out <- fmt.Sprintf("req %d done for %v", id, user)
	}
}

func main() {
	base := context.WithValue(context.Background(), ctxKey("user"), "ana")
	ctx, cancel := context.WithTimeout(base, 25*time.Millisecond)
	defer cancel()
	var wg sync.WaitGroup
	out := make(chan string, 4)
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go handle(context.WithValue(ctx, reqID(0), i), &wg, out)
	}
	wg.Wait()
	close(out)
	got := map[string]bool{}
	for s := range out {
		got[s] = true
	}
	fmt.Println(len(got))
	for i := 1; i <= 4; i++ {
		fmt.Println(got[fmt.Sprintf("req %d done for ana", i)], got[fmt.Sprintf("req %d (true, ana) for <nil>: context deadline exceeded", i)])
	}
	shadow := context.WithValue(base, ctxKey("user"), "bo")
	fmt.Println(shadow.Value(ctxKey("user")), base.Value(ctxKey("user")), shadow.Value("user"))
	fmt.Println(context.Background().Value(1))
	defer func() { fmt.Println("recovered:", recover()) }()
	context.WithValue(base, []int{1}, 2)
}
