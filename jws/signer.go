package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"
)

// NewSigner returns a Signer for alg that signs with key, a [crypto.Signer]
// such as a key held in a KMS or an HSM. key.Public() decides the family,
// and the checks are those of the specific constructors:
//
//   - an *[rsa.PublicKey] serves RS256, RS384, RS512, PS256, PS384 and
//     PS512, with the same floors as [NewRSASigner]. key.Sign is called with
//     the SHA-2 digest and crypto.SHA256, crypto.SHA384 or crypto.SHA512,
//     or for PS* with an *[rsa.PSSOptions] whose SaltLength is
//     [rsa.PSSSaltLengthEqualsHash].
//   - an *[ecdsa.PublicKey] serves ES256, ES384 or ES512 on the matching
//     curve. key.Sign is called with the digest and its hash and must
//     return an ASN.1 DER signature, as [ecdsa.PrivateKey.Sign] does;
//     the Signer converts it to the R‖S of RFC 7518 §3.4.
//   - an [ed25519.PublicKey] serves EdDSA and Ed25519 (RFC 9864), the
//     same signatures under two names. key.Sign is called with the signing
//     input itself and crypto.Hash(0).
//   - with Go 1.27 or later, an ML-DSA public key (*mldsa.PublicKey)
//     serves the ML-DSA algorithm of its parameter set (RFC 9964): MLDSA44,
//     MLDSA65 or MLDSA87. key.Sign is called with the signing input itself
//     and an *mldsa.Options with an empty context. Built with an earlier
//     Go, NewSigner refuses those algorithms with [ErrUnsupportedAlgorithm].
//
// HS256, HS384 and HS512 need the secret itself: use [NewHMAC].
//
// The Signer NewSigner returns is an *[RSASigner], an *[ECDSASigner], an
// *[Ed25519Signer] or an *MLDSASigner, according to key.Public(); its
// Verifier method returns the Verifier of the public key for the same
// algorithm, with no type switch:
//
//	signer, err := jws.NewSigner(jws.ES256, kmsKey)
//	if err != nil {
//		return err
//	}
//	verifier := signer.Verifier() // publish it, or check a signature just made
//
// If key is an *[rsa.PrivateKey], an *[ecdsa.PrivateKey], an
// [ed25519.PrivateKey] or an *mldsa.PrivateKey, NewSigner is
// [NewRSASigner], [NewECDSASigner], [NewEd25519Signer] (with alg, EdDSA or
// Ed25519) or NewMLDSASigner, which also check the private key. For any
// other key
// NewSigner checks only key.Public(), calls key.Sign for every signature,
// and does not verify what key.Sign returns beyond its length and, for
// ECDSA, its encoding. key must be safe for concurrent use if the Signer is
// used concurrently.
func NewSigner(alg Algorithm, key crypto.Signer) (Signer, error) {
	const fn = "NewSigner"
	switch alg {
	case HS256, HS384, HS512:
		return nil, fmt.Errorf("%w: NewSigner does not take %s, whose key is a shared secret: use NewHMAC", ErrUnsupportedAlgorithm, alg)
	}
	if !alg.implemented() {
		return nil, unsupportedAlgorithm(fn, alg, "")
	}
	switch k := key.(type) {
	case nil:
		return nil, fmt.Errorf("%w: NewSigner needs a key, got nil", ErrInvalidKey)
	case *rsa.PrivateKey:
		if _, _, err := rsaParams(fn, alg); err != nil {
			return nil, mismatchedKey(alg, "an RSA key")
		}
		return nonNil(NewRSASigner(alg, k))
	case *ecdsa.PrivateKey:
		if _, _, err := ecdsaParams(fn, alg); err != nil {
			return nil, mismatchedKey(alg, "an ECDSA key")
		}
		return nonNil(NewECDSASigner(alg, k))
	case ed25519.PrivateKey:
		if !alg.isEd25519() {
			return nil, mismatchedKey(alg, "an Ed25519 key")
		}
		return nonNil(newEd25519Signer(alg, k))
	}
	if s, ok, err := mldsaPrivateSigner(alg, key); ok {
		return s, err
	}
	switch pub := key.Public().(type) {
	case *rsa.PublicKey:
		if _, _, err := rsaParams(fn, alg); err != nil {
			return nil, mismatchedKey(alg, "an RSA key")
		}
		return nonNil(newRSASigner(alg, key, pub))
	case *ecdsa.PublicKey:
		if _, _, err := ecdsaParams(fn, alg); err != nil {
			return nil, mismatchedKey(alg, "an ECDSA key")
		}
		v, err := newECDSAVerifier(fn, alg, pub)
		if err != nil {
			return nil, err
		}
		return &ECDSASigner{alg: alg, key: key, verifier: v}, nil
	case ed25519.PublicKey:
		if !alg.isEd25519() {
			return nil, mismatchedKey(alg, "an Ed25519 key")
		}
		v, err := newEd25519Verifier(alg, pub)
		if err != nil {
			return nil, err
		}
		return &Ed25519Signer{alg: alg, key: key, verifier: v}, nil
	case nil:
		return nil, fmt.Errorf("%w: the crypto.Signer's Public method returned nil", ErrInvalidKey)
	default:
		if s, ok, err := mldsaOpaqueSigner(alg, key, pub); ok {
			return s, err
		}
		return nil, fmt.Errorf("%w: NewSigner takes %s keys, not %T", ErrInvalidKey, keyFamilies, pub)
	}
}

