package main

// The slices package: Sort, SortFunc, SortStableFunc, Contains, ContainsFunc, Index,
// IndexFunc, Reverse, Max, Min (a panic on an empty slice), Equal and Clone.

import (
	"fmt"
	"slices"
	"strings"
)

type Result struct {
	Job    int
	Worker int
	Took   float64
}

func main() {
	xs := []int{5, 2, 8, 1, 9}
	slices.Sort(xs)
	fmt.Println(xs, slices.Contains(xs, 8), slices.Index(xs, 9), slices.Index(xs, 7), slices.Max(xs), slices.Min(xs))
	fs := []float64{2.5, -1, 3}
	fmt.Println(slices.Contains(fs, 3), slices.Max(fs)+1, slices.Min(fs))
	words := []string{"pear", "fig", "apple"}
	slices.Sort(words)
	fmt.Println(words, strings.Join(words, ","), slices.Max(words))
	results := []Result{{3, 1, 0.5}, {1, 2, 0.2}, {2, 1, 0.5}, {4, 3, 0.1}}
	slices.SortStableFunc(results, func(a, b Result) int {
		switch {
		case a.Took < b.Took:
			return -1
		case a.Took > b.Took:
			return 1
		}
		return 0
	})
	fmt.Println(results)
	slices.SortFunc(results, func(a, b Result) int { return a.Job - b.Job })
	fmt.Println(results)
	fmt.Println(slices.IndexFunc(results, func(r Result) bool { return r.Worker == 3 }),
		slices.ContainsFunc(results, func(r Result) bool { return r.Took > 1 }))
	c := slices.Clone(xs)
	slices.Reverse(c)
	fmt.Println(c, xs, slices.Equal(c, xs), slices.Equal(xs, []int{1, 2, 5, 8, 9}))
	var none []int
	fmt.Println(slices.Clone(none) == nil, len(c))
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(slices.Max(none))
}
