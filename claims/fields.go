package claims

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// This file computes, for one struct type, the JSON member names that
// encoding/json maps to its fields, following encoding/json's rules exactly
// (typeFields in encoding/json/encode.go): json tags, "-", invalid tag
// names, embedded structs explored breadth first, and the dominance rules
// that hide or drop fields of the same name. It also finds the programming
// error of a claims type whose own field hides a registered claim of its
// embedded Registered.
//
// The result, the field plan, is computed once per type and kept in plans,
// as encoding/json keeps its own in a package-level cache. This is the one
// package-level variable that changes, and it is a memo of a pure function
// of the type: what it holds never changes what any call returns, only how
// fast. It grows with the number of struct types a program decodes.

// plans holds the *fieldSet of each struct type seen, by reflect.Type.
var plans sync.Map

// planFor returns the field plan of the struct type t, computing it on the
// first call for t. The result is shared and must not be modified.
func planFor(t reflect.Type) *fieldSet {
	if p, ok := plans.Load(t); ok {
		return p.(*fieldSet)
	}
	fs := makeFieldSet(nil, nil, t)
	fs.shadowErr = shadowedRegistered(&fs, t)
	fs.regPath = registeredPath(&fs, t)
	fs.enc = makeEncPlan(&fs, t)
	fs.topMethods = hasJSONMethods(t, true)
	p, _ := plans.LoadOrStore(t, &fs)
	return p.(*fieldSet)
}

// A field is a struct field reachable by a JSON member name.
type field struct {
	name       string
	pathOff    int32 // the field's index sequence is fieldSet.paths[pathOff:pathOff+depth]
	depth      int32
	tagged     bool // the name comes from a json tag
	quoted     bool // the ",string" option applies
	registered bool // declared in Registered
	multi      bool // comes from an embedded struct type reached twice at its depth
	dead       bool // hidden or dropped under the dominance rules
}

// embedded is an embedded struct whose fields are explored at the next
// depth.
type embedded struct {
	typ     reflect.Type
	pathOff int32
	depth   int32
	multi   bool
}

// A fieldSet is the result for one struct type.
type fieldSet struct {
	fields []field
	paths  []int
	// shadowErr, set by planFor, reports a registered claim of an embedded
	// Registered that another field hides or drops (see
	// shadowedRegistered), or is nil.
	shadowErr error
	// regPath, set by planFor, is the index sequence of the embedded
	// Registered whose seven fields are all live, reached through no
	// pointer, so that Decode can fill them without reflection; or nil.
	regPath []int
	// enc, set by planFor, is the encoding plan of the claims encoder, or
	// nil when encoding/json encodes the type.
	enc []encField
	// topMethods, set by planFor, reports whether the type decodes with its
	// own UnmarshalJSON or UnmarshalText as the target of a decoding.
	topMethods bool
}

