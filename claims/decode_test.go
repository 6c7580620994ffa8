package claims_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/claims"
)

type address struct {
	City string `json:"city"`
	Zip  string `json:"zip,omitempty"`
}

// testClaims exercises every way Decode handles a field.
type testClaims struct {
	claims.Registered
	Name     string               `json:"name,omitempty"`
	Admin    bool                 `json:"admin,omitempty"`
	Kind     string               `json:"kind,omitempty"`
	Level    int8                 `json:"level,omitempty"`
	Count    uint16               `json:"count,omitempty"`
	Score    float32              `json:"score,omitempty"`
	Addr     *address             `json:"addr,omitempty"`
	Home     address              `json:"home,omitzero"`
	Roles    []string             `json:"roles,omitempty"`
	Extra    map[string]any       `json:"extra,omitempty"`
	Raw      json.RawMessage      `json:"raw,omitempty"`
	When     time.Time            `json:"when,omitzero"`
	Quoted   int64                `json:"quoted,string,omitempty"`
	Any      any                  `json:"any,omitempty"`
	Num      json.Number          `json:"num,omitempty"`
	Dates    []claims.NumericDate `json:"dates,omitempty"`
	Untagged string
	Skipped  string `json:"-"`
	//lint:ignore U1000 unexported fields are never decoded; the test checks that
	hidden string
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		payload string
		want    testClaims
		wantErr string // the error message, or its start if from strictjson; "" means success
		stdErr  error  // when set, the error message is wantErr followed by stdErr's
	}{
		{
			name:    "registered",
			payload: `{"iss":"https://issuer.example","sub":"alice","aud":["a","b"],"exp":1700003600,"nbf":1700000000,"iat":1700000000.5,"jti":"id-1"}`,
			want: testClaims{Registered: claims.Registered{
				Issuer: "https://issuer.example", Subject: "alice", Audience: claims.Audience{"a", "b"},
				ExpiresAt: claims.UnixDate(1700003600), NotBefore: claims.UnixDate(1700000000), IssuedAt: dateOf("1700000000.5"), ID: "id-1",
			}},
		},
		{
			name:    "private claims",
			payload: `{"name":"Alice","admin":true,"kind":"k","level":-128,"count":65535,"score":1.5,"addr":{"city":"Oslo"},"home":{"city":"Bergen","zip":"5003"},"roles":["r"],"extra":{"n":1,"N":2},"raw":{ "x" : [1] },"when":"2024-01-02T03:04:05Z","quoted":"42","any":[1,"x"],"num":12.50,"dates":[1,2.5],"Untagged":"u"}`,
			want: testClaims{
				Name: "Alice", Admin: true, Kind: "k", Level: -128, Count: 65535, Score: 1.5,
				Addr: &address{City: "Oslo"}, Home: address{City: "Bergen", Zip: "5003"},
				Roles: []string{"r"}, Extra: map[string]any{"n": 1.0, "N": 2.0}, Raw: json.RawMessage(`{ "x" : [1] }`),
				When: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Quoted: 42, Any: []any{1.0, "x"},
				Num: "12.50", Dates: []claims.NumericDate{claims.UnixDate(1), dateOf("2.5")}, Untagged: "u",
			},
		},
		{name: "empty object", payload: `{}`},
		{name: "whitespace around", payload: " \t\r\n{ \"name\" : \"a\" } \n", want: testClaims{Name: "a"}},
		{name: "unknown members ignored", payload: `{"nonce":"n","hidden":"h","Skipped":"s","-":1,"https://example.com/claim":{"a":[1]}}`},
		{name: "escaped name matches exactly", payload: `{"\u0069ss":"x","n\u0061me":"y"}`, want: testClaims{Registered: claims.Registered{Issuer: "x"}, Name: "y"}},
		{name: "escapes in values", payload: `{"name":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"}`, want: testClaims{Name: "a\"b\\c/d\b\f\n\r\té😀"}},
		{name: "null private claims", payload: `{"name":null,"admin":null,"level":null,"addr":null,"home":null,"roles":null,"extra":null,"any":null,"when":null}`},
		{name: "single audience", payload: `{"aud":"api"}`, want: testClaims{Registered: claims.Registered{Audience: claims.Audience{"api"}}}},
		{name: "negative zero int", payload: `{"level":-0}`},

		// Case-variant names: never fill a field.
		{name: "case variant alone", payload: `{"ISS":"x"}`, wantErr: `claims: malformed claims: member "ISS" matches field "iss" only when case is ignored`},
		{name: "case variant after exact", payload: `{"iss":"a","ISS":"b"}`, wantErr: `claims: malformed claims: member "ISS" matches field "iss" only when case is ignored`},
		{name: "case variant before exact", payload: `{"Iss":"b","iss":"a"}`, wantErr: `claims: malformed claims: member "Iss" matches field "iss" only when case is ignored`},
		{name: "case variant exp", payload: `{"EXP":1}`, wantErr: `claims: malformed claims: member "EXP" matches field "exp" only when case is ignored`},
		{name: "case variant private", payload: `{"Name":"x"}`, wantErr: `claims: malformed claims: member "Name" matches field "name" only when case is ignored`},
		{name: "case variant untagged", payload: `{"untagged":"x"}`, wantErr: `claims: malformed claims: member "untagged" matches field "Untagged" only when case is ignored`},
		{name: "long s folds to s", payload: `{"ſub":"x"}`, wantErr: `claims: malformed claims: member "\u017fub" matches field "sub" only when case is ignored`},
		{name: "escaped long s", payload: `{"\u017fub":"x"}`, wantErr: `claims: malformed claims: member "\u017fub" matches field "sub" only when case is ignored`},
		{name: "kelvin sign folds to k", payload: `{"\u212aind":"x"}`, wantErr: `claims: malformed claims: member "\u212aind" matches field "kind" only when case is ignored`},
		{name: "nested case variant", payload: `{"addr":{"CITY":"x"}}`, wantErr: `claims: addr: malformed claims: member "CITY" matches field "city" only when case is ignored`},
		{name: "nested value case variant", payload: `{"home":{"Zip":"x"}}`, wantErr: `claims: home: malformed claims: member "Zip" matches field "zip" only when case is ignored`},

		// Duplicates, at any depth.
		{name: "duplicate", payload: `{"exp":1,"exp":2}`, wantErr: `claims: malformed claims: strictjson: duplicate member name "exp"`},
		{name: "duplicate after unescaping", payload: `{"iss":"a","\u0069ss":"b"}`, wantErr: `claims: malformed claims: strictjson: duplicate member name "iss"`},
		{name: "duplicate unknown", payload: `{"x":1,"x":1}`, wantErr: `claims: malformed claims: strictjson: duplicate member name "x"`},
		{name: "nested duplicate", payload: `{"addr":{"city":"a","city":"b"}}`, wantErr: "claims: malformed claims: strictjson: duplicate member name \"city\""},
		{name: "duplicate in map", payload: `{"extra":{"a":1,"a":2}}`, wantErr: "claims: malformed claims: strictjson: duplicate member name \"a\""},
		{name: "duplicate in unknown", payload: `{"x":[{"a":1,"a":2}]}`, wantErr: "claims: malformed claims: strictjson: duplicate member name \"a\""},

		// Encoding.
		{name: "invalid UTF-8 in value", payload: "{\"name\":\"\xff\"}", wantErr: "claims: malformed claims: strictjson: invalid UTF-8"},
		{name: "invalid UTF-8 in name", payload: "{\"\xc3\x28\":1}", wantErr: "claims: malformed claims: strictjson: invalid UTF-8"},
		{name: "lone surrogate", payload: `{"name":"\ud800"}`, wantErr: "claims: malformed claims: strictjson: lone surrogate in \\u escape"},
		{name: "byte-order mark", payload: "\xef\xbb\xbf{}", wantErr: "claims: malformed claims: strictjson: byte-order mark"},
		{name: "trailing data", payload: `{"iss":"a"} x`, wantErr: "claims: malformed claims: strictjson: data after the top-level object"},
		{name: "second object", payload: `{}{}`, wantErr: "claims: malformed claims: strictjson: data after the top-level object"},
		{name: "not an object", payload: `["iss"]`, wantErr: "claims: malformed claims: strictjson: expected '{'"},
		{name: "null payload", payload: `null`, wantErr: "claims: malformed claims: strictjson: expected '{'"},
		{name: "empty payload", payload: ``, wantErr: "claims: malformed claims: strictjson: expected '{'"},
		{name: "truncated", payload: `{"iss":"a"`, wantErr: "claims: malformed claims: strictjson: unexpected end of input"},
		{name: "too deep", payload: `{"x":` + strings.Repeat("[", 33) + strings.Repeat("]", 33) + `}`, wantErr: "claims: malformed claims: strictjson: nesting too deep"},

		// Registered claims: null and wrong types.
		{name: "iss null", payload: `{"iss":null}`, wantErr: "claims: iss: malformed claims: want a string, got null"},
		{name: "sub null", payload: `{"sub":null}`, wantErr: "claims: sub: malformed claims: want a string, got null"},
		{name: "jti null", payload: `{"jti":null}`, wantErr: "claims: jti: malformed claims: want a string, got null"},
		{name: "aud null", payload: `{"aud":null}`, wantErr: "claims: aud: malformed claims: Audience: want a string or an array of strings, got null"},
		{name: "exp null", payload: `{"exp":null}`, wantErr: "claims: exp: malformed claims: NumericDate: want a JSON number, got null"},
		{name: "iss number", payload: `{"iss":1}`, wantErr: "claims: iss: malformed claims: want a string, got a number"},
		{name: "exp string", payload: `{"exp":"1"}`, wantErr: "claims: exp: malformed claims: NumericDate: want a JSON number, got a string"},
		{name: "exp zero", payload: `{"exp":0}`, want: testClaims{Registered: claims.Registered{ExpiresAt: claims.UnixDate(0)}}},
		{name: "aud object", payload: `{"aud":{}}`, wantErr: "claims: aud: malformed claims: Audience: want a string or an array of strings, got an object"},

		// Private claims: wrong types, as encoding/json refuses them.
		{name: "string gets number", payload: `{"name":1}`, wantErr: "claims: name: malformed claims: want a string, got a number"},
		{name: "bool gets string", payload: `{"admin":"true"}`, wantErr: "claims: admin: malformed claims: want a boolean, got a string"},
		{name: "int8 overflow", payload: `{"level":128}`, wantErr: "claims: level: malformed claims: number 128 does not fit int8"},
		{name: "int fraction", payload: `{"level":1.5}`, wantErr: "claims: level: malformed claims: number 1.5 does not fit int8"},
		{name: "int exponent", payload: `{"level":1e1}`, wantErr: "claims: level: malformed claims: number 1e1 does not fit int8"},
		{name: "uint negative", payload: `{"count":-1}`, wantErr: "claims: count: malformed claims: number -1 does not fit uint16"},
		{name: "float32 overflow", payload: `{"score":1e39}`, wantErr: "claims: score: malformed claims: number 1e39 does not fit float32"},
		{name: "struct gets string", payload: `{"home":"x"}`, wantErr: "claims: home: malformed claims: want an object, got a string"},
		{name: "pointer gets array", payload: `{"addr":[]}`, wantErr: "claims: addr: malformed claims: want an object, got an array"},
		{name: "nested wrong type", payload: `{"addr":{"city":1}}`, wantErr: "claims: addr.city: malformed claims: want a string, got a number"},
		// Values Decode hands to encoding/json: the error names the claim,
		// wraps ErrMalformed and carries encoding/json's own error for that
		// value, whatever its wording in this Go release (stdErr).
		{name: "slice element", payload: `{"roles":["a",1]}`, wantErr: "claims: roles: malformed claims: ", stdErr: stdError(t, `["a",1]`, new([]string))},
		{name: "quoted gets number", payload: `{"quoted":42}`, wantErr: "claims: quoted: malformed claims: ", stdErr: stdError(t, `{"v":42}`, &struct {
			V int64 `json:"v,string"`
		}{})},
		{name: "time gets number", payload: `{"when":1}`, wantErr: "claims: when: malformed claims: ", stdErr: stdError(t, `1`, new(time.Time))},
		{name: "number gets bool", payload: `{"num":true}`, wantErr: "claims: num: malformed claims: ", stdErr: stdError(t, `true`, new(json.Number))},
		{name: "date list element", payload: `{"dates":[1,"2"]}`, wantErr: "claims: dates: malformed claims: NumericDate: want a JSON number, got a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testClaims{Name: "stale", Addr: &address{City: "stale"}}
			err := claims.Decode([]byte(tt.payload), &got)
			if tt.stdErr != nil {
				if want := tt.wantErr + tt.stdErr.Error(); err == nil || err.Error() != want {
					t.Errorf("Decode(%s) = %v, want %q", tt.payload, err, want)
				}
			}
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Errorf("Decode(%s) = %v, want %q...", tt.payload, err, tt.wantErr)
				}
				if !errors.Is(err, claims.ErrMalformed) {
					t.Errorf("Decode(%s) = %v, which does not wrap ErrMalformed", tt.payload, err)
				}
				if diff := cmp.Diff(testClaims{}, got, allUnexported); diff != "" {
					t.Errorf("Decode(%s) left a non-zero result on error (-want +got):\n%s", tt.payload, diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode(%s) = %v", tt.payload, err)
			}
			if diff := cmp.Diff(tt.want, got, allUnexported); diff != "" {
				t.Errorf("Decode(%s) mismatch (-want +got):\n%s", tt.payload, diff)
			}
			// What Decode accepts, encoding/json decodes the same way.
			var std testClaims
			if err := json.Unmarshal([]byte(tt.payload), &std); err != nil {
				t.Fatalf("json.Unmarshal(%s) = %v, but Decode accepted it", tt.payload, err)
			}
			if diff := cmp.Diff(std, got, allUnexported); diff != "" {
				t.Errorf("Decode(%s) disagrees with json.Unmarshal (-json +Decode):\n%s", tt.payload, diff)
			}
		})
	}
}

