package main

import "fmt"

type T struct {
	A int
	B string
}

func main() {
	fmt.Printf("[%5d][%-5d][%05d][%+d][%x][%X][%o][%b]\n", 42, 42, 42, 42, 255, 255, 8, 5)
	fmt.Printf("[%s][%10s][%-10s][%q][%.2s]\n", "go", "go", "go", "go", "golang")
	fmt.Printf("[%t][%v][%6.2f][%-8.3f][%.0f]\n", true, false, 3.14159, 2.5, 2.5)
	fmt.Printf("[%v][%+v][%T]\n", T{1, "x"}, T{1, "x"}, T{})
	fmt.Printf("[%v][%d][%s]\n", []int{1, 2}, []int{3, 4}, []string{"a", "b"})
	fmt.Printf("[%c][%c][%q]\n", 'G', 0x4E16, 'x')
	fmt.Printf("%d %s\n", "str", 5)
	fmt.Printf("%d\n")
	fmt.Printf("%d %d\n", 1, 2, 3)
	fmt.Printf("100%%\n")
	fmt.Printf("%v %T %v\n", nil, nil, []any{nil, 1})
	fmt.Printf("%x %X\n", "hi", []byte("hi"))
	s := fmt.Sprintf("%03d|%v|%v", 7, map[string]int{"b": 2, "a": 1}, [2]bool{true})
	fmt.Println(s, len(s))
	fmt.Println(fmt.Sprint("a", 1, 2, "b", 3.0, "c"), fmt.Sprintln("x", 1))
	var ip *int
	var e error
	fmt.Printf("%v %v %d\n", ip, e, []string{"z"})
	fmt.Printf("%6v|%-6v|%6v\n", 1.5, true, "s")
	fmt.Printf("%t\n", 1)
}
