// Command apicheck guards signet's public API, in the spirit of the Go
// project's api/ directory: it renders the exported API of every public
// package of the module (all but internal/ and examples/) as Go
// declarations, and compares the result with the golden file
// api/signet.txt. A change to the API that the golden file does not
// reflect fails the check, and the golden file makes every API change
// visible in review.
//
// From the repository root:
//
//	go run -C internal/apicheck .     # check: exit 1 if api/signet.txt is stale
//	go run -C internal/apicheck . -w  # rewrite api/signet.txt after an intended change
//
// When the API differs from the golden file, apicheck prints the lines that
// changed and golang.org/x/exp/apidiff's verdict on the change (which parts
// are incompatible for a user of the previous API), comparing the packages
// the golden file declares with the packages of the source tree.
//
// apicheck is its own module, so that golang.org/x/exp and
// golang.org/x/tools stay out of signet's go.mod: signet's non-test code
// imports only the standard library. The output depends only on the
// source (no positions, no map order, no environment), so two runs on the
// same tree write the same bytes.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"
)

const (
	golden    = "api/signet.txt"
	updateCmd = "go run -C internal/apicheck . -w"
)

func main() {
	write := flag.Bool("w", false, "rewrite "+golden+" instead of checking it")
	root := flag.String("root", "../..", "the module's root directory")
	flag.Parse()
	if err := run(*root, *write); err != nil {
		fmt.Fprintln(os.Stderr, "apicheck:", err)
		os.Exit(1)
	}
}

func run(root string, write bool) error {
	mod, all, err := load(root)
	if err != nil {
		return err
	}
	got, err := render(mod)
	if err != nil {
		return err
	}
	path := filepath.Join(root, golden)
	if write {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			return err
		}
		fmt.Printf("apicheck: wrote %s (%d packages)\n", golden, len(mod.Packages))
		return nil
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s does not exist; create it with: %s", golden, updateCmd)
	} else if err != nil {
		return err
	}
	// apidiff compares the golden file's packages, type-checked from
	// their declarations, with the source tree's. Its verdict explains a
	// difference; the text decides, so that a declaration the stubs render
	// imperfectly can never make the check pass or fail on its own.
	old, stubErr := stubModule(mod.Path, want, all)
	var report apidiff.Report
	if stubErr == nil {
		report = apidiff.ModuleChanges(old, mod)
	}
	if bytes.Equal(got, want) {
		if stubErr != nil {
			fmt.Fprintf(os.Stderr, "apicheck: warning: the golden file does not type-check (%v); apidiff skipped\n", stubErr)
		} else if len(report.Changes) > 0 {
			fmt.Fprintf(os.Stderr, "apicheck: warning: apidiff sees changes the golden text does not show:\n%s", report)
		}
		fmt.Printf("apicheck: %s matches the API of %d packages\n", golden, len(mod.Packages))
		return nil
	}
	fmt.Printf("The exported API differs from %s (-golden +source):\n%s\n", golden, diff(want, got))
	switch {
	case stubErr != nil:
		fmt.Printf("apidiff: not run, the golden file does not type-check: %v\n\n", stubErr)
	case len(report.Changes) == 0:
		fmt.Printf("apidiff: no change that breaks or extends the API\n\n")
	default:
		fmt.Printf("apidiff:\n%s\n", report)
	}
	return fmt.Errorf("%s is stale: if the change is intended, run %q and commit the result", golden, updateCmd)
}

