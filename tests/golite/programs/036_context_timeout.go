package main

import (
	"context"
	"fmt"
	"time"
)

func slowOp(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	fmt.Println(slowOp(ctx, 5*time.Millisecond))
	fmt.Println(slowOp(ctx, 200*time.Millisecond))
	fmt.Println(ctx.Err() == context.DeadlineExceeded)
	_, ok := ctx.Deadline()
	fmt.Println(ok)
}
