package claims

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/signet-go/signet/internal/owned"
	"github.com/signet-go/signet/internal/strictjson"
)

// Decode decodes the JSON claims set payload into dst, strictly. dst must
// be a non-nil pointer to a struct (typically one embedding [Registered])
// or to a map such as [Set]; anything else is a programming error, reported
// by an error that wraps no sentinel.
//
// Decode accepts exactly what encoding/json's Unmarshal would decode into
// the same type, with the same result, minus what is ambiguous or invalid.
// It refuses, with an error wrapping [ErrMalformed]:
//   - anything but one JSON object, with nothing but whitespace after it;
//     a byte-order mark; invalid UTF-8; a \u escape of a lone surrogate;
//   - a duplicate member name in any object at any depth, compared after
//     unescaping ({"exp":1,"exp":2});
//   - nesting deeper than 32 levels inside the claims object, which is
//     not counted: {"a":[[1]]} is 2 levels deep, and 32 nested arrays or
//     objects are accepted. A deeper payload is refused where the 33rd
//     level opens, in time linear in the bytes read up to there;
//   - a member whose name matches a struct field only when case is ignored
//     ({"ISS":"x"} into a struct with an "iss" field), the way
//     encoding/json would match it, including its Unicode folds: 'ſ'
//     (U+017F) matches 's' and the Kelvin sign (U+212A) matches 'k';
//   - when dst is a map, two members whose names differ only in case
//     ({"iss":"a","ISS":"b"});
//   - a value of the wrong type for its field, as encoding/json would, and
//     a registered claim (iss, sub, aud, exp, nbf, iat, jti) whose value is
//     null or out of range (see [NumericDate] and [Audience]).
//
// The error names the claim when it is known, as in
// "claims: exp: malformed claims: NumericDate: want a JSON number, got a
// string". Members that match no field are ignored, as encoding/json
// ignores them.
//
// Exact name matching applies to the fields of dst's struct type, to those
// of its embedded structs, and to struct-typed and pointer-to-struct fields
// at any depth. Values of other kinds (slices, arrays, maps, interfaces)
// and of types with their own UnmarshalJSON or UnmarshalText are decoded
// by encoding/json: duplicates, UTF-8 and nesting are still checked in
// them, but a struct inside a slice or map matches its member names as
// encoding/json does, ignoring case.
//
// A claims type whose own field hides a registered claim of its embedded
// Registered under encoding/json's dominance rules (a field tagged
// `json:"aud"` beside an embedded Registered) is refused, whatever the
// payload, with an error that names the field and the claim and wraps no
// sentinel: that claim would be decoded into the other field and never
// validated. The check is done once per type.
//
// Decode first sets *dst to its zero value and decodes into it; it never
// merges into existing contents. On error *dst is left as the zero value,
// never half-decoded.
//
// The decoded strings of struct fields share one copy of payload, made
// with the first of them: one allocation for all of them, and none of
// them changes when the caller reuses payload. Keeping any of them keeps
// that copy alive.
func Decode(payload []byte, dst any) error {
	return decode(payload, dst, false)
}

// decode is Decode; general turns the fast paths off, for the tests that
// compare the two.
func decode(payload []byte, dst any, general bool) error {
	// jwt.Verify decodes a payload no one else holds (see package owned).
	o, ownsPayload := dst.(owned.Target)
	if ownsPayload {
		dst = o.OwnedTarget(owned.Key{})
	}
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &invalidDstError{rv}
	}
	v := rv.Elem()
	if k := v.Kind(); k != reflect.Struct && k != reflect.Map {
		return &invalidDstError{rv}
	}
	v.SetZero()
	if err := checkClaimsType(v.Type()); err != nil {
		return err
	}
	d := decoder{general: general, payload: payload, ownsPayload: ownsPayload}
	if err := d.top(payload, v); err != nil {
		v.SetZero()
		return err
	}
	return nil
}

// invalidDstError reports a dst that Decode cannot decode into.
type invalidDstError struct {
	v reflect.Value
}

func (e *invalidDstError) Error() string {
	if !e.v.IsValid() {
		return "claims: Decode(nil)"
	}
	if e.v.Kind() != reflect.Pointer {
		return "claims: Decode(non-pointer " + e.v.Type().String() + ")"
	}
	if e.v.IsNil() {
		return "claims: Decode(nil " + e.v.Type().String() + ")"
	}
	return "claims: Decode needs a pointer to a struct or a map, not " + e.v.Type().String()
}

