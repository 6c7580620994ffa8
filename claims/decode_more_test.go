package claims_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/claims"
)

// rawClaims decodes itself: Decode validates the payload strictly, then
// leaves the rest to its UnmarshalJSON.
type rawClaims struct {
	data []byte
}

func (r *rawClaims) UnmarshalJSON(b []byte) error {
	if strings.Contains(string(b), "reject") {
		return errors.New("rawClaims: rejected")
	}
	r.data = append([]byte(nil), b...)
	return nil
}

func TestDecodeSelfDecoding(t *testing.T) {
	var r rawClaims
	if err := claims.Decode([]byte(` {"a":[1]} `), &r); err != nil || string(r.data) != `{"a":[1]}` {
		t.Errorf("Decode into an Unmarshaler = %q, %v", r.data, err)
	}
	for _, payload := range []string{`{"a":1,"a":2}`, `{"a":"reject"}`, `{"a":1} x`} {
		r := rawClaims{data: []byte("stale")}
		err := claims.Decode([]byte(payload), &r)
		if !errors.Is(err, claims.ErrMalformed) || r.data != nil {
			t.Errorf("Decode(%s) into an Unmarshaler = %v, left %q; want ErrMalformed and zero", payload, err, r.data)
		}
	}
}

func TestDecodeMapTypeError(t *testing.T) {
	var m map[string]int
	err := claims.Decode([]byte(`{"a":"x"}`), &m)
	if !errors.Is(err, claims.ErrMalformed) || m != nil {
		t.Errorf("Decode into map[string]int = %v, left %v; want ErrMalformed and nil", err, m)
	}
	var ute *json.UnmarshalTypeError
	if !errors.As(err, &ute) {
		t.Errorf("Decode into map[string]int = %v, which does not wrap the *json.UnmarshalTypeError", err)
	}
}

func TestDecodeMoreTypes(t *testing.T) {
	tests := []struct {
		payload string
		wantErr string // "" means success
	}{
		{`{"admin":false}`, ""},
		{`{"count":"1"}`, "claims: count: malformed claims: want a number, got a string"},
		{`{"count":null,"score":null,"home":null}`, ""},
		{`{"score":true}`, "claims: score: malformed claims: want a number, got a boolean"},
		{`{"level":[]}`, "claims: level: malformed claims: want a number, got an array"},
		{`{"exp":1` + strings.Repeat("0", 40) + `}`, "claims: exp: malformed claims: NumericDate: 10000000000000000000000000000000... out of range"},
	}
	for _, tt := range tests {
		var c testClaims
		err := claims.Decode([]byte(tt.payload), &c)
		if tt.wantErr == "" {
			var std testClaims
			if err != nil || json.Unmarshal([]byte(tt.payload), &std) != nil {
				t.Errorf("Decode(%s) = %v, want success", tt.payload, err)
			} else if diff := cmp.Diff(std, c, allUnexported); diff != "" {
				t.Errorf("Decode(%s) disagrees with json.Unmarshal (-json +Decode):\n%s", tt.payload, diff)
			}
			continue
		}
		if err == nil || err.Error() != tt.wantErr {
			t.Errorf("Decode(%s) = %v, want %q", tt.payload, err, tt.wantErr)
		}
	}
}

type longNamed struct {
	X string `json:"a_claim_name_that_goes_on_and_on_far_longer_than_any_error_message_should_show"`
}

func TestDecodeLongNameInError(t *testing.T) {
	var c longNamed
	err := claims.Decode([]byte(`{"A_CLAIM_NAME_THAT_GOES_ON_AND_ON_FAR_LONGER_THAN_ANY_ERROR_MESSAGE_SHOULD_SHOW":"x"}`), &c)
	const want = `claims: malformed claims: member "A_CLAIM_NAME_THAT_GOES_ON_AND_ON_FAR_LONGER_THAN_ANY_ERROR_MESSA"... matches field`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Decode = %v, want %s...", err, want)
	}
}

