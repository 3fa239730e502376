package main

import (
	"fmt"
	"strings"
)

func main() {
	s := "Hello, World"
	fmt.Println(len(s), s[0], s[1:5], strings.ToUpper(s), strings.ToLower(s))
	fmt.Println(strings.Contains(s, "World"), strings.HasPrefix(s, "He"), strings.HasSuffix(s, "x"))
	fmt.Println(strings.Index(s, "o"), strings.Repeat("ab", 3), strings.Split("a,b,c", ","))
	fmt.Println(strings.Fields("  a  b c "), len(strings.Fields("  a  b c ")))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, "-"), strings.TrimSpace("  pad  ")+"|")
	fmt.Println(strings.ReplaceAll("a-b-c", "-", "+"), strings.Replace("aaaa", "a", "b", 2), strings.Count("cheese", "e"))
	fmt.Println(strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("body.go", ".go"), strings.Trim("xxhixx", "x"))
	var b strings.Builder
	for i := 0; i < 3; i++ {
		b.WriteString("n")
		b.WriteByte('0' + byte(i))
	}
	fmt.Println(b.String(), b.Len())
	fmt.Println("con" + "cat" + fmt.Sprint(1))
}
