// Lists the exported names of Go standard-library packages, for golite's
// "in Go's standard library but not in golite's subset" diagnostics:
// package members as "path.Name", methods as "last.Type.Method" (the package
// path's last element, as golite's types name their package).
//
//	go run . fmt sync time context errors sort strings strconv math math/rand \
//	    runtime os io slices sync/atomic > names.txt
//
// core/golite/src/front/go_std_names.cpp holds the list for the packages above.
package main

import (
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"path"
	"sort"
)

func main() {
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	var lines []string
	for _, p := range os.Args[1:] {
		pkg, err := imp.Import(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, n := range pkg.Scope().Names() {
			if !token.IsExported(n) {
				continue
			}
			lines = append(lines, p+"."+n)
			tn, ok := pkg.Scope().Lookup(n).(*types.TypeName)
			if !ok {
				continue
			}
			ms := types.NewMethodSet(types.NewPointer(tn.Type()))
			for i := 0; i < ms.Len(); i++ {
				if m := ms.At(i).Obj(); m.Exported() {
					lines = append(lines, path.Base(p)+"."+n+"."+m.Name())
				}
			}
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
}
