package claims

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/signet-go/signet/internal/strictjson"
)

// Marshal returns the JSON encoding of the claims c, as encoding/json's
// Marshal does. (The structs it encodes itself, see [AppendMarshal], write
// the U+FFFD that replaces invalid UTF-8 in a string as \ufffd on every Go
// release, as Go 1.26's encoding/json does; Go 1.27's writes it as is. It
// is the same JSON string.) It first refuses a claims type that [Decode]
// refuses, whatever its value: a struct whose own field hides a registered
// claim of its embedded [Registered] (a field tagged `json:"aud"` beside
// it), with the same error, which names the field and the claim. The check
// is done once per type.
func Marshal(c any) ([]byte, error) {
	if c == nil {
		return json.Marshal(c)
	}
	if err := checkClaimsType(reflect.TypeOf(c)); err != nil {
		return nil, err
	}
	if out, ok := appendClaims(nil, c); ok {
		return out, nil
	}
	return json.Marshal(c)
}

// AppendMarshal appends the JSON encoding of the claims c to dst, the
// bytes [Marshal] returns, and returns the extended buffer. Unlike Marshal
// it also refuses an encoding that [Decode] would refuse: one that is not
// a JSON object, or that a MarshalJSON method made with a duplicate member
// name or invalid UTF-8, with an error wrapping [ErrMalformed]. On error
// it returns nil.
//
// A struct embedding Registered, with fields of string, boolean and
// integer kinds, [NumericDate] and [Audience] and no JSON methods, is
// encoded without encoding/json, straight into dst, and needs no check:
// its encoding is strict by construction. Other claims go through
// encoding/json and are checked.
func AppendMarshal(dst []byte, c any) ([]byte, error) {
	if c != nil {
		if err := checkClaimsType(reflect.TypeOf(c)); err != nil {
			return nil, err
		}
		if out, ok := appendClaims(dst, c); ok {
			return out, nil
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 || b[0] != '{' {
		return nil, malformed(fmt.Sprintf("%T encodes to %.20s, not a JSON object", c, b))
	}
	if err := strictjson.Object(b, nil); err != nil {
		return nil, syntaxError(err)
	}
	return append(dst, b...), nil
}

// The claims encoder writes what encoding/json's Marshal writes, byte for
// byte, for the struct types whose encoding plan it can make: structs
// embedding Registered (all seven of its claims live, reached through no
// pointer) whose live fields are strings, booleans, integers, NumericDate
// and Audience, with no ",string" option, and with no MarshalJSON or
// MarshalText method on the struct, the structs it embeds or the field
// types, nor an IsZero method on the type of an omitzero field. A test
// and a fuzz target compare it with encoding/json. Its one difference is
// Go 1.27's: that release's encoding/json writes the U+FFFD that replaces
// invalid UTF-8 as is, where Go 1.26's, and this encoder on every
// release, write it as \ufffd (the same JSON string).

// encKind is how the encoder writes a field.
type encKind uint8

const (
	encString encKind = iota
	encBool
	encInt
	encUint
	encDate
	encAudience
)

// An encField is one member of the encoding plan of a struct type.
type encField struct {
	key       string // `"name":`, the name escaped as encoding/json escapes it
	path      []int  // the field's index sequence
	kind      encKind
	omitEmpty bool
	omitZero  bool
}

// makeEncPlan returns the encoding plan of the struct type t, whose field
// set is fs, in encoding/json's order (by index sequence); or nil if
// encoding/json must encode t.
func makeEncPlan(fs *fieldSet, t reflect.Type) []encField {
	if fs.regPath == nil || hasMarshalMethods(t) {
		return nil
	}
	var plan []encField
	for i := range fs.fields {
		f := &fs.fields[i]
		if f.dead {
			continue
		}
		path := fs.path(f)
		st := t
		var sf reflect.StructField
		for k, idx := range path {
			sf = st.Field(idx)
			if k < len(path)-1 {
				if sf.Type.Kind() != reflect.Struct || hasMarshalMethods(sf.Type) {
					return nil // an embedded pointer, or methods encoding/json would use
				}
				st = sf.Type
			}
		}
		_, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if hasOption(opts, "string") {
			return nil
		}
		ef := encField{path: path, omitEmpty: hasOption(opts, "omitempty"), omitZero: hasOption(opts, "omitzero")}
		ft := sf.Type
		switch {
		case ft == reflect.TypeFor[NumericDate]():
			ef.kind = encDate
		case ft == reflect.TypeFor[Audience]():
			ef.kind = encAudience
		case hasMarshalMethods(ft):
			return nil
		case ef.omitZero && hasIsZero(ft):
			return nil // encoding/json's omitzero calls the method
		default:
			switch ft.Kind() {
			case reflect.String:
				ef.kind = encString
			case reflect.Bool:
				ef.kind = encBool
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				ef.kind = encInt
			case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				ef.kind = encUint
			default:
				return nil
			}
		}
		ef.key = string(appendHTMLString(nil, f.name)) + ":"
		plan = append(plan, ef)
	}
	slices.SortFunc(plan, func(a, b encField) int { return slices.Compare(a.path, b.path) })
	return plan
}

// hasMarshalMethods reports whether encoding/json could encode values of
// type t, or of *t, with a MarshalJSON or MarshalText method.
func hasMarshalMethods(t reflect.Type) bool {
	for _, u := range []reflect.Type{t, reflect.PointerTo(t)} {
		if u.NumMethod() > 0 && (u.Implements(reflect.TypeFor[json.Marshaler]()) || u.Implements(reflect.TypeFor[encoding.TextMarshaler]())) {
			return true
		}
	}
	return false
}

// hasIsZero reports whether t or *t has an IsZero() bool method, which
// encoding/json's omitzero option calls instead of comparing a value with
// its type's zero value.
func hasIsZero(t reflect.Type) bool {
	z := reflect.TypeFor[interface{ IsZero() bool }]()
	return t.Implements(z) || reflect.PointerTo(t).Implements(z)
}

// appendClaims appends the JSON encoding of c to dst and reports whether
// it could: c is a struct, or a non-nil pointer to one, with an encoding
// plan, and no absent date is to be encoded (encoding/json reports that
// error).
func appendClaims(dst []byte, c any) ([]byte, bool) {
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, false
	}
	plan := planFor(v.Type()).enc
	if plan == nil {
		return nil, false
	}
	start := len(dst)
	dst = append(dst, '{')
	first := true
	for i := range plan {
		f := &plan[i]
		fv := v
		for _, idx := range f.path {
			fv = fv.Field(idx)
		}
		var d NumericDate
		switch f.kind {
		case encDate:
			d = NumericDate{sec: fv.Field(0).Int(), nsec: int32(fv.Field(1).Int()), inexact: fv.Field(2).Bool(), present: fv.Field(3).Bool()}
			if f.omitZero && !d.present {
				continue
			}
			if !d.present {
				return dst[:start], false // encoding/json's error
			}
		case encAudience:
			if f.omitEmpty && fv.Len() == 0 || f.omitZero && fv.IsNil() {
				continue
			}
		default:
			if (f.omitEmpty || f.omitZero) && fv.IsZero() {
				continue
			}
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, f.key...)
		switch f.kind {
		case encString:
			dst = appendHTMLString(dst, fv.String())
		case encBool:
			dst = strconv.AppendBool(dst, fv.Bool())
		case encInt:
			dst = strconv.AppendInt(dst, fv.Int(), 10)
		case encUint:
			dst = strconv.AppendUint(dst, fv.Uint(), 10)
		case encDate:
			dst = d.appendJSON(dst)
		case encAudience:
			n := fv.Len()
			if n == 1 {
				dst = appendHTMLString(dst, fv.Index(0).String())
				break
			}
			dst = append(dst, '[')
			for k := range n {
				if k > 0 {
					dst = append(dst, ',')
				}
				dst = appendHTMLString(dst, fv.Index(k).String())
			}
			dst = append(dst, ']')
		}
	}
	return append(dst, '}'), true
}

// appendHTMLString appends s as encoding/json's Marshal writes a string:
// strictjson.AppendString's escapes, and '<', '>', '&', U+2028 and U+2029
// as \u escapes.
func appendHTMLString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '<' || c == '>' || c == '&' || c == 0xe2 {
			clean = false
			break
		}
	}
	if clean {
		return strictjson.AppendString(dst, s)
	}
	dst = append(dst, '"')
	for len(s) > 0 {
		// The longest run without a character this function escapes
		// itself goes through AppendString, without its quotes.
		i := 0
		for i < len(s) {
			c := s[i]
			if c == '<' || c == '>' || c == '&' {
				break
			}
			if c == 0xe2 {
				if r, _ := utf8.DecodeRuneInString(s[i:]); r == '\u2028' || r == '\u2029' {
					break
				}
			}
			i++
		}
		if i > 0 {
			q := strictjson.AppendString(dst, s[:i])
			// Drop the quotes AppendString put around the run.
			copy(q[len(dst):], q[len(dst)+1:len(q)-1])
			dst = q[:len(q)-2]
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c == 0xe2 {
			r, size := utf8.DecodeRuneInString(s[i:])
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			s = s[i+size:]
			continue
		}
		dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		s = s[i+1:]
	}
	return append(dst, '"')
}
