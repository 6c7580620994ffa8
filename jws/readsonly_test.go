package jws_test

import (
	"errors"
	"testing"

	"github.com/signet-go/signet/jws"
)

// scribbler is a Verifier of another package that writes over its
// arguments, which it must not do: Verify must have given it a copy of the
// signing input, never the token's own bytes.
type scribbler struct {
	inner jws.Verifier
}

func (s scribbler) Algorithm() jws.Algorithm { return s.inner.Algorithm() }

func (s scribbler) VerifySignature(in, sig []byte) error {
	err := s.inner.VerifySignature(in, sig)
	for i := range in {
		in[i] = 'X'
	}
	return err
}

// TestForeignVerifierGetsACopy verifies a token held in a constant, whose
// bytes are read-only memory, through a Verifier that writes over the
// signing input: it must get a copy, and the token must not change.
func TestForeignVerifierGetsACopy(t *testing.T) {
	k, err := jws.NewHMAC(jws.HS256, []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jws.Sign(k, jws.Header{}, []byte(`{"sub":"ada"}`))
	if err != nil {
		t.Fatal(err)
	}
	if tok != constToken {
		t.Fatalf("the token is %s, update constToken", tok)
	}
	for range 2 {
		if _, payload, err := jws.Verify(scribbler{k}, constToken); err != nil || string(payload) != `{"sub":"ada"}` {
			t.Fatalf("Verify = %q, %v", payload, err)
		}
	}
	if _, _, err := jws.Verify(k, constToken); err != nil {
		t.Fatalf("the token changed: Verify = %v", err)
	}
	var bad scribbler
	bad.inner = k
	if _, _, err := jws.Verify(bad, constToken[:len(constToken)-1]+"A"); !errors.Is(err, jws.ErrInvalidSignature) {
		t.Errorf("Verify(altered) = %v, want ErrInvalidSignature", err)
	}
}

// constToken is {"sub":"ada"} signed with HS256 and the key above, with
// jws.Sign's default header.
const constToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.XZ9KL7ZohTLsRrkBsqXfZb33bIYCzMePxOf3oNBuE5Y"