// makeFieldSet returns the fieldSet of the struct type t, built by appending
// to fields and paths (two empty slices).
func makeFieldSet(fields []field, paths []int, t reflect.Type) fieldSet {
	fs := fieldSet{fields: fields, paths: paths}
	var (
		curBuf, nextBuf [4]embedded
		visitedBuf      [4]reflect.Type
	)
	current, next := curBuf[:0], nextBuf[:0]
	visited := visitedBuf[:0]
	next = append(next, embedded{typ: t})
	registered := reflect.TypeFor[Registered]()
	for len(next) > 0 {
		current, next = next, current[:0]
		for _, e := range current {
			if containsType(visited, e.typ) {
				continue
			}
			visited = append(visited, e.typ)
			if e.typ == registered {
				// A shortcut for the common case, equal to what the loop
				// below computes for Registered (a test checks it).
				for i := range registeredFields {
					name := registeredName(i)
					pathOff := int32(len(fs.paths))
					fs.paths = append(fs.paths, fs.paths[e.pathOff:e.pathOff+e.depth]...)
					fs.paths = append(fs.paths, i)
					fs.fields = append(fs.fields, field{
						name:       name,
						pathOff:    pathOff,
						depth:      e.depth + 1,
						tagged:     true,
						registered: true,
						multi:      e.multi,
					})
				}
				continue
			}
			for i := range e.typ.NumField() {
				sf := e.typ.Field(i)
				if sf.Anonymous {
					ft := sf.Type
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue // embedded field of an unexported non-struct type
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !isValidTag(name) {
					name = ""
				}
				pathOff := int32(len(fs.paths))
				fs.paths = append(fs.paths, fs.paths[e.pathOff:e.pathOff+e.depth]...)
				fs.paths = append(fs.paths, i)

				ft := sf.Type
				if ft.Kind() == reflect.Pointer && ft.Name() == "" {
					ft = ft.Elem()
				}
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					f := field{
						name:    name,
						pathOff: pathOff,
						depth:   e.depth + 1,
						tagged:  name != "",
						multi:   e.multi,
					}
					if name == "" {
						f.name = sf.Name
					}
					if opts != "" && hasOption(opts, "string") {
						switch ft.Kind() {
						case reflect.Bool,
							reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
							reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
							reflect.Float32, reflect.Float64,
							reflect.String:
							f.quoted = true
						}
					}
					fs.fields = append(fs.fields, f)
					continue
				}
				// An untagged embedded struct: explore it at the next depth.
				found := false
				for k := range next {
					if next[k].typ == ft {
						next[k].multi = true
						found = true
						break
					}
				}
				if !found {
					next = append(next, embedded{typ: ft, pathOff: pathOff, depth: e.depth + 1})
				}
			}
		}
	}

	// Dominance: of the fields sharing a name, the shallowest wins; at equal
	// depth a tagged field beats untagged ones; any remaining tie drops them
	// all (encoding/json's dominantField).
	for i := range fs.fields {
		fi := &fs.fields[i]
		if fi.multi {
			fi.dead = true // it ties with its own copy
		}
		for j := i + 1; j < len(fs.fields); j++ {
			fj := &fs.fields[j]
			if !sameName(fi.name, fj.name) {
				continue
			}
			switch {
			case fi.depth < fj.depth:
				fj.dead = true
			case fj.depth < fi.depth:
				fi.dead = true
			case fi.tagged && !fj.tagged:
				fj.dead = true
			case fj.tagged && !fi.tagged:
				fi.dead = true
			default: // a tie drops both
				fi.dead = true
				fj.dead = true
			}
		}
	}
	return fs
}

// sameName reports whether a == b, quickly when they differ in the first
// byte, as the three-letter registered names do.
func sameName(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || a[0] == b[0]) && a == b
}

// registeredFields is the number of fields of Registered.
const registeredFields = 7

// registeredName returns the JSON name of Registered's i-th field.
func registeredName(i int) string {
	switch i {
	case 0:
		return "iss"
	case 1:
		return "sub"
	case 2:
		return "aud"
	case 3:
		return "exp"
	case 4:
		return "nbf"
	case 5:
		return "iat"
	}
	return "jti"
}

func containsType(ts []reflect.Type, t reflect.Type) bool {
	for _, u := range ts {
		if u == t {
			return true
		}
	}
	return false
}

// lookup returns the live field named exactly name, or nil.
func lookup[S ~string | ~[]byte](fs *fieldSet, name S) *field {
	for i := range fs.fields {
		f := &fs.fields[i]
		// Compared in place: string(name) in a comparison makes no string.
		if !f.dead && len(f.name) == len(name) && (len(name) == 0 || f.name[0] == name[0]) && f.name == string(name) {
			return f
		}
	}
	return nil
}

// foldLookup returns a live field whose name equals name under
// encoding/json's case folding, or nil.
func foldLookup(fs *fieldSet, name []byte) *field {
	for i := range fs.fields {
		f := &fs.fields[i]
		if !f.dead && foldEqual(name, f.name) {
			return f
		}
	}
	return nil
}

// path returns f's index sequence.
func (fs *fieldSet) path(f *field) []int {
	return fs.paths[f.pathOff : f.pathOff+f.depth]
}

