package main

import "fmt"

type Counter struct {
	n int
}

func (c *Counter) Inc() { c.n++ }
func (c Counter) Get() int { return c.n }
func (c Counter) TryInc() { c.n++ }

type Celsius float64

func (c Celsius) F() float64 { return float64(c)*9/5 + 32 }

func main() {
	var c Counter
	c.Inc()
	c.Inc()
	c.TryInc()
	fmt.Println(c.Get(), c.n)
	p := &c
	p.Inc()
	fmt.Println(p.Get())
	f := c.Get
	c.Inc()
	fmt.Println(f(), c.Get())
	g := p.Inc
	g()
	fmt.Println(c.n)
	fmt.Println(Celsius(100).F())
	cs := []Counter{{}, {}}
	cs[1].Inc()
	fmt.Println(cs)
}
