package main

import (
	"errors"
	"fmt"
	"sync"
)

type namer interface{ Name() string }

type counter interface{ Inc() int }

type base struct{ id int }

func (b base) Name() string   { return fmt.Sprintf("worker-%d", b.id) }
func (b base) String() string { return "base#" + fmt.Sprint(b.id) }
func (b *base) Inc() int      { b.id++; return b.id }

type worker struct {
	base
	sync.Mutex
	done int
}

type outer struct {
	*worker
	tag string
}

func main() {
	w := &worker{base: base{id: 3}}
	var n namer = w
	fmt.Println(n.Name(), w.Name())
	var n2 namer = *w
	fmt.Println(n2.Name())
	var c counter = w
	fmt.Println(c.Inc(), c.Inc(), w.id)
	o := outer{worker: w, tag: "x"}
	var c2 counter = o
	fmt.Println(c2.Inc(), w.id)
	fmt.Println(w.base, o.Name())
	fmt.Printf("%v %s\n", *w, o)
	f := n.Name
	fmt.Println(f())
	w.Lock()
	w.done++
	w.Unlock()
	fmt.Println(w.done)
	var err error = errors.New("inner")
	fmt.Println(err.Error(), err)
	var nilw *worker
	var n3 namer = nilw
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(n3.Name())
}
