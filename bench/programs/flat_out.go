// A pool running flat out: four workers between two 1024-slot channels and
// 6,000,000 jobs, for the window's frame rate under load:
//
//   xvfb-run -a poollab screenshot bench/programs/flat_out.go --schedule free --frame-stats -o /tmp/flat.png
package main

func main() {
	jobs := make(chan int, 1024)
	results := make(chan int, 1024)
	for w := 0; w < 4; w++ {
		go func() {
			for n := range jobs {
				results <- n * 2
			}
		}()
	}
	go func() {
		for n := 0; n < 6000000; n++ {
			jobs <- n
		}
		close(jobs)
	}()
	for i := 0; i < 6000000; i++ {
		<-results
	}
}
