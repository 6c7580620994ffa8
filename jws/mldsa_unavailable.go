//go:build !go1.27

package jws

import "crypto"

// mldsaAvailable reports whether this build implements ML-DSA: it does
// not before Go 1.27, whose standard library is the first with
// crypto/mldsa. MLDSA44, MLDSA65 and MLDSA87 are then refused with
// ErrUnsupportedAlgorithm.
const mldsaAvailable = false

// keyFamilies names the key families NewSigner and NewVerifier take.
const keyFamilies = "RSA, ECDSA and Ed25519"

// mldsaPrivateSigner reports ok false: no key is an ML-DSA key here.
func mldsaPrivateSigner(Algorithm, crypto.Signer) (s Signer, ok bool, err error) {
	return nil, false, nil
}

// mldsaOpaqueSigner reports ok false: no key is an ML-DSA key here.
func mldsaOpaqueSigner(Algorithm, crypto.Signer, crypto.PublicKey) (s Signer, ok bool, err error) {
	return nil, false, nil
}

// mldsaVerifierFor reports ok false: no key is an ML-DSA key here.
func mldsaVerifierFor(string, Algorithm, crypto.PublicKey) (v Verifier, ok bool, err error) {
	return nil, false, nil
}
