package jws_test

import (
	"errors"
	"testing"

	"github.com/signet-go/signet/jws"
)

// TestSignerVerifier checks that every Signer's Verifier method, reached
// through the Signer interface with no type switch, is bound to the
// Signer's algorithm, verifies what the Signer signs and refuses a token of
// any other algorithm; and that an HMAC's Verifier is the HMAC itself.
func TestSignerVerifier(t *testing.T) {
	k := primKeys(t)
	signers := map[string]jws.Signer{}
	for _, p := range allPrimitives(t) {
		signers[p.name] = p.signer
	}
	for _, c := range []struct {
		alg jws.Algorithm
		key opaqueSigner
	}{
		{jws.RS256, opaqueSigner{signer: k.rsa[0]}},
		{jws.PS384, opaqueSigner{signer: k.rsa[0]}},
		{jws.ES256, opaqueSigner{signer: k.p256[0]}},
		{jws.ES512, opaqueSigner{signer: k.p521[0]}},
		{jws.EdDSA, opaqueSigner{signer: k.ed25519[0]}},
	} {
		s, err := jws.NewSigner(c.alg, c.key)
		if err != nil {
			t.Fatalf("NewSigner(%s, opaque) = %v", c.alg, err)
		}
		signers[string(c.alg)+"/NewSigner"] = s
	}
	others := []jws.Signer{}
	for _, p := range allPrimitives(t) {
		others = append(others, p.other)
	}
	for name, s := range signers {
		t.Run(name, func(t *testing.T) {
			v := s.Verifier()
			if v == nil {
				t.Fatal("Verifier() = nil")
			}
			if v.Algorithm() != s.Algorithm() {
				t.Fatalf("Verifier().Algorithm() = %s, want %s", v.Algorithm(), s.Algorithm())
			}
			if h, ok := s.(*jws.HMAC); ok && v != jws.Verifier(h) {
				t.Errorf("HMAC.Verifier() = %p, want the HMAC itself %p", v, h)
			}
			token, err := jws.Sign(s, jws.Header{}, []byte("payload"))
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := jws.Verify(v, token); err != nil {
				t.Errorf("Verify(own token) = %v", err)
			}
			for _, o := range others {
				if o.Algorithm() == s.Algorithm() {
					continue
				}
				tok, err := jws.Sign(o, jws.Header{}, []byte("payload"))
				if err != nil {
					t.Fatal(err)
				}
				if _, _, err := jws.Verify(v, tok); !errors.Is(err, jws.ErrAlgorithmMismatch) {
					t.Errorf("Verify(%s token) = %v, want ErrAlgorithmMismatch", o.Algorithm(), err)
				}
			}
		})
	}
}
