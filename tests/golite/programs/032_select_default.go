package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	select {
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("nothing ready")
	}
	ch <- 5
	select {
	case v, ok := <-ch:
		fmt.Println("received", v, ok)
	default:
		fmt.Println("nothing ready")
	}
	full := make(chan int, 1)
	full <- 1
	select {
	case full <- 2:
		fmt.Println("sent")
	default:
		fmt.Println("would block")
	}
	var nilCh chan int
	select {
	case <-nilCh:
		fmt.Println("impossible")
	default:
		fmt.Println("nil channel never ready")
	}
	count := 0
	for i := 0; i < 3; i++ {
		select {
		case full <- i:
		default:
			count++
		}
	}
	fmt.Println(count)
}
