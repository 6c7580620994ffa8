package jws_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/signet-go/signet/jws"
)

// Sign and verify with HS256. The key fixes the algorithm: the Verifier
// refuses a token whose header names any other.
func ExampleSign() {
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
func ExampleNewRSASigner() {
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
// it rotates keys. The Resolver sees only the kid and the alg; for a JWK
// Set, use the jwk package's Set or Remote, which are Resolvers.
func ExampleVerifyKeyed() {
	oldKey, _ := jws.NewHMAC(jws.HS256, []byte("the key used until November 2026"))
	newKey, _ := jws.NewHMAC(jws.HS256, []byte("the key used from November 2026!"))
	keys := map[string][]jws.Verifier{"2026-10": {oldKey}, "2026-11": {newKey}}
	resolver := jws.ResolverFunc(func(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
		if vs, ok := keys[kid]; ok {
			return vs, nil
		}
		return nil, fmt.Errorf("%w: %.64q", jws.ErrKeyNotFound, kid) // bounded: kid is the token's
	})
	ctx := context.Background() // the request's context, in a service

	for _, t := range []struct {
		kid string
		key *jws.HMAC
	}{{"2026-10", oldKey}, {"2026-11", newKey}, {"2026-09", oldKey}} {
		token, _ := jws.Sign(t.key, jws.Header{KeyID: t.kid}, []byte("payload"))
		header, payload, err := jws.VerifyKeyed(ctx, resolver, token)
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

// A ResolverFunc wraps another Resolver, here to count the kids that were
// not found, as a service exports them as a metric. The keys the wrapped
// Resolver returns pass through unchanged, so the token's "alg" still picks
// among them.
func ExampleResolverFunc() {
	hs256, _ := jws.NewHMAC(jws.HS256, []byte("the HS256 key of kid 'a', 32 B.."))
	hs512, _ := jws.NewHMAC(jws.HS512, []byte("the HS512 key of kid 'a', which must be 64 bytes long, is this.."))
	keys := jws.ResolverFunc(func(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
		if kid == "a" {
			return []jws.Verifier{hs256, hs512}, nil // one kid, two algorithms
		}
		return nil, fmt.Errorf("%w: %.64q", jws.ErrKeyNotFound, kid) // bounded: kid is the token's
	})
	// Resolvers run concurrently, one call per request: count atomically.
	var notFound atomic.Int64
	counted := jws.ResolverFunc(func(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
		vs, err := keys.Resolve(ctx, kid, alg)
		if errors.Is(err, jws.ErrKeyNotFound) {
			notFound.Add(1)
		}
		return vs, err
	})

	ctx := context.Background()
	for _, t := range []struct {
		kid string
		key *jws.HMAC
	}{{"a", hs512}, {"a", hs256}, {"b", hs256}} {
		token, _ := jws.Sign(t.key, jws.Header{KeyID: t.kid}, []byte("hi"))
		h, payload, err := jws.VerifyKeyed(ctx, counted, token)
		if err != nil {
			fmt.Println("refused:", err)
			continue
		}
		fmt.Println(h.Algorithm, string(payload))
	}
	fmt.Println("not found:", notFound.Load())
	// Output:
	// HS512 hi
	// HS256 hi
	// refused: jws: key not found: "b"
	// not found: 1
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

// AppendSign writes into a buffer the caller reuses, allocating nothing
// when it has room.
func ExampleAppendSign() {
	h, err := jws.NewHMAC(jws.HS256, []byte("a demo key of at least 32 bytes!"))
	if err != nil {
		panic(err)
	}
	buf := make([]byte, 0, 512)
	for _, payload := range []string{"first", "second"} {
		buf, err = jws.AppendSign(buf[:0], h, jws.Header{}, []byte(payload))
		if err != nil {
			panic(err)
		}
		_, got, err := jws.Verify(h, string(buf))
		fmt.Println(string(got), err)
	}
	// Output:
	// first <nil>
	// second <nil>
}

// Limits raises (or lowers) the 64 KiB size cap for one call site.
func ExampleLimits() {
	h, _ := jws.NewHMAC(jws.HS256, []byte("a demo key of at least 32 bytes!"))
	token, _ := jws.Sign(h, jws.Header{}, make([]byte, 100_000))

	_, _, err := jws.Verify(h, token)
	fmt.Println(err)

	_, payload, err := jws.Limits{MaxSize: 256 << 10}.Verify(h, token)
	fmt.Println(len(payload), err)
	// Output:
	// jws: token too large: 133399 bytes, the limit is 65536
	// 100000 <nil>
}

// NewHMAC refuses a secret shorter than the hash output.
func ExampleNewHMAC() {
	_, err := jws.NewHMAC(jws.HS256, []byte("password123"))
	fmt.Println(errors.Is(err, jws.ErrInvalidKey))

	h, err := jws.NewHMAC(jws.HS512, make([]byte, 64)) // use 64 random bytes
	fmt.Println(h.Algorithm(), err)
	// Output:
	// true
	// HS512 <nil>
}

// An ECDSA key serves only the algorithm of its curve.
func ExampleNewECDSASigner() {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	_, err = jws.NewECDSASigner(jws.ES384, key)
	fmt.Println(errors.Is(err, jws.ErrInvalidKey))

	signer, err := jws.NewECDSASigner(jws.ES256, key)
	if err != nil {
		panic(err)
	}
	token, _ := jws.Sign(signer, jws.Header{}, []byte("hello"))
	_, payload, err := jws.Verify(signer.Verifier(), token)
	fmt.Println(string(payload), err)
	// Output:
	// true
	// hello <nil>
}

// Ed25519 signatures are deterministic: the same key and input give the
// same token. The key is RFC 8032 §7.1's TEST 1.
func ExampleNewEd25519Signer() {
	seed, _ := hex.DecodeString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	private := ed25519.NewKeyFromSeed(seed)
	signer, err := jws.NewEd25519Signer(private)
	if err != nil {
		panic(err)
	}
	token, _ := jws.Sign(signer, jws.Header{}, []byte("Example of Ed25519 signing"))
	fmt.Println(token) // RFC 8037 Appendix A.4

	verifier, err := jws.NewEd25519Verifier(private.Public().(ed25519.PublicKey))
	if err != nil {
		panic(err)
	}
	_, payload, err := jws.Verify(verifier, token)
	fmt.Println(string(payload), err)
	// Output:
	// eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg
	// Example of Ed25519 signing <nil>
}

// ExampleNewVerifier signs RFC 8037's example under the fully specified
// algorithm name Ed25519 of RFC 9864, which new deployments should prefer
// to EdDSA, and shows that the name is pinned: the verifier for Ed25519
// accepts the token and an EdDSA verifier of the same key refuses it.
func ExampleNewVerifier() {
	seed, _ := hex.DecodeString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	private := ed25519.NewKeyFromSeed(seed)
	signer, err := jws.NewSigner(jws.Ed25519, private)
	if err != nil {
		panic(err)
	}
	token, _ := jws.Sign(signer, jws.Header{}, []byte("Example of Ed25519 signing"))
	fmt.Println(token) // testdata/ed25519-alg

	public := private.Public()
	verifier, err := jws.NewVerifier(jws.Ed25519, public)
	if err != nil {
		panic(err)
	}
	_, payload, err := jws.Verify(verifier, token)
	fmt.Println(string(payload), err)

	eddsa, _ := jws.NewVerifier(jws.EdDSA, public)
	_, _, err = jws.Verify(eddsa, token)
	fmt.Println(errors.Is(err, jws.ErrAlgorithmMismatch))
	// Output:
	// eyJhbGciOiJFZDI1NTE5In0.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.UxhIYLHGg39NVCLpQAVD_UcfOmnGSCzLFZoXYkLiIbFccmOb_qObsgjzLKsfJw-4NlccUgvYrEHrRbNV0HcZAQ
	// Example of Ed25519 signing <nil>
	// true
}
