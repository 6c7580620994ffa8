//go:build !go1.27

package jws_test

import (
	"errors"
	"testing"

	"github.com/signet-go/signet/jws"
)

// mldsaAlgorithms is empty: this build does not implement ML-DSA.
var mldsaAlgorithms []jws.Algorithm

// mldsaUnavailable lists the ML-DSA algorithms, which every constructor
// must refuse with ErrUnsupportedAlgorithm in this build.
var mldsaUnavailable = []jws.Algorithm{jws.MLDSA44, jws.MLDSA65, jws.MLDSA87}

func mldsaPrimitives(testing.TB) []primitive        { return nil }
func mldsaConstructors(*testing.T) []algConstructor { return nil }

// TestMLDSAUnavailable checks that, built before Go 1.27, every
// constructor refuses the ML-DSA algorithms with ErrUnsupportedAlgorithm
// and says why, and that Verify refuses an ML-DSA token.
func TestMLDSAUnavailable(t *testing.T) {
	k := primKeys(t)
	ed, err := jws.NewSigner(jws.Ed25519, k.ed25519[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, alg := range mldsaUnavailable {
		for name, build := range map[string]func() (any, error){
			"NewSigner":         func() (any, error) { return jws.NewSigner(alg, k.ed25519[0]) },
			"NewSigner(opaque)": func() (any, error) { return jws.NewSigner(alg, opaqueSigner{signer: k.ed25519[0]}) },
			"NewVerifier":       func() (any, error) { return jws.NewVerifier(alg, k.ed25519[0].Public()) },
			"NewHMAC":           func() (any, error) { return jws.NewHMAC(alg, make([]byte, 64)) },
			"NewRSAVerifier":    func() (any, error) { return jws.NewRSAVerifier(alg, &k.rsa[0].PublicKey) },
			"NewECDSAVerifier":  func() (any, error) { return jws.NewECDSAVerifier(alg, &k.p256[0].PublicKey) },
		} {
			t.Run(string(alg)+"/"+name, func(t *testing.T) {
				got, err := build()
				checkRefused(t, got, err, jws.ErrUnsupportedAlgorithm, string(alg)+" needs signet built with Go 1.27 or later")
			})
		}
		t.Run(string(alg)+"/Verify", func(t *testing.T) {
			tok := rawToken(t, ed, `{"alg":"`+string(alg)+`"}`, "payload")
			if _, _, err := jws.Verify(publicVerifier(t, ed), tok); !errors.Is(err, jws.ErrAlgorithmMismatch) {
				t.Errorf("Verify(%s token) = %v, want ErrAlgorithmMismatch", alg, err)
			}
		})
	}
}

func mldsaZeroSigners() []jws.Signer     { return nil }
func mldsaZeroVerifiers() []jws.Verifier { return nil }
