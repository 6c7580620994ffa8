package claims_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/signet-go/signet/claims"
)

// Claims types that hide a registered claim of their embedded Registered.
type (
	shadowAud struct {
		claims.Registered
		Aud string `json:"aud"`
	}
	shadowNbf struct {
		claims.Registered
		Nbf int64 `json:"nbf,omitempty"`
	}
	shadowIss struct {
		claims.Registered
		Iss string `json:"iss"`
	}
	shadowSub struct {
		claims.Registered
		Sub string `json:"sub"`
	}
	shadowJti struct {
		claims.Registered
		Jti string `json:"jti"`
	}
	shadowExp struct {
		claims.Registered
		Expiry claims.NumericDate `json:"exp,omitzero"`
	}
	shadowIat struct {
		claims.Registered
		Iat float64 `json:"iat"`
	}
	shadowPointer struct {
		*claims.Registered
		Aud []string `json:"aud"`
	}
	// For ties at the same depth, built with reflect.StructOf below (go
	// vet's structtag check refuses them in source).
	ExpHolder struct {
		Exp int64 `json:"exp"`
	}
	RegA struct{ claims.Registered }
	RegB struct{ claims.Registered }
)

// embedding returns a new value of a struct type that embeds the types of
// vs, in order.
func embedding(vs ...any) any {
	var fields []reflect.StructField
	for _, v := range vs {
		t := reflect.TypeOf(v)
		fields = append(fields, reflect.StructField{Name: t.Name(), Type: t, Anonymous: true})
	}
	return reflect.New(reflect.StructOf(fields)).Interface()
}

// Claims types that hide nothing.
type (
	deepHolder struct{ ExpHolder }
	okDeeper   struct { // the other exp is deeper than Registered's
		claims.Registered
		deepHolder
	}
	okCaseVariant struct { // "Aud" is another name; "aud" still fills Registered
		claims.Registered
		Aud string `json:"Aud"`
	}
	okIgnored struct {
		claims.Registered
		Aud string `json:"-"`
	}
	okNoRegistered struct { // a plain struct may use any name
		Exp int64  `json:"exp"`
		Aud string `json:"aud"`
	}
	okNested struct { // Registered as a private claim's value, not embedded
		claims.Registered
		Actor struct {
			Sub string `json:"sub"`
		} `json:"act"`
	}
)

// TestShadowedRegisteredClaims pins issue 9's rule that a claims type whose
// own field hides a registered claim is refused by Decode, whatever the
// payload, with an error naming the Go field and the claim.
func TestShadowedRegisteredClaims(t *testing.T) {
	const payload = `{"aud":"someone-else","nbf":99999999999,"exp":1,"iss":"i","sub":"s","jti":"j","iat":1}`
	tests := []struct {
		dst   any    // a pointer to a zero claims value
		field string // "" means accepted
		claim string
	}{
		{dst: new(shadowAud), field: "Aud", claim: "aud"},
		{dst: new(shadowNbf), field: "Nbf", claim: "nbf"},
		{dst: new(shadowIss), field: "Iss", claim: "iss"},
		{dst: new(shadowSub), field: "Sub", claim: "sub"},
		{dst: new(shadowJti), field: "Jti", claim: "jti"},
		{dst: new(shadowExp), field: "Expiry", claim: "exp"},
		{dst: new(shadowIat), field: "Iat", claim: "iat"},
		{dst: new(shadowPointer), field: "Aud", claim: "aud"},
		// A tie at the same depth drops both fields.
		{dst: embedding(claims.Registered{}, ExpHolder{}), field: "ExpHolder.Exp", claim: "exp"},
		// Registered twice at the same depth: encoding/json drops its fields.
		{dst: embedding(RegA{}, RegB{}), field: "more than once", claim: "iss"},
		{dst: new(okDeeper)},
		{dst: new(okCaseVariant)},
		{dst: new(okIgnored)},
		{dst: new(okNoRegistered)},
		{dst: new(okNested)},
		{dst: new(claims.Registered)},
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.dst).Elem()
		t.Run(typ.String(), func(t *testing.T) {
			for range 2 { // the second time from the cached plan
				err := claims.Decode([]byte(payload), tt.dst)
				if tt.field == "" {
					if err != nil {
						t.Fatalf("Decode(%s) = %v, want nil", typ, err)
					}
					continue
				}
				if err == nil {
					t.Fatalf("Decode(%s) = nil, want an error naming %s and %q", typ, tt.field, tt.claim)
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, "claims: ") || !strings.Contains(msg, tt.field) || !strings.Contains(msg, `"`+tt.claim+`"`) || !strings.Contains(msg, typ.String()) {
					t.Errorf("Decode(%s) = %q, want it to name the type, %s and %q", typ, msg, tt.field, tt.claim)
				}
				if !reflect.ValueOf(tt.dst).Elem().IsZero() {
					t.Errorf("Decode(%s) left a non-zero value on error", typ)
				}
			}
		})
	}
}

// TestMarshalShadowed checks that Marshal refuses what Decode refuses, by
// value or by pointer, and otherwise encodes as encoding/json does.
func TestMarshalShadowed(t *testing.T) {
	tests := []struct {
		c       any
		wantErr string // substring; "" means success
	}{
		{c: shadowAud{Aud: "x"}, wantErr: "field Aud (JSON name \"aud\") hides the registered claim \"aud\""},
		{c: &shadowNbf{Nbf: 5}, wantErr: "field Nbf"},
		{c: embedding(RegA{}, RegB{}), wantErr: "more than once"},
		{c: okDeeper{Registered: claims.Registered{Issuer: "i"}}},
		{c: &okCaseVariant{Aud: "a"}},
		{c: claims.Set{"aud": json.RawMessage(`"a"`)}},
		{c: map[string]int{"exp": 1}},
		{c: nil},
	}
	for _, tt := range tests {
		got, err := claims.Marshal(tt.c)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || got != nil {
				t.Errorf("Marshal(%T) = %s, %v, want an error containing %q", tt.c, got, err, tt.wantErr)
			}
			continue
		}
		want, wantErr := json.Marshal(tt.c)
		if err != nil || wantErr != nil || string(got) != string(want) {
			t.Errorf("Marshal(%T) = %s, %v, want %s, %v", tt.c, got, err, want, wantErr)
		}
	}
}
