//go:debug rsa1024min=0

package testkeys_test

import (
	"crypto/elliptic"
	"testing"

	"github.com/signet-go/signet/internal/testkeys"
)

// TestKeys checks that every key parses, has the size its name says, and
// differs from its sibling, and that each call returns a copy of its own.
func TestKeys(t *testing.T) {
	for i, bits := range map[int]int{0: 2048, 1: 2048} {
		k := testkeys.RSA(i)
		if err := k.Validate(); err != nil || k.N.BitLen() != bits {
			t.Errorf("RSA(%d): %d bits, Validate = %v; want %d bits", i, k.N.BitLen(), err, bits)
		}
	}
	if testkeys.RSA(0).Equal(testkeys.RSA(1)) {
		t.Error("RSA(0) and RSA(1) are the same key")
	}
	if k := testkeys.RSA1024(); k.N.BitLen() != 1024 {
		t.Errorf("RSA1024: %d bits", k.N.BitLen())
	}
	for _, bits := range []int{768, 769, 1024, 2048, 2049} {
		k := testkeys.RSASize(bits)
		if err := k.Validate(); err != nil || k.N.BitLen() != bits {
			t.Errorf("RSASize(%d): %d bits, Validate = %v", bits, k.N.BitLen(), err)
		}
	}
	for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		a, b := testkeys.ECDSA(c, 0), testkeys.ECDSA(c, 1)
		if a.Curve != c || b.Curve != c || a.Equal(b) {
			t.Errorf("ECDSA(%s, 0 and 1): curves %s and %s, equal: %v", c.Params().Name, a.Params().Name, b.Params().Name, a.Equal(b))
		}
	}
	if k := testkeys.ECDSA(elliptic.P224(), 0); k.Curve != elliptic.P224() {
		t.Errorf("ECDSA(P-224, 0) is on %s", k.Params().Name)
	}
	if testkeys.Ed25519(0).Equal(testkeys.Ed25519(1)) {
		t.Error("Ed25519(0) and Ed25519(1) are the same key")
	}
	a, b := testkeys.Ed25519(0), testkeys.Ed25519(0)
	a[0] ^= 1
	if a.Equal(b) {
		t.Error("Ed25519(0) returned the same slice twice")
	}
}

func TestMissingKeysPanic(t *testing.T) {
	for name, f := range map[string]func(){
		"RSA(2)":           func() { testkeys.RSA(2) },
		"ECDSA(P-224, 1)":  func() { testkeys.ECDSA(elliptic.P224(), 1) },
		"ECDSA(Params, 0)": func() { testkeys.ECDSA(elliptic.P256().Params(), 0) },
		"Ed25519(-1)":      func() { testkeys.Ed25519(-1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}
