package main

import (
	"errors"
	"fmt"
)

func main() {
	panic(fmt.Errorf("wrap: %w", errors.New("inner")))
}
