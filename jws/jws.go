package jws

import (
	"errors"
	"fmt"
)

// Algorithm is a JWS signature algorithm name as it appears in the "alg"
// header parameter (RFC 7518 §3.1, RFC 8037 §3.1, RFC 9864, RFC 9964).
//
// signet has no "none" algorithm: there is no constant for it, no
// constructor accepts it, and verification refuses it.
type Algorithm string

// The JWS algorithms signet implements.
const (
	HS256 Algorithm = "HS256" // HMAC using SHA-256 (RFC 7518 §3.2)
	HS384 Algorithm = "HS384" // HMAC using SHA-384 (RFC 7518 §3.2)
	HS512 Algorithm = "HS512" // HMAC using SHA-512 (RFC 7518 §3.2)
	RS256 Algorithm = "RS256" // RSASSA-PKCS1-v1_5 using SHA-256 (RFC 7518 §3.3)
	RS384 Algorithm = "RS384" // RSASSA-PKCS1-v1_5 using SHA-384 (RFC 7518 §3.3)
	RS512 Algorithm = "RS512" // RSASSA-PKCS1-v1_5 using SHA-512 (RFC 7518 §3.3)
	PS256 Algorithm = "PS256" // RSASSA-PSS using SHA-256 and MGF1 with SHA-256 (RFC 7518 §3.5)
	PS384 Algorithm = "PS384" // RSASSA-PSS using SHA-384 and MGF1 with SHA-384 (RFC 7518 §3.5)
	PS512 Algorithm = "PS512" // RSASSA-PSS using SHA-512 and MGF1 with SHA-512 (RFC 7518 §3.5)
	ES256 Algorithm = "ES256" // ECDSA using P-256 and SHA-256 (RFC 7518 §3.4)
	ES384 Algorithm = "ES384" // ECDSA using P-384 and SHA-384 (RFC 7518 §3.4)
	ES512 Algorithm = "ES512" // ECDSA using P-521 and SHA-512 (RFC 7518 §3.4)
	EdDSA Algorithm = "EdDSA" // Ed25519 signatures under the polymorphic name of RFC 8037 §3.1, deprecated by RFC 9864
	// Ed25519 is the fully specified name of Ed25519 signatures (RFC 9864
	// §2.2). New deployments should prefer it to EdDSA: the two verify the
	// same signatures, but a Verifier accepts only the name it was built
	// for.
	Ed25519 Algorithm = "Ed25519"
	// ML-DSA (FIPS 204) with the parameter sets of RFC 9964. They need
	// signet built with Go 1.27 or later, whose standard library has
	// crypto/mldsa; built with an earlier Go, every constructor refuses
	// them with ErrUnsupportedAlgorithm. The constants exist on every Go
	// release so that code naming them builds everywhere.
	MLDSA44 Algorithm = "ML-DSA-44" // ML-DSA-44, NIST security category 2 (RFC 9964)
	MLDSA65 Algorithm = "ML-DSA-65" // ML-DSA-65, NIST security category 3 (RFC 9964)
	MLDSA87 Algorithm = "ML-DSA-87" // ML-DSA-87, NIST security category 5 (RFC 9964)
)

// A Signer produces JWS signatures with one algorithm and one key, fixed
// when the Signer is built. Implementations are safe for concurrent use.
//
// The package's signers are safe to use as nil or zero values, which hold
// no key: their Algorithm returns "" and [Sign] refuses them with an error
// wrapping [ErrInvalidKey]. Another implementation should do the same.
type Signer interface {
	// Algorithm returns the algorithm the Signer signs with; Sign writes
	// it into the header's "alg". It returns "" only for a Signer that
	// holds no key, which Sign refuses with an error wrapping
	// [ErrInvalidKey].
	Algorithm() Algorithm
	// AppendSignature appends the signature of signingInput to dst and
	// returns the extended buffer, or nil and an error.
	//
	// AppendSignature must not modify signingInput, and must not retain
	// dst, signingInput or the returned buffer after it returns: they may
	// share memory with the token that [Sign] returns as an immutable
	// string. (Sign copies the token out of the buffer when the Signer is
	// not one of this package's, which never retain it.)
	AppendSignature(dst, signingInput []byte) ([]byte, error)
	// Verifier returns the Verifier that checks the Signer's signatures,
	// bound to the same algorithm: the public half of an asymmetric key,
	// to publish or to check a signature just made, or for an [HMAC] the
	// HMAC itself.
	Verifier() Verifier
}

// A Verifier checks JWS signatures with one algorithm and one key, fixed
// when the Verifier is built. Implementations are safe for concurrent use.
//
// The package's verifiers are safe to use as nil or zero values, which
// hold no key: their Algorithm returns "", [Verify] refuses them with an
// error wrapping [ErrInvalidKey], and [VerifyKeyed] treats one that a
// [Resolver] returns as no key ([ErrKeyNotFound]). Another implementation
// should do the same.
type Verifier interface {
	// Algorithm returns the only algorithm the Verifier accepts; a token
	// whose "alg" differs is refused before the signature is checked. It
	// returns "" only for a Verifier that holds no key, which verifies
	// nothing.
	Algorithm() Algorithm
	// VerifySignature returns nil if signature is a valid signature of
	// signingInput, and an error wrapping ErrInvalidSignature otherwise.
	VerifySignature(signingInput, signature []byte) error
}

// Errors returned by this package, usable with [errors.Is]. Returned errors
// wrap these with context; signature failures stay deliberately vague.
// Package jwk has no sentinels of its own: its errors wrap these too.
var (
	// ErrMalformed reports input that is not well formed: a token that is
	// not a compact JWS (wrong number of parts, bad base64url, bad JSON, a
	// missing or mistyped header parameter, an unsupported "crit"), a
	// Header that Sign cannot encode, a JWK or JWK Set whose JSON or
	// members are wrong, or PEM data that is not one well-formed block.
	ErrMalformed = errors.New("jws: malformed input")
	// ErrUnsupportedAlgorithm reports an algorithm signet does not
	// implement, or one a constructor cannot use with the given key type.
	ErrUnsupportedAlgorithm = errors.New("jws: unsupported algorithm")
	// ErrAlgorithmMismatch reports a token whose "alg" differs from the
	// Verifier's algorithm, or a Header.Algorithm that differs from the
	// Signer's.
	ErrAlgorithmMismatch = errors.New("jws: algorithm mismatch")
	// ErrInvalidKey reports a key that does not suit the algorithm: too
	// short, the wrong curve, the wrong size, inconsistent private and
	// public parts, or a JWK whose "use" or "key_ops" excludes signatures.
	ErrInvalidKey = errors.New("jws: invalid key")
	// ErrInvalidSignature reports a signature that does not verify.
	ErrInvalidSignature = errors.New("jws: invalid signature")
	// ErrTooLarge reports a token larger than the size cap.
	ErrTooLarge = errors.New("jws: token too large")
	// ErrKeyNotFound reports that no key is known for the token's "kid",
	// or that the [Resolver] could not find one (a JWK Set that could not
	// be fetched, say).
	ErrKeyNotFound = errors.New("jws: key not found")
)

// errUnusable returns the error of a method called on a nil or zero value
// of the key type typ, which only the constructor ctor builds.
func errUnusable(typ, ctor string) error {
	return fmt.Errorf("%w: a nil or zero %s holds no key: build it with %s", ErrInvalidKey, typ, ctor)
}