// decoder carries the options and the state of one decoding.
type decoder struct {
	// useNumber makes interface values receive numbers as json.Number
	// instead of float64 (Get).
	useNumber bool
	// general turns off the fast paths: the claims of an embedded
	// Registered decoded without reflection, and strings that share one
	// copy of the payload. The results are the same (a fuzz target checks
	// it); only the time and the allocations differ.
	general bool
	// payload is the claims set being decoded, and strs, once a string
	// needs it, one copy of it that the decoded strings are cut from.
	payload []byte
	strs    string
	// ownsPayload says that no one else holds payload or will modify it:
	// the decoded strings then point into it (see package owned).
	ownsPayload bool
}

// str returns b, the content of a JSON string, as a string. When b lies
// within the payload, as the content of a string without escapes does,
// the string is cut from one copy of the payload that all such strings
// share: one allocation for all the strings of a claims set, instead of
// one each.
func (d *decoder) str(b []byte) string {
	if d.general || len(b) == 0 {
		return string(b)
	}
	if d.ownsPayload {
		// b is in the payload, or in a buffer Unquote made for it alone;
		// neither is ever written again.
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	// b's offset in the payload if it is a part of it: slicing keeps the
	// end of the backing array. The comparison makes sure, so a b from
	// elsewhere is merely copied.
	off := cap(d.payload) - cap(b)
	if off < 0 || off > len(d.payload)-len(b) {
		return string(b)
	}
	if d.strs == "" {
		d.strs = string(d.payload)
	}
	if s := d.strs[off : off+len(b)]; s == string(b) {
		return s
	}
	return string(b)
}

// Flags for decoder.value.
const (
	valueQuoted     = 1 << iota // the field has the ",string" option
	valueRegistered             // the field is declared in Registered: null is malformed
	valueTop                    // the value is the target of the whole decoding
)

// top decodes data, a whole claims set, into the zeroed struct or map v.
func (d *decoder) top(data []byte, v reflect.Value) error {
	if v.Kind() == reflect.Struct && planFor(v.Type()).topMethods || v.Kind() != reflect.Struct && hasJSONMethods(v.Type(), true) {
		if err := strictjson.Object(data, nil); err != nil {
			return syntaxError(err)
		}
		// The whole claims set: encoding/json makes every string.
		return malformedCause(d.unmarshal(data, v))
	}
	if v.Kind() == reflect.Map {
		return d.decodeMap(data, v)
	}
	return d.decodeStruct(data, v)
}

// decodeStruct decodes the JSON object data into the struct v, matching
// member names exactly.
func (d *decoder) decodeStruct(data []byte, v reflect.Value) error {
	fs := planFor(v.Type())
	var reg *Registered
	if fs.regPath != nil && !d.general {
		reg = v.FieldByIndex(fs.regPath).Addr().Interface().(*Registered)
	}
	err := strictjson.Object(data, func(name, value []byte) error {
		return d.member(fs, v, reg, name, value)
	})
	return syntaxError(err)
}

// member decodes one member of an object into the struct v; reg is v's
// embedded Registered if the fast path decodes into it, or nil.
func (d *decoder) member(fs *fieldSet, v reflect.Value, reg *Registered, name, value []byte) error {
	f := lookup(fs, name)
	if f == nil {
		if g := foldLookup(fs, name); g != nil {
			return malformed("member " + quoteName(name) + " matches field " + strconv.Quote(g.name) + " only when case is ignored")
		}
		return nil // an unknown member, ignored
	}
	if f.registered && reg != nil {
		if err := d.registered(reg, fs.paths[f.pathOff+f.depth-1], value); err != nil {
			return inClaim(f.name, err)
		}
		return nil
	}
	fv := v
	for _, i := range fs.path(f) {
		if fv.Kind() == reflect.Pointer { // an embedded pointer to a struct
			if fv.IsNil() {
				if !fv.CanSet() {
					return inClaim(f.name, errors.New("cannot set embedded pointer to unexported struct type "+fv.Type().Elem().String()))
				}
				fv.Set(reflect.New(fv.Type().Elem()))
			}
			fv = fv.Elem()
		}
		fv = fv.Field(i)
	}
	var flags int
	if f.quoted {
		flags |= valueQuoted
	}
	if f.registered {
		flags |= valueRegistered
	}
	if err := d.value(value, fv, flags); err != nil {
		return inClaim(f.name, err)
	}
	return nil
}

// registered decodes raw into the i-th field of r without reflection, as
// value does through it.
func (d *decoder) registered(r *Registered, i int, raw []byte) error {
	var s *string
	switch i {
	case 0:
		s = &r.Issuer
	case 1:
		s = &r.Subject
	case 2:
		if raw[0] == '"' { // one audience, the common case
			b, _ := strictjson.Unquote(raw, nil)
			r.Audience = Audience{d.str(b)}
			return nil
		}
		return r.Audience.UnmarshalJSON(raw)
	case 3:
		return r.ExpiresAt.UnmarshalJSON(raw)
	case 4:
		return r.NotBefore.UnmarshalJSON(raw)
	case 5:
		return r.IssuedAt.UnmarshalJSON(raw)
	default:
		s = &r.ID
	}
	switch raw[0] {
	case '"':
	case 'n':
		return malformed("want a string, got null")
	default:
		return wrongType("a string", raw[0])
	}
	b, _ := strictjson.Unquote(raw, nil)
	*s = d.str(b)
	return nil
}

// decodeMap decodes the JSON object data into the map v, refusing names that
// differ only in case.
func (d *decoder) decodeMap(data []byte, v reflect.Value) error {
	var names foldedNames
	names.init()
	err := strictjson.Object(data, names.add)
	if err != nil {
		return syntaxError(err)
	}
	// The whole claims set: encoding/json makes every string.
	return malformedCause(d.unmarshal(data, v))
}

// malformedCause returns err, from encoding/json or an UnmarshalJSON method,
// wrapped in an ErrMalformed error; or nil.
func malformedCause(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*claimError); ok {
		return err
	}
	return &claimError{err: ErrMalformed, cause: err}
}

