package main

import "fmt"

type T struct{ A int }

func main() {
	var p *T
	fmt.Println(p.A)
}
