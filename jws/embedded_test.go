package jws_test

import (
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
)

// embeddingScribbler is a Verifier of another package that embeds the
// package's own *HMAC, so it has the HMAC's unexported methods, and
// overrides VerifySignature to write over its arguments. Verify must give
// it a copy of the signing input all the same.
type embeddingScribbler struct {
	*jws.HMAC
}

func (s embeddingScribbler) VerifySignature(in, sig []byte) error {
	err := s.HMAC.VerifySignature(in, sig)
	for i := range in {
		in[i] = 'X'
	}
	return err
}

// embeddingRetainer is a Signer of another package that embeds the
// package's own *HMAC and overrides AppendSignature to keep the buffers it
// is given. Sign must copy its token out of them all the same.
type embeddingRetainer struct {
	*jws.HMAC
	kept *[][]byte
}

func (r embeddingRetainer) AppendSignature(dst, signingInput []byte) ([]byte, error) {
	out, err := r.HMAC.AppendSignature(dst, signingInput)
	*r.kept = append(*r.kept, out, signingInput)
	return out, err
}

// TestEmbeddingForeignTypesGetCopies checks that a type of another package
// that embeds one of the package's keys and overrides its method is
// treated as foreign: its Verifier gets a copy of the token's bytes (the
// heap-allocated token does not change when it writes over them), and the
// token Sign returns shares no memory with the buffers its Signer kept.
func TestEmbeddingForeignTypesGetCopies(t *testing.T) {
	k, err := jws.NewHMAC(jws.HS256, []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Verify", func(t *testing.T) {
		tok := strings.Clone(constToken) // on the heap, so writing to it does not fault
		if _, _, err := jws.Verify(embeddingScribbler{k}, tok); err != nil {
			t.Fatalf("Verify = %v", err)
		}
		if tok != constToken {
			t.Errorf("the token changed under the Verifier: %q", tok)
		}
	})
	t.Run("Sign", func(t *testing.T) {
		var kept [][]byte
		tok, err := jws.Sign(embeddingRetainer{k, &kept}, jws.Header{}, []byte(`{"sub":"ada"}`))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Clone(tok)
		for _, b := range kept {
			for i := range b[:cap(b)] {
				b[:cap(b)][i] = 'X'
			}
		}
		if tok != want {
			t.Errorf("the token changed when the Signer wrote to the buffers it kept: %q", tok)
		}
	})
}