// value decodes the JSON value raw (validated, without surrounding space)
// into v as encoding/json would, except for the stricter rules of Decode.
func (d *decoder) value(raw []byte, v reflect.Value, flags int) error {
	t := v.Type()
	if flags&valueQuoted != 0 {
		return d.quoted(raw, v)
	}
	switch t {
	case reflect.TypeFor[NumericDate]():
		return v.Addr().Interface().(*NumericDate).UnmarshalJSON(raw)
	case reflect.TypeFor[Audience]():
		return v.Addr().Interface().(*Audience).UnmarshalJSON(raw)
	case reflect.TypeFor[json.Number]():
		return d.fallback(raw, v)
	case reflect.TypeFor[string](), reflect.TypeFor[bool](), reflect.TypeFor[int64](),
		reflect.TypeFor[int](), reflect.TypeFor[float64]():
		// No methods: skip the check below.
	default:
		if hasJSONMethods(t, flags&valueTop != 0) {
			return d.fallback(raw, v)
		}
	}
	c := raw[0]
	if c == 'n' { // null: nothing to do, as in encoding/json, but for Registered
		switch t.Kind() {
		case reflect.String:
			if flags&valueRegistered != 0 {
				return malformed("want a string, got null")
			}
			return nil
		case reflect.Bool, reflect.Struct,
			reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
			reflect.Float32, reflect.Float64:
			return nil
		}
	}
	switch t.Kind() {
	case reflect.String:
		if c != '"' {
			return wrongType("a string", c)
		}
		// raw has passed strictjson.Object: it is one valid string token.
		b, _ := strictjson.Unquote(raw, nil)
		v.SetString(d.str(b))
		return nil
	case reflect.Bool:
		switch c {
		case 't':
			v.SetBool(true)
		case 'f':
			v.SetBool(false)
		default:
			return wrongType("a boolean", c)
		}
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if c != '-' && !isDigit(c) {
			return wrongType("a number", c)
		}
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil || v.OverflowInt(n) {
			return malformed("number " + quoteNumber(raw) + " does not fit " + t.String())
		}
		v.SetInt(n)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if c != '-' && !isDigit(c) {
			return wrongType("a number", c)
		}
		n, err := strconv.ParseUint(string(raw), 10, 64)
		if err != nil || v.OverflowUint(n) {
			return malformed("number " + quoteNumber(raw) + " does not fit " + t.String())
		}
		v.SetUint(n)
		return nil
	case reflect.Float32, reflect.Float64:
		if c != '-' && !isDigit(c) {
			return wrongType("a number", c)
		}
		n, err := strconv.ParseFloat(string(raw), t.Bits())
		if err != nil || v.OverflowFloat(n) {
			return malformed("number " + quoteNumber(raw) + " does not fit " + t.String())
		}
		v.SetFloat(n)
		return nil
	case reflect.Struct:
		if c != '{' {
			return wrongType("an object", c)
		}
		return d.decodeStruct(raw, v)
	case reflect.Pointer:
		if t.Name() != "" || t.Elem().Kind() != reflect.Struct {
			break
		}
		switch c {
		case 'n':
			v.SetZero()
			return nil
		case '{':
			p := reflect.New(t.Elem())
			v.Set(p)
			return d.decodeStruct(raw, p.Elem())
		default:
			return wrongType("an object", c)
		}
	}
	return d.fallback(raw, v)
}