// load type-checks the module at root and returns its public packages,
// sorted by path, and every package loaded, its dependencies included.
func load(root string) (*apidiff.Module, map[string]*types.Package, error) {
	cfg := &packages.Config{
		Dir:  root,
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, nil, err
	}
	all := map[string]*types.Package{}
	var errs []error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e)
		}
		if p.Types != nil {
			all[p.PkgPath] = p.Types
		}
	})
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	mod := &apidiff.Module{}
	for _, p := range pkgs {
		if p.Module == nil || !p.Module.Main {
			continue
		}
		mod.Path = p.Module.Path
		if p.Name == "main" || !public(mod.Path, p.PkgPath) {
			continue
		}
		mod.Packages = append(mod.Packages, p.Types)
	}
	if len(mod.Packages) == 0 {
		return nil, nil, fmt.Errorf("no public packages under %s", root)
	}
	slices.SortFunc(mod.Packages, func(a, b *types.Package) int { return strings.Compare(a.Path(), b.Path()) })
	return mod, all, nil
}

// public reports whether the package path of module mod is part of its
// public API: not under internal/ or examples/.
func public(mod, path string) bool {
	for _, elem := range strings.Split(strings.TrimPrefix(path, mod), "/") {
		if elem == "internal" || elem == "examples" || elem == "testdata" {
			return false
		}
	}
	return true
}

const header = `The exported API of signet, one section per package, written by
` + updateCmd + ` (do not edit).
.ci/run fails when the source's API differs from this file: an API change
shows here in review. Unexported struct fields are summed up as one blank
field, comparable or not, as the struct is.
`

// render returns the golden file of mod: a txtar archive with one Go file
// of declarations per package.
func render(mod *apidiff.Module) ([]byte, error) {
	ar := &txtar.Archive{Comment: []byte(header)}
	for _, pkg := range mod.Packages {
		src, err := renderPackage(pkg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pkg.Path(), err)
		}
		ar.Files = append(ar.Files, txtar.File{Name: pkg.Path(), Data: src})
	}
	return txtar.Format(ar), nil
}

// renderPackage returns the exported declarations of pkg as a gofmt'ed Go
// file: constants, variables, functions, then each type with its methods,
// each group sorted by name. Functions have no bodies. Unexported types
// that the exported API mentions are declared too, so that the file
// type-checks.
func renderPackage(pkg *types.Package) ([]byte, error) {
	r := &renderer{pkg: pkg, imports: map[string]string{}, names: map[string]string{}, declared: map[*types.TypeName]bool{}}
	var consts, vars, funcs, typs bytes.Buffer
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Const:
			r.constDecl(&consts, obj)
		case *types.Var:
			fmt.Fprintf(&vars, "var %s %s\n", name, r.typ(obj.Type()))
		case *types.Func:
			fmt.Fprintf(&funcs, "func %s%s\n", name, r.signature(obj.Signature()))
		case *types.TypeName:
			r.queue = append(r.queue, obj)
		}
	}
	// Declaring a type can queue the unexported types it mentions.
	for len(r.queue) > 0 {
		obj := r.queue[0]
		r.queue = r.queue[1:]
		if r.declared[obj] {
			continue
		}
		r.declared[obj] = true
		r.typeDecl(&typs, obj)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\n", pkg.Name())
	if len(r.imports) > 0 {
		paths := make([]string, 0, len(r.imports))
		for path := range r.imports {
			paths = append(paths, path)
		}
		slices.Sort(paths)
		b.WriteString("import (\n")
		for _, path := range paths {
			if name := r.imports[path]; name != lastElem(path) {
				fmt.Fprintf(&b, "\t%s %q\n", name, path)
			} else {
				fmt.Fprintf(&b, "\t%q\n", path)
			}
		}
		b.WriteString(")\n\n")
	}
	for _, part := range []*bytes.Buffer{&consts, &vars, &funcs, &typs} {
		if part.Len() > 0 {
			b.Write(part.Bytes())
			b.WriteString("\n")
		}
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("rendered declarations do not parse: %w\n%s", err, b.Bytes())
	}
	return out, nil
}

type renderer struct {
	pkg      *types.Package
	imports  map[string]string // path -> name used in the file
	names    map[string]string // name -> path
	queue    []*types.TypeName
	declared map[*types.TypeName]bool
}

