package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func worker(ctx context.Context, out chan<- int) {
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			close(out)
			return
		case out <- i:
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int)
	go worker(ctx, out)
	for v := range out {
		if v == 3 {
			cancel()
			break
		}
	}
	time.Sleep(time.Millisecond)
	fmt.Println(ctx.Err(), errors.Is(ctx.Err(), context.Canceled))
	cancel()
	bg := context.Background()
	fmt.Println(bg.Err())
	parent, pcancel := context.WithCancel(context.Background())
	child, ccancel := context.WithCancel(parent)
	defer ccancel()
	pcancel()
	<-child.Done()
	fmt.Println("child:", child.Err())
}
