// An int is not an io.Writer.
package main

import "fmt"

func main() {
	x := 42
	fmt.Fprintf(x, "a %d\n", 1)
}
