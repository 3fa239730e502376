package main

// Untyped integer constants past int64: 1<<63 and 1<<64 - 1 in constant expressions,
// math.MaxUint64, and ^ on typed unsigned constants flipping only the type's bits.

import (
	"fmt"
	"math"
)

const (
	MaxU64 = 1<<64 - 1
	Big    = 1 << 100
	Half   = Big >> 99
)

func main() {
	var u uint64 = MaxU64
	var m uint64 = math.MaxUint64
	fmt.Println(u, m, Half, uint64(1<<63), ^uint64(0), ^uint32(0), -1<<63)
	var s int64 = math.MinInt64
	fmt.Println(s, uint64(Big>>40))
	x := 3
	fmt.Println(x<<62, uint64(x)<<63)
}
