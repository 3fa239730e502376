package main

import "fmt"

type Job struct {
	ID   int
	Name string
}

func (j Job) String() string { return fmt.Sprintf("job#%d(%s)", j.ID, j.Name) }

type Level int

func (l Level) String() string {
	if l > 1 {
		return "HIGH"
	}
	return "low"
}

type Wrapper struct {
	J Job
	L Level
}

func main() {
	j := Job{1, "a"}
	fmt.Println(j, &j)
	fmt.Printf("%v %s %d\n", j, j, Level(2))
	fmt.Println([]Job{{2, "b"}, {3, "c"}})
	fmt.Println(Wrapper{j, 2})
	fmt.Printf("%+v\n", Wrapper{j, 0})
	fmt.Println(map[Level]int{1: 10, 2: 20})
}
