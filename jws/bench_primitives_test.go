package jws_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"testing"

	"github.com/signet-go/signet/jws"
)

// benchPrimitives returns one signer per algorithm family, and each ML-DSA
// parameter set when the build has them.
func benchPrimitives(b *testing.B) []jws.Signer {
	var signers []jws.Signer
	for _, p := range allPrimitives(b) {
		switch p.signer.Algorithm() {
		case jws.HS256, jws.RS256, jws.PS256, jws.ES256, jws.EdDSA, jws.MLDSA44, jws.MLDSA65, jws.MLDSA87:
			signers = append(signers, p.signer)
		}
	}
	return signers
}

// BenchmarkAppendSignature signs a typical 200-byte signing input into a
// buffer with room for the signature.
func BenchmarkAppendSignature(b *testing.B) {
	in := []byte(signingInput)
	for _, s := range benchPrimitives(b) {
		b.Run("alg="+string(s.Algorithm()), func(b *testing.B) {
			buf := make([]byte, 0, 5120) // room for ML-DSA-87's 4627 bytes
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := s.AppendSignature(buf[:0], in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifySignature verifies the signature of a typical 200-byte
// signing input.
func BenchmarkVerifySignature(b *testing.B) {
	in := []byte(signingInput)
	for _, s := range benchPrimitives(b) {
		b.Run("alg="+string(s.Algorithm()), func(b *testing.B) {
			v := publicVerifier(b, s)
			sig, err := s.AppendSignature(nil, in)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if err := v.VerifySignature(in, sig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRS256VerifyOverhead puts RS256 VerifySignature next to the
// standard library doing the same work alone: hashing and
// rsa.VerifyPKCS1v15, and rsa.VerifyPKCS1v15 on a digest computed once.
func BenchmarkRS256VerifyOverhead(b *testing.B) {
	k := primKeys(b)
	in := []byte(signingInput)
	s, err := jws.NewRSASigner(jws.RS256, k.rsa[0])
	if err != nil {
		b.Fatal(err)
	}
	sig, err := s.AppendSignature(nil, in)
	if err != nil {
		b.Fatal(err)
	}
	v := s.Verifier()
	pub := &k.rsa[0].PublicKey
	b.Run("impl=rsa.VerifyPKCS1v15", func(b *testing.B) {
		d := sha256.Sum256(in)
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, d[:], sig); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sha256+rsa.VerifyPKCS1v15", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			d := sha256.Sum256(in)
			if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, d[:], sig); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=signet", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			if err := v.VerifySignature(in, sig); err != nil {
				b.Fatal(err)
			}
		}
	})
}
