package jwk_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// TestEd25519AlgJWK checks JWKs whose "alg" is Ed25519 (RFC 9864): they
// parse, their Verifier accepts only "Ed25519" tokens and their Signer
// reproduces testdata/ed25519-alg's token (RFC 8037's A.1 key, the same
// key as fxOKPPrivate); a JWK with "alg":"EdDSA" refuses the Ed25519
// token, and NewKey writes "alg":"Ed25519".
func TestEd25519AlgJWK(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/ed25519-alg/ed25519.json")
	if err != nil {
		t.Fatal(err)
	}
	var vec struct {
		PayloadRaw string `json:"payload_raw"`
		Token      string `json:"token"`
	}
	if err := json.Unmarshal(raw, &vec); err != nil {
		t.Fatal(err)
	}
	const eddsaToken = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc." +
		"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg" // RFC 8037 A.4

	priv := mustParseKey(t, withMembers(fxOKPPrivate, `"alg":"Ed25519"`))
	if priv.Algorithm() != jws.Ed25519 {
		t.Fatalf("Algorithm() = %q, want Ed25519", priv.Algorithm())
	}
	s, err := priv.Signer()
	if err != nil || s.Algorithm() != jws.Ed25519 {
		t.Fatalf("Signer() = %v, %v; want an Ed25519 signer", s, err)
	}
	tok, err := jws.Sign(s, jws.Header{}, []byte(vec.PayloadRaw))
	if err != nil || tok != vec.Token {
		t.Errorf("Sign = %q, %v; want the vector's %q", tok, err, vec.Token)
	}
	pub := mustParseKey(t, withMembers(fxOKPPublic, `"alg":"Ed25519"`))
	v, err := pub.Verifier()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := jws.Verify(v, vec.Token); err != nil {
		t.Errorf("Ed25519 JWK Verify(Ed25519 token) = %v", err)
	}
	if _, _, err := jws.Verify(v, eddsaToken); !errors.Is(err, jws.ErrAlgorithmMismatch) {
		t.Errorf("Ed25519 JWK Verify(EdDSA token) = %v, want ErrAlgorithmMismatch", err)
	}
	if _, err := pub.VerifierFor(jws.EdDSA); !errors.Is(err, jws.ErrAlgorithmMismatch) {
		t.Errorf("Ed25519 JWK VerifierFor(EdDSA) = %v, want ErrAlgorithmMismatch", err)
	}
	old, err := mustParseKey(t, withMembers(fxOKPPublic, `"alg":"EdDSA"`)).Verifier()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := jws.Verify(old, vec.Token); !errors.Is(err, jws.ErrAlgorithmMismatch) {
		t.Errorf("EdDSA JWK Verify(Ed25519 token) = %v, want ErrAlgorithmMismatch", err)
	}
	// A JWK without "alg" serves both names, each through its own Verifier.
	set, err := jwk.ParseSet([]byte(`{"keys":[` + fxOKPPublic + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{vec.Token, eddsaToken} {
		if _, _, err := jws.VerifyKeyed(t.Context(), set, tok); err != nil {
			t.Errorf("VerifyKeyed(set without alg, %.20s…) = %v", tok, err)
		}
	}
	// "Ed25519" on a key of another type is refused.
	if _, err := jwk.ParseKey([]byte(withMembers(fxOct, `"alg":"Ed25519"`))); !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf("ParseKey(oct with alg Ed25519) = %v, want ErrInvalidKey", err)
	}
	k, err := jwk.NewKey(priv.CryptoKey(), jws.Ed25519, "k")
	if err != nil {
		t.Fatal(err)
	}
	b, err := k.MarshalPrivate()
	if err != nil || !strings.Contains(string(b), `"alg":"Ed25519"`) {
		t.Errorf("NewKey(…, Ed25519, …).MarshalPrivate() = %s, %v", b, err)
	}
}
