package main

import "fmt"

func main() {
	a, b := 17, 5
	fmt.Println(a+b, a-b, a*b, a/b, a%b, -a/b, -a%b)
	fmt.Println(a&b, a|b, a^b, a&^b, a<<3, a>>1, ^a)
	var x int8 = 127
	x++
	fmt.Println(x)
	var u uint8 = 0
	u--
	fmt.Println(u)
	var big int64 = 1 << 62
	fmt.Println(big*4, big+big)
	var u32 uint32 = 1 << 31
	fmt.Println(u32*2, u32<<1)
}
