package main

import (
	"fmt"
	"math/rand"
)

func main() {
	n := rand.Intn(10)
	fmt.Println(n >= 0 && n < 10)
	p := rand.Perm(5)
	seen := map[int]bool{}
	for _, v := range p {
		seen[v] = true
	}
	fmt.Println(len(p), len(seen))
	f := rand.Float64()
	fmt.Println(f >= 0 && f < 1)
	xs := []int{1, 2, 3, 4}
	rand.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	sum := 0
	for _, x := range xs {
		sum += x
	}
	fmt.Println(sum)
}
