package main

import "fmt"

type ID int
type Name string

func main() {
	var i ID = 5
	n := int(i) + 1
	fmt.Println(i, n, ID(n))
	var s Name = "bob"
	fmt.Println(s, string(s)+"!", len(s))
	f := 3.99
	fmt.Println(int(f), int64(f), float32(f), uint8(300%256))
	var b byte = 'a'
	fmt.Println(b, string(rune(b)), string(rune(65)))
	x := 1<<8 + 1
	fmt.Println(int8(x), uint8(x), int16(x))
	fmt.Printf("%T %T\n", i, s)
}
