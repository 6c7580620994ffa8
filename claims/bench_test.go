package claims_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
)

// benchClaims is a typical claims type: the registered claims and two
// private ones.
type benchClaims struct {
	claims.Registered
	Name  string `json:"name"`
	Admin bool   `json:"admin"`
}

// benchPayload is a typical claims set of about 200 bytes.
var benchPayload = []byte(`{"iss":"https://issuer.example.com","sub":"user-1234567890","aud":"https://api.example.com","exp":1700003600,"nbf":1700000000,"iat":1700000000,"jti":"4f1g23a12aa","name":"Alice Example","admin":true}`)

func BenchmarkDecode(b *testing.B) {
	b.Run("impl=claims.Decode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(benchPayload)))
		for b.Loop() {
			var c benchClaims
			if err := claims.Decode(benchPayload, &c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=json.Unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(benchPayload)))
		for b.Loop() {
			var c benchClaims
			if err := json.Unmarshal(benchPayload, &c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkDecodeSet(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchPayload)))
	for b.Loop() {
		var s claims.Set
		if err := claims.Decode(benchPayload, &s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGet(b *testing.B) {
	var s claims.Set
	if err := claims.Decode(benchPayload, &s); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := claims.Get[string](s, "name"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	var c benchClaims
	if err := claims.Decode(benchPayload, &c); err != nil {
		b.Fatal(err)
	}
	v := claims.Validator{
		Issuer:   "https://issuer.example.com",
		Audience: "https://api.example.com",
		Now:      func() time.Time { return time.Unix(1700000100, 0) },
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Validate(&c.Registered); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeAllocs pins the allocations of Decode: one per decoded string
// and one for the audience's slice, nothing for the machinery.
func TestDecodeAllocs(t *testing.T) {
	var c benchClaims
	allocs := testing.AllocsPerRun(100, func() {
		if err := claims.Decode(benchPayload, &c); err != nil {
			t.Fatal(err)
		}
	})
	// iss, sub, aud (its string and its slice), jti, name.
	if allocs > 6 {
		t.Errorf("Decode allocates %v times, want at most 6", allocs)
	}
}

func BenchmarkMarshal(b *testing.B) {
	var c benchClaims
	if err := claims.Decode(benchPayload, &c); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(&c); err != nil {
			b.Fatal(err)
		}
	}
}
