// context.WithValue with a nil key panics with Go's text.
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx := context.WithValue(context.Background(), nil, 1)
	fmt.Println(ctx.Value(nil))
}