// qualify names other packages by their import name, recording the
// import, and queues the unexported types of pkg it meets.
func (r *renderer) qualify(p *types.Package) string {
	if p == r.pkg {
		return ""
	}
	if name, ok := r.imports[p.Path()]; ok {
		return name
	}
	name := p.Name()
	for i := 2; r.names[name] != ""; i++ {
		name = fmt.Sprintf("%s%d", p.Name(), i)
	}
	r.imports[p.Path()] = name
	r.names[name] = p.Path()
	return name
}

func (r *renderer) typ(t types.Type) string {
	r.noteUnexported(t)
	return types.TypeString(t, r.qualify)
}

// noteUnexported queues every unexported named type of pkg that t
// mentions, so that the file declares it.
func (r *renderer) noteUnexported(t types.Type) {
	seen := map[types.Type]bool{}
	var walk func(types.Type)
	walk = func(t types.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			obj := t.Obj()
			if obj.Pkg() == r.pkg && !obj.Exported() && !r.declared[obj] {
				r.queue = append(r.queue, obj)
			}
			for i := range t.TypeArgs().Len() {
				walk(t.TypeArgs().At(i))
			}
		case *types.Alias:
			walk(types.Unalias(t))
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
				for i := range tup.Len() {
					walk(tup.At(i).Type())
				}
			}
		case *types.Struct:
			for i := range t.NumFields() {
				walk(t.Field(i).Type())
			}
		case *types.Interface:
			for i := range t.NumEmbeddeds() {
				walk(t.EmbeddedType(i))
			}
			for i := range t.NumExplicitMethods() {
				walk(t.ExplicitMethod(i).Type())
			}
		case *types.Union:
			for i := range t.Len() {
				walk(t.Term(i).Type())
			}
		case *types.TypeParam:
			walk(t.Constraint())
		}
	}
	walk(t)
}

func (r *renderer) signature(sig *types.Signature) string {
	return strings.TrimPrefix(r.typ(sig), "func")
}

func (r *renderer) constDecl(w *bytes.Buffer, c *types.Const) {
	val := c.Val().ExactString()
	if b, ok := c.Type().(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		fmt.Fprintf(w, "const %s = %s\n", c.Name(), val)
		return
	}
	fmt.Fprintf(w, "const %s %s = %s\n", c.Name(), r.typ(c.Type()), val)
}

