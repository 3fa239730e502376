package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func push(head *Node, v int) *Node { return &Node{Val: v, Next: head} }

func incr(p *int) { *p++ }

func main() {
	var head *Node
	for i := 1; i <= 4; i++ {
		head = push(head, i)
	}
	for n := head; n != nil; n = n.Next {
		fmt.Print(n.Val, " ")
	}
	fmt.Println()
	x := 1
	incr(&x)
	incr(&x)
	fmt.Println(x)
	p := new(int)
	*p = 7
	q := p
	*q += 1
	fmt.Println(*p, p == q)
	s := []int{1, 2, 3}
	e := &s[1]
	*e = 20
	fmt.Println(s)
	type pair struct{ a, b int }
	pr := pair{1, 2}
	pa := &pr.b
	*pa = 9
	fmt.Println(pr)
}
