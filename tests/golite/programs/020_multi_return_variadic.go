package main

import "fmt"

func divmod(a, b int) (int, int) { return a / b, a % b }

func sum(label string, nums ...int) string {
	t := 0
	for _, n := range nums {
		t += n
	}
	return fmt.Sprintf("%s=%d(%d)", label, t, len(nums))
}

func pair() (x, y string) {
	x = "left"
	y = "right"
	return
}

func main() {
	q, r := divmod(17, 5)
	fmt.Println(q, r)
	fmt.Println(divmod(9, 2))
	fmt.Println(sum("none"), sum("three", 1, 2, 3), sum("spread", []int{4, 5}...))
	a, b := pair()
	b, a = a, b
	fmt.Println(a, b)
	_, only := divmod(7, 3)
	fmt.Println(only)
}
