package main

import (
	"fmt"
	"math/rand"
)

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64    { return r.W * r.H }
func (r Rect) Name() string      { return "rect" }
func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string   { return "circle" }

func describe(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprintf("int %d", v+1)
	case string, bool:
		return fmt.Sprintf("string or bool %v", v)
	case Shape:
		return "shape " + v.Name()
	case []int:
		return fmt.Sprint("ints ", len(v))
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	_ = rand.Intn
	shapes := []Shape{Rect{2, 3}, &Circle{1}}
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
		fmt.Println(s.Name(), s.Area())
	}
	fmt.Println(total)
	for _, x := range []any{nil, 1, "s", true, Rect{}, []int{1}, 2.5} {
		fmt.Println(describe(x))
	}
	var s Shape
	fmt.Println(s == nil)
	var cp *Circle
	s = cp
	fmt.Println(s == nil, s != nil)
	r, ok := shapes[0].(Rect)
	fmt.Println(r, ok)
	_, ok = shapes[0].(*Circle)
	fmt.Println(ok)
	var a any = 3
	var b any = 3
	fmt.Println(a == b, a != any("3"))
}