// stdError returns the error encoding/json gives when it decodes value
// into dst, which must not be nil: the cause Decode reports for a value it
// leaves to encoding/json. Its wording is encoding/json's and differs
// between Go releases (Go 1.27's decoder words them anew), so the tests
// compare with it rather than with a copy of one release's text.
func stdError(t testing.TB, value string, dst any) error {
	t.Helper()
	err := json.Unmarshal([]byte(value), dst)
	if err == nil {
		t.Fatalf("json.Unmarshal(%s) succeeded; the test wants its error", value)
	}
	return err
}

func TestDecodeDepthLimit(t *testing.T) {
	ok := `{"x":` + strings.Repeat("[", 32) + strings.Repeat("]", 32) + `}`
	var c testClaims
	if err := claims.Decode([]byte(ok), &c); err != nil {
		t.Errorf("Decode(32 levels) = %v, want nil", err)
	}
	// A recursive struct type is bounded by the same limit.
	type node struct {
		Next *node `json:"next"`
		Tag  string
	}
	deep := strings.Repeat(`{"next":`, 32) + `{}` + strings.Repeat(`}`, 32)
	var n node
	if err := claims.Decode([]byte(deep), &n); err != nil {
		t.Errorf("Decode(32 structs nested in the top one) = %v, want nil", err)
	}
	deeper := strings.Repeat(`{"next":`, 33) + `{}` + strings.Repeat(`}`, 33)
	if err := claims.Decode([]byte(deeper), &n); !errors.Is(err, claims.ErrMalformed) {
		t.Errorf("Decode(33 structs nested in the top one) = %v, want ErrMalformed", err)
	}
}

