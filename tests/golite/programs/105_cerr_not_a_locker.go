package main

import "sync"

func main() {
	var wg sync.WaitGroup
	var l sync.Locker = &wg
	_ = l
}
