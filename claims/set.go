package claims

import (
	"encoding/json"
	"reflect"
	"strconv"

	"github.com/signet-go/signet/internal/strictjson"
)

// Set holds the claims of a token by name, as raw JSON, for claims not known
// at compile time. Decode a payload into a Set with [Decode], read a claim
// with [Get], and the registered claims with [Set.Registered].
//
// When the claims are known in advance, prefer a struct embedding
// [Registered]: it is faster, and typed. To verify a token whose claims are
// not known in advance, use [Dynamic], which holds a Set beside the
// registered claims.
//
// RFC 7519 §4.2 and §4.3 describe two kinds of claims besides the
// registered ones. Public claims are meant for anyone: their names should be
// registered with IANA or be collision-resistant, such as a URI in a domain
// the issuer controls ("https://example.com/claims/tenant"). Private claims
// are agreed between an issuer and its consumers and may use short names
// ("tenant"), at the risk of collisions. Either way, a signed token is not
// encrypted: anyone holding it can read every claim, so nothing secret
// belongs in a payload.
type Set map[string]json.RawMessage

// Get returns the claim name of s decoded as a T, or an error wrapping
// [ErrMissing] if s has no such claim (names are case-sensitive), or
// [ErrMalformed] if the value is not valid strict JSON (as in [Decode]) or
// does not decode into a T. On error the zero T is returned.
//
// T is decoded as [Decode] decodes a struct field of type T: strings into
// string, an integer claim into int64 or any integer type (a fraction or
// an exponent is an error there, never a silent rounding), a date into
// [NumericDate], a struct with exact member names. A null value leaves the
// zero T, as encoding/json does, except for NumericDate and Audience, which
// refuse it. One difference from Decode: a number stored in an interface
// value (T = any, or the values of a map[string]any or []any) is a
// json.Number, which keeps its exact text, never a float64 that would
// round large integers.
func Get[T any](s Set, name string) (T, error) {
	var t T
	raw, ok := s[name]
	if !ok {
		return t, &claimError{claim: name, err: ErrMissing}
	}
	var scratch []byte
	value, err := validValue(raw, &scratch)
	if err == nil {
		d := decoder{useNumber: true}
		err = d.value(value, reflect.ValueOf(&t).Elem(), valueTop)
	}
	if err != nil {
		var zero T
		return zero, inClaim(name, err)
	}
	return t, nil
}

// Registered returns the registered claims of s, decoded as [Decode] would
// decode the same claims set into a [Registered]: a registered claim that
// is null or of the wrong type, or a member whose name matches one of the
// seven registered names only when case is ignored ("ISS", "Exp"), is an
// error wrapping [ErrMalformed]. Other claims are ignored. On error the
// result is nil.
func (s Set) Registered() (*Registered, error) {
	r := new(Registered)
	v := reflect.ValueOf(r).Elem()
	fs := planFor(v.Type())
	var d decoder
	var scratch []byte
	for i := range fs.fields {
		f := &fs.fields[i]
		raw, ok := s[f.name]
		if !ok {
			continue
		}
		value, err := validValue(raw, &scratch)
		if err == nil {
			err = d.value(value, v.Field(fs.path(f)[0]), valueRegistered)
		}
		if err != nil {
			return nil, inClaim(f.name, err)
		}
	}
	// A case variant of a registered name; report the smallest, so that the
	// error does not depend on map order.
	var variant string
	found := false
	for name := range s {
		if lookup(fs, name) == nil && foldLookup(fs, []byte(name)) != nil && (!found || name < variant) {
			variant, found = name, true
		}
	}
	if found {
		g := foldLookup(fs, []byte(variant))
		return nil, malformed("member " + quoteName([]byte(variant)) + " matches field " + strconv.Quote(g.name) + " only when case is ignored")
	}
	return r, nil
}

// validValue checks that raw is exactly one strictly valid JSON value,
// possibly surrounded by whitespace, and returns the value without it. The
// result aliases *scratch, which it grows as needed.
func validValue(raw []byte, scratch *[]byte) ([]byte, error) {
	obj := append((*scratch)[:0], `{"":`...)
	obj = append(obj, raw...)
	obj = append(obj, '}')
	*scratch = obj
	var value []byte
	members := 0
	err := strictjson.Object(obj, func(_, v []byte) error {
		value = v
		members++
		return nil
	})
	if err != nil {
		return nil, malformed("invalid JSON value")
	}
	if members != 1 {
		return nil, malformed("not a single JSON value")
	}
	return value, nil
}
