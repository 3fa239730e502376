package main

import "fmt"

func main() {
	fmt.Println(3.0, 2.5, 1e6, 123456789.0, 0.0001, 0.00001, 1.0/3.0)
	fmt.Println(float32(0.1), float32(1)/3)
	fmt.Printf("%f %.2f %8.3f %-8.1f| %e %g\n", 3.14159, 2.675, 3.14159, 2.0, 123456.789, 0.000012345)
	x := 10
	y := 4
	g := 7.9
	fmt.Println(float64(x)/float64(y), int(g), int(-g))
}
