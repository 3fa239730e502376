package main

import (
	"errors"
	"fmt"
)

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	q = a / b
	return q, nil
}

func nested() (s string) {
	defer func() {
		r := recover()
		s = fmt.Sprint("got ", r)
	}()
	func() {
		defer fmt.Println("inner defer runs")
		panic(errors.New("deep"))
	}()
	return "unreachable"
}

func helperRecover() any { return recover() }

func notDirect() {
	defer func() {
		fmt.Println("helper recover returns", helperRecover())
		fmt.Println("direct recover returns", recover())
	}()
	panic("p")
}

func main() {
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(1, 0))
	fmt.Println(nested())
	notDirect()
	fmt.Println(recover())
	var idx []int
	func() {
		defer func() {
			r := recover()
			err, ok := r.(error)
			fmt.Println(ok, err)
		}()
		_ = idx[3]
	}()
}
