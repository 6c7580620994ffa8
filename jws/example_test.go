package jws_test

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"

	"github.com/signet-go/signet/jws"
)

// Sign and verify with HS256. The key fixes the algorithm: the Verifier
// refuses a token whose header names any other.
func Example_hS256() {
	key := []byte("a demo key of at least 32 bytes!") // use 32 random bytes in production
	h, err := jws.NewHMAC(jws.HS256, key)
	if err != nil {
		panic(err)
	}
	token, err := jws.Sign(h, jws.Header{Type: "JWT"}, []byte(`{"sub":"ada"}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(token)

	header, payload, err := jws.Verify(h, token)
	if err != nil {
		panic(err)
	}
	fmt.Println(header.Algorithm, header.Type, string(payload))
	// Output:
	// eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEifQ.hBzwm1y3I3TQ0lkslfT8GhnCM_GWG36dwbCmBcQgCf4
	// HS256 JWT {"sub":"ada"}
}

// Sign with an RSA private key and verify with its public half.
func Example_rS256() {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	signer, err := jws.NewRSASigner(jws.RS256, priv)
	if err != nil {
		panic(err)
	}
	token, err := jws.Sign(signer, jws.Header{KeyID: "2026-11"}, []byte("hello"))
	if err != nil {
		panic(err)
	}

	// The verifying side holds only the public key.
	verifier, err := jws.NewRSAVerifier(jws.RS256, &priv.PublicKey)
	if err != nil {
		panic(err)
	}
	header, payload, err := jws.Verify(verifier, token)
	if err != nil {
		panic(err)
	}
	fmt.Println(header.Algorithm, header.KeyID, string(payload))

	// A token that names another algorithm is refused before any
	// signature check.
	hmacKey, _ := jws.NewHMAC(jws.HS256, make([]byte, 32))
	forged, _ := jws.Sign(hmacKey, jws.Header{}, []byte("hello"))
	_, _, err = jws.Verify(verifier, forged)
	fmt.Println(err)
	// Output:
	// RS256 2026-11 hello
	// jws: algorithm mismatch: token has "HS256", verifier expects "RS256"
}

// VerifyKeyed finds the key by the token's "kid", as a service does while
// it rotates keys. The lookup sees only the kid.
func ExampleVerifyKeyed() {
	oldKey, _ := jws.NewHMAC(jws.HS256, []byte("the key used until November 2026"))
	newKey, _ := jws.NewHMAC(jws.HS256, []byte("the key used from November 2026!"))
	keys := map[string]jws.Verifier{"2026-10": oldKey, "2026-11": newKey}
	lookup := func(kid string) (jws.Verifier, error) {
		if v, ok := keys[kid]; ok {
			return v, nil
		}
		return nil, fmt.Errorf("%w: %q", jws.ErrKeyNotFound, kid)
	}

	for _, t := range []struct {
		kid string
		key *jws.HMAC
	}{{"2026-10", oldKey}, {"2026-11", newKey}, {"2026-09", oldKey}} {
		token, _ := jws.Sign(t.key, jws.Header{KeyID: t.kid}, []byte("payload"))
		header, payload, err := jws.VerifyKeyed(lookup, token)
		if err != nil {
			fmt.Println(t.kid, "refused:", err)
			continue
		}
		fmt.Println(header.KeyID, string(payload))
	}
	// Output:
	// 2026-10 payload
	// 2026-11 payload
	// 2026-09 refused: jws: key not found: "2026-09"
}

// ParseUnverified is for tools that display tokens. Never trust its result.
func ExampleParseUnverified() {
	token := "eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhZGEifQ.bm90IGEgcmVhbCBzaWduYXR1cmU"
	header, payload, err := jws.ParseUnverified(token)
	if err != nil {
		panic(err)
	}
	fmt.Println(header.Algorithm, header.KeyID, string(payload))
	// Output:
	// HS256 k1 {"sub":"ada"}
}

// One errors.Is switch sorts every failure.
func Example_errors() {
	h, _ := jws.NewHMAC(jws.HS256, make([]byte, 32))
	for _, token := range []string{
		"not-a-token",
		"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEifQ.",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.AAAA",
	} {
		_, _, err := jws.Verify(h, token)
		switch {
		case errors.Is(err, jws.ErrMalformed):
			fmt.Println("malformed:", err)
		case errors.Is(err, jws.ErrAlgorithmMismatch):
			fmt.Println("wrong algorithm:", err)
		case errors.Is(err, jws.ErrInvalidSignature):
			fmt.Println("forged or corrupted:", err)
		}
	}
	// Output:
	// malformed: jws: malformed input: no '.' separates header and payload
	// wrong algorithm: jws: algorithm mismatch: token has "none", verifier expects "HS256"
	// forged or corrupted: jws: invalid signature: HS256 signature must be 32 bytes, got 3
}
