package main

import "fmt"

func ping(out chan<- string, in <-chan string, n int) {
	for i := 0; i < n; i++ {
		out <- fmt.Sprint("ping ", i)
		fmt.Println(<-in)
	}
	close(out)
}

func main() {
	a := make(chan string)
	b := make(chan string)
	go ping(a, b, 3)
	for msg := range a {
		fmt.Println(msg)
		b <- "pong"
	}
	fmt.Println("finished")
}
