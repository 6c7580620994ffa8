package claims_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/internal/strictjson"
)

// FuzzNumericDate checks NumericDate's decoder against an exact oracle
// computed with math/big: the floor of the number, which must fit an int64,
// its first nine decimals after the floor, and whether anything remains
// below a nanosecond; and that what decodes re-encodes and decodes to the
// same date.
func FuzzNumericDate(f *testing.F) {
	for _, s := range []string{
		"1", "-1", "0", "-0", "1.5", "-1.5", "1e3", "1E-3", "-1e-400", "1e400",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775808.5", "9223372036854775807.9", "1700000000.123",
		`"1"`, "null", "true", "01", "1.", ".1", "+1", " 1", "0.0000000000000000001e19",
		"-0.0000000011", "1.0000000001", "-1.999999999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d claims.NumericDate
		err := d.UnmarshalJSON([]byte(s))
		if err != nil && !errors.Is(err, claims.ErrMalformed) {
			t.Fatalf("UnmarshalJSON(%q) = %v, not ErrMalformed", s, err)
		}
		if want, ok := partsOfNumber(s); ok {
			switch {
			case want.inRange && err != nil:
				t.Fatalf("UnmarshalJSON(%q) = %v, want %+v", s, err, want.parts)
			case want.inRange && (partsOf(d) != want.parts || d.IsZero()):
				t.Fatalf("UnmarshalJSON(%q) = %+v, want %+v", s, partsOf(d), want.parts)
			case !want.inRange && err == nil:
				t.Fatalf("UnmarshalJSON(%q) = %+v, want an error (out of range)", s, partsOf(d))
			}
		} else if err == nil && !isJSONNumber(s) {
			t.Fatalf("UnmarshalJSON(%q) = %+v, but it is not a JSON number", s, partsOf(d))
		}
		if err != nil {
			return
		}
		enc, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var d2 claims.NumericDate
		if err := json.Unmarshal(enc, &d2); err != nil || d2 != d {
			t.Fatalf("round trip of %+v through %s = %+v, %v", partsOf(d), enc, partsOf(d2), err)
		}
	})
}

// isJSONNumber reports whether s is exactly one JSON number.
func isJSONNumber(s string) bool {
	if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
		return false
	}
	var n json.Number
	return json.Unmarshal([]byte(s), &n) == nil && strings.TrimSpace(s) == s
}

// exactParts is the oracle's view of a JSON number.
type exactParts struct {
	parts
	inRange bool // the floor fits an int64
}

// partsOfNumber returns the exact parts of the JSON number s, if s is one
// whose exponent is small enough for math/big to handle quickly.
func partsOfNumber(s string) (exactParts, bool) {
	if !isJSONNumber(s) {
		return exactParts{}, false
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp := strings.TrimLeft(s[i+1:], "+-")
		if len(strings.TrimLeft(exp, "0")) > 4 {
			return exactParts{}, false
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return exactParts{}, false
	}
	q := new(big.Int)
	m := new(big.Int)
	q.DivMod(r.Num(), r.Denom(), m) // Euclidean: floor for a positive denominator
	if !q.IsInt64() {
		return exactParts{}, true
	}
	// m/denom is the fraction in [0, 1): its nanoseconds and what remains.
	ns, rest := new(big.Int), new(big.Int)
	ns.DivMod(m.Mul(m, big.NewInt(1e9)), r.Denom(), rest)
	return exactParts{
		parts:   parts{sec: q.Int64(), nsec: int32(ns.Int64()), inexact: rest.Sign() != 0},
		inRange: true,
	}, true
}

func FuzzNumericDateRoundTrip(f *testing.F) {
	for _, n := range []int64{0, 1, -1, 1700000000, math.MaxInt64, math.MinInt64, -62135596800} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		d := claims.UnixDate(n)
		enc, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if want := strconv.FormatInt(n, 10); string(enc) != want {
			t.Fatalf("json.Marshal(UnixDate(%d)) = %s, want %s", n, enc, want)
		}
		var got claims.NumericDate
		if err := json.Unmarshal(enc, &got); err != nil || got != d {
			t.Fatalf("json round trip of %d = %v, %v", n, got, err)
		}
		if d.IsZero() || d.Unix() != n {
			t.Fatalf("UnixDate(%d): IsZero() = %v, Unix() = %d", n, d.IsZero(), d.Unix())
		}
		// The zero time.Time, 0001-01-01T00:00:00Z, stands for absence.
		if tm := d.Time(); !tm.IsZero() {
			if got := claims.NewNumericDate(tm); got != d {
				t.Fatalf("NewNumericDate(UnixDate(%d).Time()) = %v", n, got)
			}
		} else if got := claims.NewNumericDate(tm); !got.IsZero() {
			t.Fatalf("NewNumericDate(zero time) = %v, want the absent date", got)
		}
	})
}

