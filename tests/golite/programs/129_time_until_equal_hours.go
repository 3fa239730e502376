// time.Until, Time.Equal and Duration.Hours beside a context deadline.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	deadline := start.Add(90 * time.Minute)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	d, ok := ctx.Deadline()
	left := time.Until(d)
	fmt.Println(ok, left.Round(time.Minute), left.Round(time.Minute).Hours(), d.Equal(deadline), d.Equal(start))
	fmt.Println((150 * time.Minute).Hours(), (90 * time.Second).Minutes())
}
