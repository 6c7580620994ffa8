package jws_test

import (
	"crypto"
	"crypto/ed25519"
	"io"
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
)

// retainingSigner is a Signer of another package that breaks the rule of
// Signer's doc: it keeps the buffers AppendSignature is given, and scribbles
// over them later (as a Signer that reuses memory it was handed would).
type retainingSigner struct {
	jws.Signer // the HMAC that signs
	kept       *[][]byte
}

func (r retainingSigner) AppendSignature(dst, signingInput []byte) ([]byte, error) {
	out, err := r.Signer.AppendSignature(dst, signingInput)
	*r.kept = append(*r.kept, out, signingInput)
	return out, err
}

// retainingKMS is a crypto.Signer (an Ed25519 key in a KMS) that keeps
// the message it is asked to sign and scribbles over it later.
type retainingKMS struct {
	key  ed25519.PrivateKey
	kept *[][]byte
}

func (r retainingKMS) Public() crypto.PublicKey { return r.key.Public() }

func (r retainingKMS) Sign(rand io.Reader, msg []byte, opts crypto.SignerOpts) ([]byte, error) {
	*r.kept = append(*r.kept, msg)
	return r.key.Sign(rand, msg, opts)
}

// TestSignCopiesForeignBuffers checks that the string Sign returns does not
// share memory with a buffer that code outside the package was handed and
// kept: overwriting every kept buffer after Sign returns leaves the token
// unchanged, and the token still verifies.
func TestSignCopiesForeignBuffers(t *testing.T) {
	k := keys(t)
	payload := []byte(`{"sub":"user-42"}`)
	for _, c := range []struct {
		name     string
		signer   func(kept *[][]byte) jws.Signer
		verifier jws.Verifier
	}{
		{"a Signer of another package", func(kept *[][]byte) jws.Signer {
			return retainingSigner{Signer: k.hmac, kept: kept}
		}, k.hmac},
		{"NewSigner over an Ed25519 crypto.Signer", func(kept *[][]byte) jws.Signer {
			s, err := jws.NewSigner(jws.EdDSA, retainingKMS{key: k.ed25519, kept: kept})
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, mustEd25519Verifier(t, k.ed25519)},
	} {
		t.Run(c.name, func(t *testing.T) {
			var kept [][]byte
			tok, err := jws.Sign(c.signer(&kept), jws.Header{}, payload)
			if err != nil {
				t.Fatal(err)
			}
			if len(kept) == 0 {
				t.Fatal("the signer kept nothing: the test tests nothing")
			}
			want := strings.Clone(tok)
			for _, b := range kept {
				for i := range b {
					b[i] = 'X'
				}
			}
			if tok != want {
				t.Fatalf("the token changed when the signer's kept buffers did:\n got %q\nwant %q", tok, want)
			}
			if _, p, err := jws.Verify(c.verifier, tok); err != nil || string(p) != string(payload) {
				t.Errorf("Verify = %q, %v", p, err)
			}
		})
	}
}

func mustEd25519Verifier(t *testing.T, k ed25519.PrivateKey) jws.Verifier {
	t.Helper()
	v, err := jws.NewEd25519Verifier(k.Public().(ed25519.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