// fallback decodes raw, a part of the payload, into v with encoding/json.
func (d *decoder) fallback(raw []byte, v reflect.Value) error {
	if d.ownsPayload {
		// encoding/json hands raw, with the payload's spare capacity, to
		// the UnmarshalJSON methods of the user's types, which may keep it
		// or write to it: they get a copy, as the decoded strings point
		// into the payload.
		raw = bytes.Clone(raw)
	}
	return d.unmarshal(raw, v)
}

// unmarshal decodes raw into v with encoding/json, handing it raw itself.
func (d *decoder) unmarshal(raw []byte, v reflect.Value) error {
	p := v.Addr().Interface()
	if d.useNumber {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		return dec.Decode(p)
	}
	return json.Unmarshal(raw, p)
}

// quoted decodes raw into v, a field with the ",string" option, by letting
// encoding/json decode it into a one-field struct with the same option.
func (d *decoder) quoted(raw []byte, v reflect.Value) error {
	holder := reflect.New(reflect.StructOf([]reflect.StructField{
		{Name: "V", Type: v.Type(), Tag: `json:"v,string"`},
	}))
	obj := make([]byte, 0, len(raw)+6)
	obj = append(obj, `{"v":`...)
	obj = append(obj, raw...)
	obj = append(obj, '}')
	if err := d.unmarshal(obj, holder.Elem()); err != nil { // obj is a copy
		return err
	}
	v.Set(holder.Elem().Field(0))
	return nil
}

// hasJSONMethods reports whether encoding/json decodes values of type t with
// their UnmarshalJSON or UnmarshalText method. It looks at the methods of
// pointer types and of named types through a pointer; the methods of an
// unnamed struct field type are not used, except for the top-level target.
func hasJSONMethods(t reflect.Type, top bool) bool {
	if t.Kind() != reflect.Pointer {
		if t.Name() == "" && !top {
			return false
		}
		t = reflect.PointerTo(t)
	}
	if t.NumMethod() == 0 {
		return false
	}
	return t.Implements(reflect.TypeFor[json.Unmarshaler]()) ||
		t.Implements(reflect.TypeFor[encoding.TextUnmarshaler]())
}

// syntaxError wraps an error from strictjson in an ErrMalformed error; it
// returns other errors (the package's own, from a callback) as they are.
func syntaxError(err error) error {
	if _, ok := err.(*strictjson.SyntaxError); ok {
		return &claimError{err: ErrMalformed, cause: err}
	}
	return err
}

func wrongType(want string, c byte) error {
	return malformed("want " + want + ", got " + jsonKind(c))
}

// quoteName quotes a member name for an error message, in ASCII so that
// look-alike runes show (the Kelvin sign is "\u212a", not "K"), and
// shortened if long.
func quoteName(name []byte) string {
	if len(name) > 64 {
		n := 64
		for n > 0 && !utf8.RuneStart(name[n]) {
			n--
		}
		return strconv.QuoteToASCII(string(name[:n])) + "..."
	}
	return strconv.QuoteToASCII(string(name))
}

// foldedNames detects member names that are equal under encoding/json's
// case folding.
type foldedNames struct {
	arena []byte // folded names, back to back
	ends  []int  // end of each name in arena
	set   map[string]struct{}

	arenaBuf [256]byte
	endsBuf  [16]int
}

func (n *foldedNames) init() {
	n.arena = n.arenaBuf[:0]
	n.ends = n.endsBuf[:0]
}

// add records name, or returns an error if an earlier name folds to the
// same string.
func (n *foldedNames) add(name, _ []byte) error {
	if n.set != nil {
		n.arena = n.arena[:0]
	}
	start := len(n.arena)
	n.arena = appendFolded(n.arena, name)
	folded := n.arena[start:]
	if n.set != nil {
		if _, dup := n.set[string(folded)]; dup {
			return malformed("member " + quoteName(name) + " differs from another member only in case")
		}
		n.set[string(folded)] = struct{}{}
		return nil
	}
	prev := 0
	for _, end := range n.ends {
		if string(n.arena[prev:end]) == string(folded) {
			return malformed("member " + quoteName(name) + " differs from another member only in case")
		}
		prev = end
	}
	n.ends = append(n.ends, len(n.arena))
	if len(n.ends) > 16 { // switch to a map to stay linear
		n.set = make(map[string]struct{}, 2*len(n.ends))
		prev := 0
		for _, end := range n.ends {
			n.set[string(n.arena[prev:end])] = struct{}{}
			prev = end
		}
	}
	return nil
}
