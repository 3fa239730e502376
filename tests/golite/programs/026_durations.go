package main

import (
	"fmt"
	"time"
)

func main() {
	ds := []time.Duration{0, 1, 999, 1500, 2 * time.Millisecond, 1500 * time.Millisecond,
		90 * time.Second, 2*time.Hour + 3*time.Minute, -250 * time.Millisecond, time.Duration(1234567890)}
	for _, d := range ds {
		fmt.Println(d, d.Seconds(), d.Milliseconds())
	}
	fmt.Printf("%v %s %d\n", time.Second, 2*time.Second, time.Millisecond)
	d := 1234 * time.Millisecond
	fmt.Println(d.Round(time.Second), d.Truncate(time.Second), d.String())
	fmt.Println(time.Duration(3) * time.Second / 2)
}
