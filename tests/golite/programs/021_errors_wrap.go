package main

import (
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")

type QueryError struct {
	Query string
	Err   error
}

func (e *QueryError) Error() string { return e.Query + ": " + e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

func find(k string) error {
	if k == "" {
		return &QueryError{Query: "empty", Err: ErrNotFound}
	}
	return fmt.Errorf("find %q: %w", k, ErrNotFound)
}

func main() {
	err := find("x")
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrNotFound), errors.Unwrap(err) == ErrNotFound)
	err2 := find("")
	fmt.Println(err2, errors.Is(err2, ErrNotFound))
	var qe *QueryError
	fmt.Println(errors.As(err2, &qe), qe.Query)
	wrapped := fmt.Errorf("outer: %w", err2)
	fmt.Println(wrapped, errors.Is(wrapped, ErrNotFound))
	plain := fmt.Errorf("no wrap %v", ErrNotFound)
	fmt.Println(plain, errors.Is(plain, ErrNotFound), errors.Unwrap(plain))
	var nilErr error
	fmt.Println(nilErr == nil, nilErr)
	fmt.Printf("%v|%s|%q\n", ErrNotFound, ErrNotFound, ErrNotFound)
}
