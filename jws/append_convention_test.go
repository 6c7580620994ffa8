package jws_test

import (
	"crypto/ed25519"
	"errors"
	"testing"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// TestAppendErrorConvention checks the one convention of every Append
// function of the module that can fail: on error it returns nil, never
// dst or a partial result, and the bytes of dst up to its length are left
// as they were, even when the function had already written into dst's
// spare capacity (a signer that fails after the header and payload are
// encoded).
func TestAppendErrorConvention(t *testing.T) {
	k := primKeys(t)
	failing := errors.New("the KMS is down")
	kms := func(alg jws.Algorithm, pub any) jws.Signer {
		s, err := jws.NewSigner(alg, fakeSigner{pub: pub, err: failing})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	rsaKMS := kms(jws.RS256, &k.rsa[0].PublicKey)
	ecKMS := kms(jws.ES256, &k.p256[0].PublicKey)
	edKMS := kms(jws.EdDSA, k.ed25519[0].Public().(ed25519.PublicKey))
	payload := []byte(`{"sub":"user-42"}`)
	for _, c := range []struct {
		name string
		f    func(dst []byte) ([]byte, error)
	}{
		{"base64url.AppendDecode", func(dst []byte) ([]byte, error) {
			return base64url.AppendDecode(dst, []byte("eyJzdWIiOiIxIn0="))
		}},
		{"jws.AppendSign/alg mismatch", func(dst []byte) ([]byte, error) {
			return jws.AppendSign(dst, rsaKMS, jws.Header{Algorithm: jws.ES256}, payload)
		}},
		{"jws.AppendSign/signer fails", func(dst []byte) ([]byte, error) {
			return jws.AppendSign(dst, rsaKMS, jws.Header{}, payload)
		}},
		{"jws.AppendSign/no key", func(dst []byte) ([]byte, error) {
			return jws.AppendSign(dst, &jws.HMAC{}, jws.Header{}, payload)
		}},
		{"jwt.AppendSign/claims", func(dst []byte) ([]byte, error) {
			return jwt.AppendSign(dst, rsaKMS, jws.Header{}, []int{1})
		}},
		{"jwt.AppendSign/signer fails", func(dst []byte) ([]byte, error) {
			return jwt.AppendSign(dst, edKMS, jws.Header{}, map[string]string{"sub": "user-42"})
		}},
		{"HMAC.AppendSignature", func(dst []byte) ([]byte, error) {
			return (&jws.HMAC{}).AppendSignature(dst, payload)
		}},
		{"RSASigner.AppendSignature", func(dst []byte) ([]byte, error) {
			return rsaKMS.AppendSignature(dst, payload)
		}},
		{"ECDSASigner.AppendSignature", func(dst []byte) ([]byte, error) {
			return ecKMS.AppendSignature(dst, payload)
		}},
		{"Ed25519Signer.AppendSignature", func(dst []byte) ([]byte, error) {
			return edKMS.AppendSignature(dst, payload)
		}},
	} {
		for _, spare := range []int{0, 4096} {
			dst := append(make([]byte, 0, 6+spare), "prefix"...)
			got, err := c.f(dst)
			if err == nil {
				t.Fatalf("%s: no error", c.name)
			}
			if got != nil {
				t.Errorf("%s (spare capacity %d) = %q, %v, want nil beside the error", c.name, spare, got, err)
			}
			if string(dst) != "prefix" {
				t.Errorf("%s changed dst to %q", c.name, dst)
			}
		}
	}
}
