package main

import (
	"errors"
	"fmt"
)

type jobError struct {
	error
	job int
}

type shape interface{ Area() int }

type square struct{ side int }

func (s square) Area() int { return s.side * s.side }

type labelled struct {
	shape
	label string
}

type tagged struct {
	*labelled
}

func describe(s shape) string { return fmt.Sprint("area ", s.Area()) }

func main() {
	je := jobError{errors.New("bad input"), 7}
	var err error = je
	fmt.Println(err.Error(), "|", err, "|", je.Error(), "|", je.job)
	fmt.Printf("%v %s\n", err, je)

	l := labelled{square{3}, "sq"}
	fmt.Println(l.Area(), describe(l), describe(&l))
	t := tagged{&l}
	fmt.Println(t.Area(), describe(t))
	area := t.Area
	l.shape = square{4}
	fmt.Println(area(), t.Area())

	results := []error{jobError{errors.New("timeout"), 1}, nil, jobError{fmt.Errorf("wrapped: %w", errors.New("unsupported operation")), 3}}
	for i, e := range results {
		if e != nil {
			fmt.Println(i, e)
		}
	}

	defer func() { fmt.Println("recovered:", recover()) }()
	var empty labelled
	fmt.Println(empty.Area())
}
