package main

import "fmt"

type Celsius int

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func half(c Celsius) Celsius { return c / 2 }

func boxed(n int64) any { return n*3 - 1 }

func sum3(a, b, c int) (total int) {
	total = a + b + c
	return
}

func main() {
	fmt.Println(fib(15), half(Celsius(-7)), boxed(5), sum3(1, 2, 3))

	// Wrapping, negative division and remainder, comparisons with constants.
	big := 9223372036854775807
	big++
	fmt.Println(big, big-1, -7/2, -7%2, 7/-2, 7%-2)
	var m int64 = -9223372036854775807 - 1
	fmt.Println(m/-1, m%-1, m*2, m < 0, m >= -9223372036854775807)

	// Compound assignment on plain and captured locals.
	x, acc := 10, 0
	add := func(d int) { acc += d }
	for i := 0; i < 5; i++ {
		x += i
		x -= 1
		x *= 2
		add(i)
	}
	acc--
	fmt.Println(x, acc)

	// A narrower integer type still wraps.
	var b int8 = 127
	b++
	b += 2
	fmt.Println(b)

	// Named integer types keep their type through the fast paths.
	t := Celsius(30)
	t += 5
	t++
	fmt.Printf("%v %T %d\n", t, t, t%7)

	// Loop variables captured per iteration are unaffected.
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * 10 })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
