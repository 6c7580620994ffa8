package strictjson

import (
	"encoding/json"
	"testing"
)

// benchPayload is a typical claims set.
const benchPayload = `{"iss":"https://issuer.example","sub":"user-42","aud":"api","exp":1700003600,"nbf":1700000000,"iat":1700000000,"jti":"0123456789abcdef","name":"Ada Lovelace","admin":true}`

// BenchmarkValidate compares Object with encoding/json's Valid, which checks
// less (no duplicates, no depth bound).
func BenchmarkValidate(b *testing.B) {
	data := []byte(benchPayload)
	b.Run("impl=strictjson", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := Object(data, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=json.Valid", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if !json.Valid(data) {
				b.Fatal("invalid")
			}
		}
	})
}
