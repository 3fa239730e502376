package main

import (
	"fmt"
	"strconv"
)

func main() {
	fmt.Println(strconv.Itoa(42) + "!")
	n, err := strconv.Atoi("123")
	fmt.Println(n, err)
	n, err = strconv.Atoi("12a")
	fmt.Println(n, err)
	_, err = strconv.Atoi("99999999999999999999")
	fmt.Println(err)
	f, err := strconv.ParseFloat("2.5", 64)
	fmt.Println(f, err)
	b, err := strconv.ParseBool("true")
	fmt.Println(b, err)
	fmt.Println(strconv.Quote("a\"b\n"), strconv.FormatInt(255, 16), strconv.FormatInt(-5, 2))
	i64, err := strconv.ParseInt("-42", 10, 64)
	fmt.Println(i64, err)
}
