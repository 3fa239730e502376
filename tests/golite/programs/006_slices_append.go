package main

import "fmt"

func main() {
	var s []int
	fmt.Println(s == nil, len(s), cap(s), s)
	for i := 0; i < 10; i++ {
		s = append(s, i)
		fmt.Println(len(s), cap(s))
	}
	t := s[2:5]
	fmt.Println(t, len(t), cap(t))
	t[0] = 100
	fmt.Println(s[2])
	u := append(t, 200)
	fmt.Println(s[5], u)
	w := make([]string, 2, 5)
	w = append(w, "a", "b")
	fmt.Printf("%q %d %d\n", w, len(w), cap(w))
	more := append([]int{1, 2}, []int{3, 4}...)
	fmt.Println(more)
	grid := [][]int{{1, 2}, {3}}
	grid[1] = append(grid[1], 9)
	fmt.Println(grid)
}