// isValidTag reports whether s may be a JSON member name in a struct tag,
// as encoding/json decides it.
func isValidTag(s string) bool {
	if s == "" {
		return false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			ascii = false
			break
		}
	}
	if ascii {
		return true
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
			// Backslash and quote chars are reserved, but otherwise any
			// punctuation chars are allowed in a tag name.
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// hasOption reports whether the comma-separated tag options opts hold name.
func hasOption(opts, name string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == name {
			return true
		}
	}
	return false
}

// shadowedRegistered returns an error if a field of Registered embedded in
// the struct type t is hidden or dropped under encoding/json's dominance
// rules: by a field of t's own with the same JSON name (shallower, or at the
// same depth and tagged), or because Registered is embedded twice at the
// same depth. Such a claim would be decoded into the other field and never
// validated, so that a token with "aud":"someone-else" or a far-future
// "nbf" would pass: it is a programming error in the claims type.
func shadowedRegistered(fs *fieldSet, t reflect.Type) error {
	for i := range fs.fields {
		r := &fs.fields[i]
		if !r.registered || !r.dead {
			continue
		}
		e := &shadowError{typ: t, claim: r.name}
		if r.multi {
			return e
		}
		// The culprit: a live field of the name, or one it tied with.
		for j := range fs.fields {
			f := &fs.fields[j]
			if f.registered || f.name != r.name {
				continue
			}
			if e.field == "" || !f.dead {
				e.field = goFieldPath(t, fs.path(f))
			}
		}
		return e
	}
	return nil
}

// registeredPath returns the index sequence of the Registered embedded in
// the struct type t if its seven fields are all live and no pointer lies
// on the way to it, or nil.
func registeredPath(fs *fieldSet, t reflect.Type) []int {
	var path []int
	n := 0
	for i := range fs.fields {
		f := &fs.fields[i]
		if !f.registered {
			continue
		}
		p := fs.path(f)
		switch {
		case f.dead:
			return nil
		case path == nil:
			path = p[:len(p)-1]
		case !slicesEqual(path, p[:len(p)-1]):
			return nil
		}
		n++
	}
	if n != registeredFields {
		return nil
	}
	for _, i := range path {
		sf := t.Field(i)
		if sf.Type.Kind() == reflect.Pointer {
			return nil
		}
		t = sf.Type
	}
	return path
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// goFieldPath returns the Go selector of the field at index path in the
// struct type t, such as "Aud" or "Extra.Aud".
func goFieldPath(t reflect.Type, path []int) string {
	var b strings.Builder
	for k, i := range path {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		sf := t.Field(i)
		if k > 0 {
			b.WriteByte('.')
		}
		b.WriteString(sf.Name)
		t = sf.Type
	}
	return b.String()
}

// shadowError reports a claims type whose own field hides a registered
// claim of its embedded Registered. It wraps no sentinel: it is a
// programming error, not a property of a token.
type shadowError struct {
	typ   reflect.Type
	claim string // the registered name
	field string // the Go field that hides it; "" when Registered is embedded twice
}

func (e *shadowError) Error() string {
	if e.field == "" {
		return "claims: claims type " + e.typ.String() + " embeds claims.Registered more than once at the same depth, so encoding/json drops its fields and claim " +
			strconv.Quote(e.claim) + " would never be validated"
	}
	return "claims: claims type " + e.typ.String() + ": field " + e.field + " (JSON name " + strconv.Quote(e.claim) +
		") hides the registered claim " + strconv.Quote(e.claim) + " of the embedded claims.Registered, which would then never be validated; remove the field or give it another JSON name"
}

// checkClaimsType returns the programming error, if any, of the claims type
// t as Decode and Marshal see it: a struct type, or a pointer to one, whose
// own field hides a registered claim. Types that decode with their own
// UnmarshalJSON or UnmarshalText are not inspected.
func checkClaimsType(t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	if fs := planFor(t); !fs.topMethods {
		return fs.shadowErr
	}
	return nil
}
