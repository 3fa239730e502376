package main

import "fmt"

func main() {
	m := map[string]int{"banana": 3, "apple": 1}
	m["cherry"] = 7
	fmt.Println(m, len(m))
	v, ok := m["apple"]
	fmt.Println(v, ok)
	v, ok = m["nope"]
	fmt.Println(v, ok)
	delete(m, "banana")
	delete(m, "nothing")
	fmt.Println(m)
	m["apple"] += 10
	m["new"]++
	fmt.Println(m)
	counts := map[int][]string{}
	counts[2] = append(counts[2], "a")
	counts[1] = append(counts[1], "b", "c")
	fmt.Println(counts)
	var nilMap map[string]bool
	fmt.Println(nilMap["x"], len(nilMap), nilMap)
	type key struct{ a, b int }
	km := map[key]string{{1, 2}: "one-two"}
	fmt.Println(km[key{1, 2}], km)
	sum := 0
	for _, v := range map[string]int{"a": 1, "b": 2, "c": 3} {
		sum += v
	}
	fmt.Println(sum)
}