type (
	//lint:ignore U1000 an unexported embedded non-struct type, which Decode must skip as encoding/json does
	myInt int
	//lint:ignore U1000 see myInt
	withMyInt  struct{ myInt }
	RecursiveA struct {
		*RecursiveB
		A string `json:"a"`
	}
	RecursiveB struct {
		*RecursiveA
		B string `json:"b"`
	}
	embTaggedFirst struct { // the tagged Y comes first this time
		embB2
		embA
	}
)

func TestDecodeMoreEmbedding(t *testing.T) {
	tests := []struct {
		dst      func() any
		payloads []string
	}{
		{func() any { return new(withMyInt) }, []string{`{"myInt":1}`, `{}`}},
		{func() any { return new(RecursiveA) }, []string{`{"a":"1","b":"2"}`, `{"a":"1"}`}},
		{func() any { return new(embTaggedFirst) }, []string{`{"Y":"1","x":"2"}`}},
	}
	for _, tt := range tests {
		for _, payload := range tt.payloads {
			got, want := tt.dst(), tt.dst()
			err := claims.Decode([]byte(payload), got)
			stdErr := json.Unmarshal([]byte(payload), want)
			if err != nil || stdErr != nil {
				t.Errorf("Decode(%s, %T) = %v, json.Unmarshal = %v; want both nil", payload, got, err, stdErr)
				continue
			}
			if diff := cmp.Diff(want, got, allUnexported); diff != "" {
				t.Errorf("Decode(%s, %T) disagrees with json.Unmarshal (-json +Decode):\n%s", payload, got, diff)
			}
		}
	}
	var r RecursiveA
	if err := claims.Decode([]byte(`{"B":"x"}`), &r); !errors.Is(err, claims.ErrMalformed) {
		t.Errorf("Decode(case variant through recursion) = %v, want ErrMalformed", err)
	}
}

func TestStringEscapes(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" with ok false means refused
		ok   bool
	}{
		{`"\u00E9\u00e9"`, "éé", true},
		{"\"\\né\"", "\né", true},
		{`"\ud83d\ude00x"`, "😀x", true},
		{`"\u12"`, "", false},
		{`"\u12zz"`, "", false},
		{`"\uzzzz"`, "", false},
		{`"\n`, "", false},
		{`"\`, "", false},
		{"\"\\n\x01\"", "", false},
		{"\"\\n\xff\"", "", false},
		{`"\ud800\n"`, "", false},
		{`"\ud800\u0041"`, "", false},
		{`"\ud800"`, "", false},
		{`"\udfff"`, "", false},
		{`"\q"`, "", false},
	}
	for _, tt := range tests {
		var a claims.Audience
		err := a.UnmarshalJSON([]byte(tt.in))
		if !tt.ok {
			if err == nil {
				t.Errorf("UnmarshalJSON(%q) = %q, want an error", tt.in, a)
			}
			continue
		}
		if err != nil || len(a) != 1 || a[0] != tt.want {
			t.Errorf("UnmarshalJSON(%q) = %q, %v, want [%q]", tt.in, a, err, tt.want)
		}
		var std string
		if err := json.Unmarshal([]byte(tt.in), &std); err != nil || std != tt.want {
			t.Errorf("json.Unmarshal(%q) = %q, %v (test table error)", tt.in, std, err)
		}
	}
}

func TestRegisteredClaims(t *testing.T) {
	var c MyClaims
	type claimser interface{ RegisteredClaims() *claims.Registered }
	var _ claimser = &c // a struct embedding Registered has the method
	if got := c.RegisteredClaims(); got != &c.Registered {
		t.Errorf("RegisteredClaims() = %p, want %p", got, &c.Registered)
	}
	r := &claims.Registered{}
	if r.RegisteredClaims() != r {
		t.Error("Registered.RegisteredClaims() does not return its receiver")
	}
}
