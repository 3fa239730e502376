package main

// More of the strings package: Cut, LastIndex, SplitN, EqualFold, ContainsRune,
// ContainsAny, IndexByte, IndexRune, TrimLeft, TrimRight, Map (a negative rune drops
// the character) and Compare.

import (
	"fmt"
	"strings"
)

func main() {
	before, after, found := strings.Cut("key=value=x", "=")
	fmt.Println(before, after, found)
	fmt.Println(strings.Cut("novalue", "="))
	fmt.Println(strings.LastIndex("go gopher", "go"), strings.LastIndex("x", ""), strings.LastIndex("abc", "z"))
	fmt.Printf("%q %q %q %q\n", strings.SplitN("a,b,c,d", ",", 2), strings.SplitN("a,b", ",", 0), strings.SplitN("a,b,c", ",", -1), strings.SplitN("héllo", "", 3))
	fmt.Println(strings.EqualFold("Go", "GO"), strings.ContainsRune("héllo", 'é'), strings.ContainsAny("failure", "ui"), strings.ContainsAny("x", ""))
	fmt.Println(strings.IndexByte("golang", 'l'), strings.IndexRune("chicken", 'k'), strings.IndexRune("chicken", 'z'))
	fmt.Printf("%q %q\n", strings.TrimLeft("xxhixx", "x"), strings.TrimRight("xxhixx!", "x!"))
	rot := func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return 'a' + (r-'a'+13)%26
		}
		if r == ' ' {
			return -1
		}
		return r
	}
	fmt.Println(strings.Map(rot, "hello world é"))
	fmt.Println(strings.Compare("a", "b"), strings.Compare("b", "a"), strings.Compare("x", "x"))
}
