package main

import "fmt"

type Job struct {
	ID      int
	Payload [16]int
}

func main() {
	jobs := make([]Job, 0, 4)
	fmt.Println("small buffer:", len(jobs), cap(jobs))
	n := 1 << 40 // in range for make, but far more memory than the machine has
	big := make([]int, 0, n)
	fmt.Println("never printed", cap(big))
}
