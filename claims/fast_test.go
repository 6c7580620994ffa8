package claims_test

import (
	"reflect"
	"testing"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/internal/owned"
)

// ownedTarget is a destination that promises claims.Decode the payload,
// as jwt.Verify's does.
type ownedTarget struct{ p any }

func (o ownedTarget) OwnedTarget(owned.Key) any { return o.p }

// Claims types for the comparison of Decode's fast paths with its general
// path: Registered embedded directly (the fast path), inside a nested
// struct that embeds it too, through a pointer, and alone.
type (
	nestedClaims struct {
		claims.Registered
		Inner struct {
			claims.Registered
			Note string `json:"note"`
		} `json:"inner"`
		Tags []string `json:"tags"`
	}
	pointerClaims struct {
		*claims.Registered
		Name string `json:"name"`
	}
)

// FuzzDecodeFastGeneral checks that Decode with its fast paths (the
// registered claims of an embedded Registered decoded without reflection,
// strings cut from one shared copy of the payload) gives exactly what its
// general path gives: the same value, or the same error.
func FuzzDecodeFastGeneral(f *testing.F) {
	for _, v := range readVectors(f) {
		f.Add(v.payload)
	}
	for _, s := range []string{
		`{"iss":"a","sub":"b","aud":"c","exp":1,"nbf":2.5,"iat":0,"jti":"j","name":"n","admin":true}`,
		`{"aud":["a","b"],"iss":"\u00e9\n","sub":null}`, `{"iss":5}`, `{"aud":null}`, `{"exp":"1"}`,
		`{"inner":{"iss":"x","note":"y","aud":"z"},"iss":"w","tags":["t"]}`, `{"ISS":"x"}`, `{"iss":"a","iss":"b"}`,
		`{"name":"\ud83d\ude00","kind":"k","q":"7"}`, `{"jti":""}`, `{"aud":""}`, `{"aud":"a\"b"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareFastGeneral[fuzzClaims](t, data)
		compareFastGeneral[nestedClaims](t, data)
		compareFastGeneral[pointerClaims](t, data)
		compareFastGeneral[claims.Registered](t, data)
	})
}

func compareFastGeneral[T any](t *testing.T, data []byte) {
	t.Helper()
	var fast, general T
	errFast := claims.Decode(data, &fast)
	errGeneral := claims.DecodeGeneral(data, &general)
	if (errFast == nil) != (errGeneral == nil) || errFast != nil && errFast.Error() != errGeneral.Error() {
		t.Fatalf("%T %q: fast path %v, general path %v", fast, data, errFast, errGeneral)
	}
	if !reflect.DeepEqual(fast, general) {
		t.Fatalf("%T %q: fast path %+v, general path %+v", fast, data, fast, general)
	}
	// With the payload its own, the strings point into it: same values.
	var shared T
	errShared := claims.Decode(append([]byte(nil), data...), ownedTarget{&shared})
	if (errShared == nil) != (errGeneral == nil) || errShared != nil && errShared.Error() != errGeneral.Error() {
		t.Fatalf("%T %q: owned payload %v, general path %v", fast, data, errShared, errGeneral)
	}
	if !reflect.DeepEqual(shared, general) {
		t.Fatalf("%T %q: owned payload %+v, general path %+v", fast, data, shared, general)
	}
}

// TestDecodeStringsOwned checks that the decoded strings, which share one
// copy of the payload, do not change when the caller reuses the payload.
func TestDecodeStringsOwned(t *testing.T) {
	payload := []byte(`{"iss":"issuer","sub":"subject","aud":"api","jti":"id","name":"Ada","exp":1}`)
	var c fuzzClaims
	if err := claims.Decode(payload, &c); err != nil {
		t.Fatal(err)
	}
	for i := range payload {
		payload[i] = 'X'
	}
	want := []string{"issuer", "subject", "api", "id", "Ada"}
	got := []string{c.Issuer, c.Subject, c.Audience[0], c.ID, c.Name}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after the payload changed, the claims hold %q, want %q", got, want)
	}
}
