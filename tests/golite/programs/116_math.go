package main

// The math package: constants, rounding in its several forms, Go's special cases for
// Max, Min, Inf and NaN, and functions on values whose results are exact.

import (
	"fmt"
	"math"
)

func main() {
	fmt.Println(math.Pi, math.E, math.Sqrt2, math.MaxInt64, math.MinInt64, math.MaxInt32, math.MinInt8, math.MaxUint32)
	fmt.Println(math.MaxInt, math.MinInt, math.MaxFloat64, math.SmallestNonzeroFloat64)
	for _, x := range []float64{2.5, -2.5, 3.5, -0.4, 7} {
		fmt.Println(x, math.Floor(x), math.Ceil(x), math.Round(x), math.RoundToEven(x), math.Trunc(x), math.Abs(x))
	}
	fmt.Println(math.Sqrt(2), math.Sqrt(144), math.Pow(2, 10), math.Pow(2, -1), math.Hypot(3, 4), math.Cbrt(27))
	fmt.Println(math.Log(1), math.Exp(0), math.Log2(8), math.Log10(1000), math.Sin(0), math.Cos(0), math.Atan(0))
	fmt.Println(math.Mod(7, 3), math.Mod(-7, 3), math.Mod(7, -3))
	inf := math.Inf(1)
	nan := math.NaN()
	fmt.Println(inf, math.Inf(-1), nan, math.IsNaN(nan), math.IsInf(inf, 1), math.IsInf(inf, -1), math.IsInf(-inf, 0))
	fmt.Println(math.Max(3, 7), math.Min(3, 7), math.Max(nan, inf), math.Max(1, nan), math.Min(-inf, nan))
	negZero := math.Copysign(0, -1)
	fmt.Println(math.Signbit(negZero), math.Signbit(math.Max(negZero, 0)), math.Signbit(math.Min(negZero, 0)))
	fastest := math.MaxInt
	for _, d := range []int{40, 12, 33} {
		fastest = min(fastest, d)
	}
	fmt.Println("fastest", fastest, int(math.Sqrt(float64(fastest))))
}