// FuzzAudience checks Audience's decoder against encoding/json decoding into
// any, on the inputs strictjson accepts, and the round trip of what decodes.
func FuzzAudience(f *testing.F) {
	for _, s := range []string{
		`"a"`, `["a","b"]`, `[]`, `[ "a" ]`, `null`, `1`, `["a",1]`, `"\u00e9"`,
		`"\ud800"`, "\"\xff\"", `["a",]`, `[`, `"a" `, `{"a":"b"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a claims.Audience
		err := a.UnmarshalJSON(data)
		strictOK := len(data) > 0 && !isSpace(data[0]) && !isSpace(data[len(data)-1]) && strictValue(data)
		var std any
		stdErr := json.Unmarshal(data, &std)
		want, shapeOK := audienceOf(std)
		switch {
		case err == nil && !(strictOK && stdErr == nil && shapeOK):
			t.Fatalf("UnmarshalJSON(%q) = %q, but strict %v, json %v, shape %v", data, a, strictOK, stdErr, shapeOK)
		case err != nil && strictOK && stdErr == nil && shapeOK:
			t.Fatalf("UnmarshalJSON(%q) = %v, want %q", data, err, want)
		case err != nil:
			if !errors.Is(err, claims.ErrMalformed) {
				t.Fatalf("UnmarshalJSON(%q) = %v, not ErrMalformed", data, err)
			}
			return
		}
		if diff := cmp.Diff(want, a, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("UnmarshalJSON(%q) mismatch (-json +Audience):\n%s", data, diff)
		}
		enc, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var a2 claims.Audience
		if err := a2.UnmarshalJSON(enc); err != nil {
			t.Fatalf("re-decoding %s: %v", enc, err)
		}
		if diff := cmp.Diff(a, a2, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip through %s mismatch (-first +second):\n%s", enc, diff)
		}
	})
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// strictValue reports whether data is one JSON value strictjson accepts.
func strictValue(data []byte) bool {
	obj := append(append([]byte(`{"":`), data...), '}')
	n := 0
	return strictjson.Object(obj, func(_, _ []byte) error { n++; return nil }) == nil && n == 1
}

// audienceOf converts what encoding/json decoded into any to an Audience, if
// it is a string or an array of strings.
func audienceOf(v any) (claims.Audience, bool) {
	switch v := v.(type) {
	case string:
		return claims.Audience{v}, true
	case []any:
		a := claims.Audience{}
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			a = append(a, s)
		}
		return a, true
	}
	return nil, false
}

// FuzzAudienceRoundTrip checks Audience's encoding against an oracle that
// does not depend on how a Go release's encoding/json chooses to escape: the
// encoding is strict JSON, one audience is a string and any other number an
// array, and it decodes (with Audience's decoder and with encoding/json) to
// the audiences with each byte of invalid UTF-8 replaced by U+FFFD, which is
// also what encoding/json's own encoding of the strings decodes to. (Go 1.26
// writes such bytes as \ufffd escapes, Go 1.27 as raw U+FFFD: both are the
// same JSON string, so the bytes are not compared.)
func FuzzAudienceRoundTrip(f *testing.F) {
	f.Add("api", "web", uint8(1))
	f.Add("", "<&>\u2028", uint8(2))
	f.Add("a", "b", uint8(0))
	f.Add("a\"b\\c\n\r\t\x01\x7f", "\xff\xc3(\u2028", uint8(3))
	f.Add("\xed\xa0\x80", "\xc3", uint8(1)) // an encoded surrogate, a cut sequence
	f.Fuzz(func(t *testing.T, x, y string, n uint8) {
		a := claims.Audience{x, y, x}[:n%4]
		want := make(claims.Audience, len(a))
		for i, s := range a {
			want[i] = replaceInvalidUTF8(s)
		}
		enc, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if !strictValue(enc) {
			t.Fatalf("json.Marshal(%q) = %s, not strict JSON", a, enc)
		}
		if (len(a) == 1) != (enc[0] == '"') {
			t.Fatalf("json.Marshal(%q) = %s, want a string for exactly one audience and an array otherwise", a, enc)
		}
		var got claims.Audience
		if err := json.Unmarshal(enc, &got); err != nil {
			t.Fatalf("json.Unmarshal(%s) = %v", enc, err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip through %s mismatch (-want +got):\n%s", enc, diff)
		}
		// encoding/json reads the same audiences, and its own encoding of
		// the strings says the same.
		var v any
		if err := json.Unmarshal(enc, &v); err != nil {
			t.Fatalf("json.Unmarshal(%s) into any = %v", enc, err)
		}
		if std, ok := audienceOf(v); !ok || !cmp.Equal(want, std, cmpopts.EquateEmpty()) {
			t.Fatalf("encoding/json reads %s as %v, want %q", enc, v, want)
		}
		var std any = []string(a)
		if len(a) == 1 {
			std = a[0]
		}
		stdEnc, err := json.Marshal(std)
		if err != nil {
			t.Fatal(err)
		}
		var sv any
		if err := json.Unmarshal(stdEnc, &sv); err != nil {
			t.Fatalf("json.Unmarshal(%s) = %v", stdEnc, err)
		}
		if fromStd, ok := audienceOf(sv); !ok || !cmp.Equal(want, fromStd, cmpopts.EquateEmpty()) {
			t.Fatalf("encoding/json encodes %q as %s, which reads as %v, not %q", a, stdEnc, sv, want)
		}
	})
}

// replaceInvalidUTF8 returns s with each byte that is not part of valid
// UTF-8 replaced by U+FFFD, as JSON encoders do (one U+FFFD per byte, unlike
// strings.ToValidUTF8, which replaces a run once).
func replaceInvalidUTF8(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// fuzzClaims is the struct FuzzDecode decodes into.
type fuzzClaims struct {
	claims.Registered
	Name  string         `json:"name,omitempty"`
	Admin bool           `json:"admin,omitempty"`
	Level int8           `json:"level,omitempty"`
	Addr  *address       `json:"addr,omitempty"`
	Home  address        `json:"home,omitzero"`
	Roles []string       `json:"roles,omitempty"`
	Extra map[string]any `json:"extra,omitempty"`
	Q     int            `json:"q,string,omitempty"`
	Kind  string         `json:"kind,omitempty"`
}

// Member names of fuzzClaims and of address, for the oracle.
var (
	fuzzClaimsNames = []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "name", "admin", "level", "addr", "home", "roles", "extra", "q", "kind"}
	addressNames    = []string{"city", "zip"}
)

// FuzzDecode checks Decode against encoding/json. On every input:
//   - when Decode succeeds, json.Unmarshal into the same type succeeds with
//     the same result;
//   - when json.Unmarshal fails, Decode fails;
//   - when Decode fails, its error wraps ErrMalformed and dst is zero, and
//     if json.Unmarshal succeeded the input has something Decode must refuse:
//     strict JSON violations (duplicates, UTF-8, trailing data...), a member
//     name that matches a field only when case is ignored, or a registered
//     string claim set to null.
//
// It does the same for a Set (where the refusable names are two members
// that differ only in case), and checks that Set.Registered agrees with
// Decode into a Registered.
func FuzzDecode(f *testing.F) {
	for _, v := range readVectors(f) {
		f.Add(v.payload)
	}
	for _, s := range []string{
		`{"name":"a","admin":true,"level":-3,"addr":{"city":"x"},"home":{"zip":"1"},"roles":["r"],"extra":{"a":[1,{"b":null}]},"q":"7","kind":"k"}`,
		`{"Name":"a"}`, `{"addr":{"CITY":"x"}}`, `{"\u212aind":"x"}`, `{"q":7}`, `{"level":200}`,
		`{"iss":null}`, `{"name":null,"addr":null}`, `{"a":1,"A":2}`, `{}`, `{"sub":"s","ſub":"t"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got, want fuzzClaims
		err := claims.Decode(data, &got)
		stdErr := json.Unmarshal(data, &want)
		checkAgreement(t, data, err, stdErr, &got, &want, func() string { return structRefusal(data) })

		var gotSet, wantSet claims.Set
		setErr := claims.Decode(data, &gotSet)
		stdSetErr := json.Unmarshal(data, &wantSet)
		checkAgreement(t, data, setErr, stdSetErr, &gotSet, &wantSet, func() string { return mapRefusal(data) })

		for name, raw := range gotSet { // Get agrees with encoding/json
			gotAny, err := claims.Get[any](gotSet, name)
			var wantAny any
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			if stdErr := dec.Decode(&wantAny); err != nil || stdErr != nil {
				t.Fatalf("%q: Get[any](%q) = %v, json = %v", data, name, err, stdErr)
			}
			// reflect.DeepEqual first: cmp.Diff takes time exponential in the
			// nesting of one-element slices, which Decode accepts 32 deep.
			if !reflect.DeepEqual(wantAny, gotAny) {
				t.Fatalf("%q: Get[any](%q) mismatch (-json +Get):\n%s", data, name, cmp.Diff(wantAny, gotAny))
			}
			gotStr, err := claims.Get[string](gotSet, name)
			var wantStr string
			stdErr := json.Unmarshal(raw, &wantStr)
			if (err == nil) != (stdErr == nil) || gotStr != wantStr {
				t.Fatalf("%q: Get[string](%q) = %q, %v; json = %q, %v", data, name, gotStr, err, wantStr, stdErr)
			}
		}
		if setErr == nil {
			var wantReg claims.Registered
			regErr := claims.Decode(data, &wantReg)
			gotReg, err := gotSet.Registered()
			if (err == nil) != (regErr == nil) {
				t.Fatalf("%q: Set.Registered = %v, Decode into Registered = %v", data, err, regErr)
			}
			if err == nil {
				if !reflect.DeepEqual(&wantReg, gotReg) {
					t.Fatalf("%q: Set.Registered mismatch (-Decode +Set):\n%s", data, cmp.Diff(&wantReg, gotReg))
				}
			} else if gotReg != nil {
				t.Fatalf("%q: Set.Registered returned %+v with its error", data, gotReg)
			}
		}
	})
}

func checkAgreement(t *testing.T, data []byte, err, stdErr error, got, want any, refusal func() string) {
	t.Helper()
	if err == nil {
		if stdErr != nil {
			t.Fatalf("Decode(%q, %T) succeeded, json.Unmarshal = %v", data, got, stdErr)
		}
		// reflect.DeepEqual first: cmp.Diff takes time exponential in the
		// nesting of one-element slices, which Decode accepts 32 deep.
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("Decode(%q, %T) disagrees with json.Unmarshal (-json +Decode):\n%s", data, got, cmp.Diff(want, got))
		}
		return
	}
	if !errors.Is(err, claims.ErrMalformed) {
		t.Fatalf("Decode(%q, %T) = %v, not ErrMalformed", data, got, err)
	}
	if !reflect.ValueOf(got).Elem().IsZero() {
		t.Fatalf("Decode(%q, %T) = %v and left %+v", data, got, err, got)
	}
	if stdErr == nil {
		if why := refusal(); why == "" {
			t.Fatalf("Decode(%q, %T) = %v, but json.Unmarshal accepts it and it breaks no strict rule", data, got, err)
		}
	}
}

