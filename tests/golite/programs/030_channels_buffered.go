package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	fmt.Println(len(ch), cap(ch))
	fmt.Println(<-ch, <-ch)
	ch <- 3
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Println(v, ok)
	strs := make(chan string, 2)
	strs <- "a"
	close(strs)
	for s := range strs {
		fmt.Println("got", s)
	}
	var nilCh chan int
	fmt.Println(nilCh == nil, len(nilCh))
	done := make(chan struct{})
	go func() {
		close(done)
	}()
	<-done
	fmt.Println("done closed")
}
