//go:build go1.27

package jws

import "crypto/mldsa"

// MLDSAVerifierKey returns the public key v, an *MLDSAVerifier, verifies
// with, for the tests.
func MLDSAVerifierKey(v Verifier) *mldsa.PublicKey { return v.(*MLDSAVerifier).key }
