package jws_test

import (
	"testing"

	"github.com/signet-go/signet/jws"
)

// benchPayload is a typical JWT claims set.
var benchPayload = []byte(`{"iss":"https://issuer.example","sub":"user-42","aud":"api","exp":1700003600,"nbf":1700000000,"iat":1700000000,"jti":"0123456789abcdef","name":"Ada Lovelace","admin":true}`)

func benchmarkSigners(b *testing.B) []jws.Signer {
	k := keys(b)
	rs, err := jws.NewRSASigner(jws.RS256, k.rsa)
	if err != nil {
		b.Fatal(err)
	}
	ps, err := jws.NewRSASigner(jws.PS256, k.rsa)
	if err != nil {
		b.Fatal(err)
	}
	es, err := jws.NewECDSASigner(jws.ES256, k.ecdsa)
	if err != nil {
		b.Fatal(err)
	}
	ed, err := jws.NewEd25519Signer(k.ed25519)
	if err != nil {
		b.Fatal(err)
	}
	return []jws.Signer{k.hmac, rs, ps, es, ed}
}

func BenchmarkSign(b *testing.B) {
	for _, s := range benchmarkSigners(b) {
		b.Run("alg="+string(s.Algorithm()), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(benchPayload)))
			for b.Loop() {
				if _, err := jws.Sign(s, jws.Header{Type: "JWT"}, benchPayload); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, s := range benchmarkSigners(b) {
		b.Run("alg="+string(s.Algorithm()), func(b *testing.B) {
			v := publicVerifier(b, s)
			tok, err := jws.Sign(s, jws.Header{Type: "JWT"}, benchPayload)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(tok)))
			for b.Loop() {
				if _, _, err := jws.Verify(v, tok); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