// NewVerifier returns a Verifier for alg and the public key key, with the
// checks of the specific constructors:
//
//   - an *[rsa.PublicKey] serves RS256, RS384, RS512, PS256, PS384 and
//     PS512: [NewRSAVerifier].
//   - an *[ecdsa.PublicKey] serves ES256, ES384 or ES512 on the matching
//     curve: [NewECDSAVerifier].
//   - an [ed25519.PublicKey] serves EdDSA (RFC 8037) and Ed25519 (RFC
//     9864). The verifier accepts only the name alg gives, although the
//     signatures are the same: a verifier for Ed25519 refuses a token
//     whose "alg" is EdDSA, and the other way round. NewVerifier(EdDSA,
//     key) is [NewEd25519Verifier](key).
//   - with Go 1.27 or later, an *mldsa.PublicKey serves the ML-DSA
//     algorithm of its parameter set: NewMLDSAVerifier. Built with an
//     earlier Go, NewVerifier refuses ML-DSA algorithms with
//     [ErrUnsupportedAlgorithm].
//
// HS256, HS384 and HS512 need the secret itself: use [NewHMAC]. A key of
// another family than alg's is refused with [ErrUnsupportedAlgorithm], a
// key that is not one of these public keys (a private key among them) with
// [ErrInvalidKey].
//
// The Verifier NewVerifier returns is an *[RSAVerifier], an
// *[ECDSAVerifier], an *[Ed25519Verifier] or an *MLDSAVerifier.
func NewVerifier(alg Algorithm, key crypto.PublicKey) (Verifier, error) {
	const fn = "NewVerifier"
	switch alg {
	case HS256, HS384, HS512:
		return nil, fmt.Errorf("%w: NewVerifier does not take %s, whose key is a shared secret: use NewHMAC", ErrUnsupportedAlgorithm, alg)
	}
	if !alg.implemented() {
		return nil, unsupportedAlgorithm(fn, alg, "")
	}
	if key == nil {
		return nil, fmt.Errorf("%w: NewVerifier needs a key, got nil", ErrInvalidKey)
	}
	return newVerifier(fn, alg, key)
}

// mismatchedKey returns the error of NewSigner given an algorithm that
// keys of another family serve.
func mismatchedKey(alg Algorithm, key string) error {
	return fmt.Errorf("%w: %s cannot be used with %s", ErrUnsupportedAlgorithm, alg, key)
}

// nonNil returns s as a Signer, or a nil Signer (not a typed nil pointer)
// with err.
func nonNil[S Signer](s S, err error) (Signer, error) {
	if err != nil {
		return nil, err
	}
	return s, nil
}

// nonNilVerifier returns v as a Verifier, or a nil Verifier (not a typed nil
// pointer) with err.
func nonNilVerifier[V Verifier](v V, err error) (Verifier, error) {
	if err != nil {
		return nil, err
	}
	return v, nil
}