// structRefusal returns why Decode may refuse data for fuzzClaims though
// encoding/json accepts it, or "".
func structRefusal(data []byte) string {
	if strictjson.Object(data, nil) != nil {
		return "strict JSON"
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return ""
	}
	for name, raw := range top {
		if caseVariant(name, fuzzClaimsNames) {
			return "case variant " + name
		}
		switch name {
		case "iss", "sub", "jti":
			if string(raw) == "null" {
				return "null " + name
			}
		case "addr", "home":
			var nested map[string]json.RawMessage
			if json.Unmarshal(raw, &nested) == nil {
				for n := range nested {
					if caseVariant(n, addressNames) {
						return "nested case variant " + n
					}
				}
			}
		}
	}
	return ""
}

// mapRefusal returns why Decode may refuse data for a Set though
// encoding/json accepts it, or "".
func mapRefusal(data []byte) string {
	if strictjson.Object(data, nil) != nil {
		return "strict JSON"
	}
	var names []string
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return ""
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		name := tok.(string)
		for _, n := range names {
			if strings.EqualFold(n, name) {
				return "case pair " + n + " " + name
			}
		}
		names = append(names, name)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}

// caseVariant reports whether name is not one of names but equals one when
// case is ignored.
func caseVariant(name string, names []string) bool {
	for _, n := range names {
		if n == name {
			return false
		}
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}
