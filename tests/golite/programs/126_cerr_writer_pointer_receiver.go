// strings.Builder's Write has a pointer receiver: the value is not an io.Writer.
package main

import (
	"fmt"
	"strings"
)

func main() {
	var sb strings.Builder
	fmt.Fprintln(sb, "b")
	fmt.Println(sb.String())
}
