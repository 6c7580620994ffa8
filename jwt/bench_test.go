package jwt_test

import (
	"testing"

	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

func BenchmarkSign(b *testing.B) {
	c := validClaims()
	for _, p := range pairsOnce()[:2] { // HS256, RS256
		b.Run("alg="+string(p.s.Algorithm()), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jwt.Sign(p.s, jws.Header{}, &c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	opts := strictOptions()
	for _, p := range pairsOnce()[:2] { // HS256, RS256
		b.Run("alg="+string(p.s.Algorithm()), func(b *testing.B) {
			tok, err := jwt.Sign(p.s, jws.Header{}, validClaims())
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(tok)))
			for b.Loop() {
				if _, err := jwt.Verify[userClaims](p.v, tok, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
