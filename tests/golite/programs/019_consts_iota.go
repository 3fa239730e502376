package main

import (
	"fmt"
	"time"
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

const (
	_  = iota
	KB = 1 << (10 * iota)
	MB
	GB
)

const timeout = 250 * time.Millisecond
const greeting = "hi"
const ratio = 2.5

func (d Weekday) String() string {
	return [...]string{"Sun", "Mon", "Tue"}[d]
}

func main() {
	fmt.Println(Sunday, Monday, Tuesday, int(Tuesday))
	fmt.Println(KB, MB, GB)
	fmt.Println(timeout, greeting, ratio*2)
	fmt.Printf("%v %d %s\n", Monday, Monday, Tuesday)
	var f float64 = 1
	fmt.Println(f / 3)
	const big = 1 << 40
	fmt.Println(big / 1024)
}