func TestDecodeReplacesDst(t *testing.T) {
	c := testClaims{Name: "old", Admin: true, Roles: []string{"old"}, Registered: claims.Registered{Issuer: "old"}}
	if err := claims.Decode([]byte(`{"sub":"new"}`), &c); err != nil {
		t.Fatal(err)
	}
	want := testClaims{Registered: claims.Registered{Subject: "new"}}
	if diff := cmp.Diff(want, c, allUnexported); diff != "" {
		t.Errorf("Decode merged into dst (-want +got):\n%s", diff)
	}

	s := claims.Set{"old": json.RawMessage(`1`)}
	if err := claims.Decode([]byte(`{"new":2}`), &s); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(claims.Set{"new": json.RawMessage(`2`)}, s); diff != "" {
		t.Errorf("Decode merged into a Set (-want +got):\n%s", diff)
	}
	if err := claims.Decode([]byte(`{"a":1,"a":2}`), &s); err == nil || s != nil {
		t.Errorf("Decode(duplicate) into a Set = %v, left %v; want an error and a nil Set", err, s)
	}
}

func TestDecodeInvalidDst(t *testing.T) {
	var nilClaims *testClaims
	var n int
	tests := []struct {
		dst  any
		want string
	}{
		{nil, "claims: Decode(nil)"},
		{testClaims{}, "claims: Decode(non-pointer claims_test.testClaims)"},
		{nilClaims, "claims: Decode(nil *claims_test.testClaims)"},
		{&n, "claims: Decode needs a pointer to a struct or a map, not *int"},
		{new(any), "claims: Decode needs a pointer to a struct or a map, not *interface {}"},
		{new([]string), "claims: Decode needs a pointer to a struct or a map, not *[]string"},
	}
	for _, tt := range tests {
		err := claims.Decode([]byte(`{}`), tt.dst)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Decode(%T) = %v, want %q", tt.dst, err, tt.want)
		}
		if errors.Is(err, claims.ErrMalformed) {
			t.Errorf("Decode(%T) = %v, which wraps ErrMalformed", tt.dst, err)
		}
	}
}

