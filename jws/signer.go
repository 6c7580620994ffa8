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
//   - an [ed25519.PublicKey] serves EdDSA. key.Sign is called with the
//     signing input itself and crypto.Hash(0).
//
// HS256, HS384 and HS512 need the secret itself: use [NewHMAC].
//
// The Signer NewSigner returns is an *[RSASigner], an *[ECDSASigner] or an
// *[Ed25519Signer], according to key.Public(); its Verifier method returns
// the Verifier of the public key for the same algorithm, with no type
// switch:
//
//	signer, err := jws.NewSigner(jws.ES256, kmsKey)
//	if err != nil {
//		return err
//	}
//	verifier := signer.Verifier() // publish it, or check a signature just made
//
// If key is an *[rsa.PrivateKey], an *[ecdsa.PrivateKey] or an
// [ed25519.PrivateKey], NewSigner is [NewRSASigner], [NewECDSASigner] or
// [NewEd25519Signer], which also check the private key. For any other key
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
		if alg != EdDSA {
			return nil, mismatchedKey(alg, "an Ed25519 key")
		}
		return nonNil(NewEd25519Signer(k))
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
		if alg != EdDSA {
			return nil, mismatchedKey(alg, "an Ed25519 key")
		}
		v, err := NewEd25519Verifier(pub)
		if err != nil {
			return nil, err
		}
		return &Ed25519Signer{key: key, verifier: v}, nil
	case nil:
		return nil, fmt.Errorf("%w: the crypto.Signer's Public method returned nil", ErrInvalidKey)
	default:
		return nil, fmt.Errorf("%w: NewSigner takes RSA, ECDSA and Ed25519 keys, not %T", ErrInvalidKey, pub)
	}
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
