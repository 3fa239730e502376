package main

// %#v prints values as Go source: type names, quoted strings, unsigned integers in hex,
// nil slices, maps, pointers and interfaces named by the type of the place they sit in.

import (
	"errors"
	"fmt"
	"time"
)

type Job struct {
	ID   int
	Name string
	Tags []string
	Meta map[string]int
	Next *Job
	Err  error
	Any  any
}

type Celsius float64
type Level int
type Pair struct{ A, B int }

func main() {
	j := Job{ID: 1, Name: "one", Tags: []string{"a", "b"}, Meta: map[string]int{"z": 1, "a": 2}}
	fmt.Printf("%#v\n", j)
	fmt.Printf("%#v\n", &j)
	fmt.Printf("%#v\n", []Job{{ID: 2}})
	fmt.Printf("%#v %#v %#v %#v\n", 42, uint(42), uint8(7), int8(-3))
	fmt.Printf("%#v %#v %#v %#v\n", 1.0, 3.14, float32(2.5), 1e21)
	fmt.Printf("%#v %#v %#v\n", "hi\n", true, 'x')
	fmt.Printf("%#v %#v\n", Celsius(10.5), Level(3))
	fmt.Printf("%#v %#v\n", []int(nil), map[string]bool(nil))
	fmt.Printf("%#v %#v\n", [2]int{1, 2}, []Pair{{1, 2}})
	fmt.Printf("%#v\n", struct {
		X int
		y string
	}{1, "s"})
	var p *Job
	fmt.Printf("%#v\n", p)
	var e error
	fmt.Printf("%#v\n", e)
	fmt.Printf("%#v\n", errors.New("boom") == nil)
	fmt.Printf("%#v\n", 1500*time.Millisecond)
	fmt.Printf("%#v\n", []any{1, "a", nil, Pair{3, 4}})
	fmt.Printf("%#v\n", map[Pair]string{{1, 2}: "x"})
	fmt.Printf("%#v\n", [][]int{{1}, nil})
	fmt.Printf("%#v\n", []byte("hi"))
	fmt.Printf("%#v %#v\n", int64(-5), uint64(255))
}
