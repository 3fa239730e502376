package main

import "fmt"

func f() (result int) {
	defer func() { result *= 2 }()
	defer fmt.Println("deferred print", result)
	result = 5
	return result + 1
}

func loop() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("defer", i)
	}
	fmt.Println("loop body done")
}

func main() {
	fmt.Println(f())
	loop()
	x := 1
	defer fmt.Println("main deferred x =", x)
	x = 2
	fmt.Println("end of main", x)
}