func (r *renderer) typeParams(list *types.TypeParamList) string {
	if list.Len() == 0 {
		return ""
	}
	var parts []string
	for i := range list.Len() {
		tp := list.At(i)
		parts = append(parts, tp.Obj().Name()+" "+r.typ(tp.Constraint()))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (r *renderer) typeDecl(w *bytes.Buffer, obj *types.TypeName) {
	if obj.IsAlias() {
		fmt.Fprintf(w, "type %s = %s\n\n", obj.Name(), r.typ(types.Unalias(obj.Type())))
		return
	}
	named, ok := obj.Type().(*types.Named)
	if !ok {
		fmt.Fprintf(w, "type %s %s\n\n", obj.Name(), r.typ(obj.Type().Underlying()))
		return
	}
	fmt.Fprintf(w, "type %s%s ", obj.Name(), r.typeParams(named.TypeParams()))
	if st, ok := named.Underlying().(*types.Struct); ok {
		r.structType(w, st, obj.Exported())
	} else {
		w.WriteString(r.typ(named.Underlying()))
	}
	w.WriteString("\n\n")
	methods := make([]*types.Func, 0, named.NumMethods())
	for i := range named.NumMethods() {
		if m := named.Method(i); m.Exported() {
			methods = append(methods, m)
		}
	}
	slices.SortFunc(methods, func(a, b *types.Func) int { return strings.Compare(a.Name(), b.Name()) })
	for _, m := range methods {
		sig := m.Signature()
		recv := obj.Name()
		if tps := sig.RecvTypeParams(); tps.Len() > 0 {
			var names []string
			for i := range tps.Len() {
				names = append(names, tps.At(i).Obj().Name())
			}
			recv += "[" + strings.Join(names, ", ") + "]"
		}
		if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
			recv = "*" + recv
		}
		fmt.Fprintf(w, "func (%s) %s%s\n", recv, m.Name(), r.signature(sig))
	}
	if len(methods) > 0 {
		w.WriteString("\n")
	}
}

// structType writes st; for an exported type, its unexported fields are
// summed up as one blank field that keeps the struct comparable or not.
func (r *renderer) structType(w *bytes.Buffer, st *types.Struct, exported bool) {
	w.WriteString("struct {\n")
	hidden := false
	for i := range st.NumFields() {
		f := st.Field(i)
		if exported && !f.Exported() {
			hidden = true
			continue
		}
		if f.Embedded() {
			w.WriteString(r.typ(f.Type()))
		} else {
			fmt.Fprintf(w, "%s %s", f.Name(), r.typ(f.Type()))
		}
		if tag := st.Tag(i); tag != "" && !strings.Contains(tag, "`") {
			fmt.Fprintf(w, " `%s`", tag)
		} else if tag != "" {
			fmt.Fprintf(w, " %q", tag)
		}
		w.WriteString("\n")
	}
	if hidden {
		if types.Comparable(st) {
			w.WriteString("_ struct{} // unexported fields\n")
		} else {
			w.WriteString("_ [0]func() // unexported fields\n")
		}
	}
	w.WriteString("}")
}

func lastElem(path string) string { return path[strings.LastIndex(path, "/")+1:] }

// stubModule type-checks the packages that the golden file data declares
// and returns them as a module: the API as it was when the file was
// written. Packages outside the module come from all, the dependencies
// of the source tree, or else from the toolchain.
func stubModule(modPath string, data []byte, all map[string]*types.Package) (*apidiff.Module, error) {
	ar := txtar.Parse(data)
	files := map[string][]byte{}
	for _, f := range ar.Files {
		files[f.Name] = f.Data
	}
	fset := token.NewFileSet()
	fallback := importer.ForCompiler(fset, "gc", nil)
	done := map[string]*types.Package{}
	var check func(path string) (*types.Package, error)
	imp := importerFunc(func(path string) (*types.Package, error) {
		if _, ok := files[path]; ok {
			return check(path)
		}
		if p, ok := all[path]; ok {
			return p, nil
		}
		return fallback.Import(path)
	})
	check = func(path string) (*types.Package, error) {
		if p, ok := done[path]; ok {
			if p == nil {
				return nil, fmt.Errorf("import cycle through %s", path)
			}
			return p, nil
		}
		done[path] = nil
		f, err := parser.ParseFile(fset, path+".go", files[path], parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		// The declarations have no bodies: go/types minds that only
		// for generic functions, which cannot be assembly.
		var errs []error
		conf := types.Config{Importer: imp, Error: func(err error) {
			if !strings.Contains(err.Error(), "missing function body") {
				errs = append(errs, err)
			}
		}}
		p, _ := conf.Check(path, fset, []*ast.File{f}, nil)
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
		done[path] = p
		return p, nil
	}
	mod := &apidiff.Module{Path: modPath}
	for _, f := range ar.Files {
		p, err := check(f.Name)
		if err != nil {
			return nil, err
		}
		mod.Packages = append(mod.Packages, p)
	}
	return mod, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// diff returns the lines that differ between a and b, "-" for a's and "+"
// for b's, each after the section of the archive it belongs to.
func diff(a, b []byte) string {
	x, y := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	// lcs[i][j] is the length of the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	section, shown := "", ""
	line := func(sign, s string) {
		if section != shown {
			fmt.Fprintf(&out, "%s\n", section)
			shown = section
		}
		fmt.Fprintf(&out, "%s %s\n", sign, s)
	}
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			if strings.HasPrefix(x[i], "-- ") {
				section = x[i]
			}
			i, j = i+1, j+1
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			line("-", x[i])
			i++
		default:
			line("+", y[j])
			j++
		}
	}
	return out.String()
}