func TestDecodeMap(t *testing.T) {
	many := make([]string, 0, 40)
	for i := range 40 {
		many = append(many, fmt.Sprintf(`"k%d":%d`, i, i))
	}
	tests := []struct {
		name    string
		payload string
		wantErr string
	}{
		{name: "plain", payload: `{"iss":"a","n":1,"o":{"a":1,"A":2}}`},
		{name: "lone case variant", payload: `{"ISS":"a"}`},
		{name: "many", payload: `{` + strings.Join(many, ",") + `}`},
		{name: "case pair", payload: `{"iss":"a","ISS":"b"}`, wantErr: `claims: malformed claims: member "ISS" differs from another member only in case`},
		{name: "fold pair", payload: `{"sub":"a","ſub":"b"}`, wantErr: `claims: malformed claims: member "\u017fub" differs from another member only in case`},
		{name: "kelvin pair", payload: `{"\u212a":1,"k":2}`, wantErr: `claims: malformed claims: member "k" differs from another member only in case`},
		{name: "case pair among many", payload: `{` + strings.Join(many, ",") + `,"K39":0}`, wantErr: `claims: malformed claims: member "K39" differs from another member only in case`},
		{name: "duplicate", payload: `{"a":1,"a":1}`, wantErr: `claims: malformed claims: strictjson: duplicate member name "a"`},
		{name: "trailing", payload: `{"a":1}]`, wantErr: `claims: malformed claims: strictjson: data after the top-level object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, dst := range []any{new(claims.Set), new(map[string]any), new(map[string]json.RawMessage)} {
				err := claims.Decode([]byte(tt.payload), dst)
				if tt.wantErr != "" {
					if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) || !errors.Is(err, claims.ErrMalformed) {
						t.Errorf("Decode(%s, %T) = %v, want %q...", tt.payload, dst, err, tt.wantErr)
					}
					if !reflect.ValueOf(dst).Elem().IsNil() {
						t.Errorf("Decode(%s, %T) left a non-nil map on error", tt.payload, dst)
					}
					continue
				}
				if err != nil {
					t.Fatalf("Decode(%s, %T) = %v", tt.payload, dst, err)
				}
				want := reflect.New(reflect.TypeOf(dst).Elem()).Interface()
				if err := json.Unmarshal([]byte(tt.payload), want); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, dst); diff != "" {
					t.Errorf("Decode(%s, %T) disagrees with json.Unmarshal (-json +Decode):\n%s", tt.payload, dst, diff)
				}
			}
		})
	}
}

// Types for the embedding rules: Decode must pick the same field as
// encoding/json, or none when it does.
type (
	embA struct {
		X string `json:"x"`
		Y string
		Z string `json:"z"`
	}
	embC struct {
		embA
		V string `json:"v"`
	}
	embD struct { // embA's x and Y tie with EmbP's at the same depth
		embA
		*EmbP
	}
	embTagged struct {
		embA
		embB2
	}
	embB2 struct {
		Y string `json:"Y"`
	}
	embDeep struct {
		embC
		*EmbP
	}
	// EmbP is exported so that Decode can allocate it when embedded
	// through a pointer.
	EmbP struct {
		X string `json:"x"`
		Y string
		W string `json:"w"`
	}
	embTwice struct {
		embC
		embE
	}
	embE struct {
		embA
	}
	embNamed struct {
		embA `json:"a"`
	}
	embPtrRegistered struct {
		*claims.Registered
		Name string `json:"name"`
	}
	inner struct {
		X string `json:"x"`
	}
	embUnexportedPtr struct {
		*inner
		Y string `json:"y"`
	}
	embUnexported struct {
		inner
	}
	embInvalidTag struct {
		//lint:ignore SA5008 a deliberately invalid tag: Decode must treat it as encoding/json does
		A string `json:"a\"b"`
		B string `json:"?!"`
		C string `json:",omitempty"`
	}
)

// allUnexported lets cmp compare unexported fields.
var allUnexported = cmp.Exporter(func(reflect.Type) bool { return true })

func TestDecodeEmbedding(t *testing.T) {
	// Payloads starting with '!' must be refused (their '!' removed);
	// others must decode as json.Unmarshal decodes them.
	tests := []struct {
		name     string
		dst      func() any
		payloads []string
	}{
		{"depth wins", func() any { return new(embC) }, []string{`{"x":"1","Y":"2","z":"3","v":"4"}`, `!{"X":"1"}`, `!{"y":"1"}`}},
		{"conflict drops both", func() any { return new(embD) }, []string{`{"x":"1","Y":"2","z":"3","w":"4"}`, `{"x":"1"}`, `{"X":"1","y":"2"}`, `!{"Z":"3"}`, `!{"W":"3"}`}},
		{"tag beats untagged", func() any { return new(embTagged) }, []string{`{"Y":"1"}`, `!{"y":"1"}`}},
		{"deeper pointer", func() any { return new(embDeep) }, []string{`{"x":"1","w":"2","Y":"3","z":"4"}`, `!{"W":"1"}`, `{}`, `{"v":"1"}`}},
		{"same type twice", func() any { return new(embTwice) }, []string{`{"x":"1","Y":"2","z":"3","v":"4"}`, `{"X":"1"}`}},
		{"named embedded", func() any { return new(embNamed) }, []string{`{"a":{"x":"1"}}`, `{"x":"1"}`, `!{"A":{}}`, `!{"a":{"X":"1"}}`}},
		{"embedded pointer", func() any { return new(embPtrRegistered) }, []string{`{"iss":"1"}`, `{"name":"n"}`, `!{"exp":null}`, `!{"Exp":1}`, `{}`}},
		{"unexported embedded pointer", func() any { return new(embUnexportedPtr) }, []string{`{"y":"1"}`, `!{"x":"1"}`}},
		{"unexported embedded", func() any { return new(embUnexported) }, []string{`{"x":"1"}`, `!{"X":"1"}`}},
		{"invalid tags", func() any { return new(embInvalidTag) }, []string{`{"A":"1","B":"2","C":"3"}`, `{"a\"b":"1","?!":"2"}`, `!{"a":"1"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, payload := range tt.payloads {
				refuse := strings.HasPrefix(payload, "!")
				payload = strings.TrimPrefix(payload, "!")
				got, want := tt.dst(), tt.dst()
				err := claims.Decode([]byte(payload), got)
				stdErr := json.Unmarshal([]byte(payload), want)
				if refuse {
					if !errors.Is(err, claims.ErrMalformed) {
						t.Errorf("Decode(%s, %T) = %v, want ErrMalformed", payload, got, err)
					}
					if diff := cmp.Diff(tt.dst(), got, allUnexported); diff != "" {
						t.Errorf("Decode(%s, %T) left a non-zero result on error:\n%s", payload, got, diff)
					}
					continue
				}
				if err != nil || stdErr != nil {
					t.Errorf("Decode(%s, %T) = %v, json.Unmarshal = %v; want both nil", payload, got, err, stdErr)
					continue
				}
				if diff := cmp.Diff(want, got, allUnexported); diff != "" {
					t.Errorf("Decode(%s, %T) disagrees with json.Unmarshal (-json +Decode):\n%s", payload, got, diff)
				}
			}
		})
	}
}
