package main

import "fmt"

func main() {
	s := "héllo, 世界"
	for i, r := range s {
		fmt.Println(i, r, string(r))
	}
	fmt.Println(len(s), len([]rune(s)), []byte("hi"), string([]byte{104, 105}))
	var r rune = 'Z'
	fmt.Println(r, string(r), r+1)
	fmt.Printf("%c %q %U %x\n", r, r, r, "hi")
}
