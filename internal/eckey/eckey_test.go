// The tests build keys through the deprecated X, Y and D fields on
// purpose: those are the keys the package guards against.
//
//lint:file-ignore SA1019 invalid keys can only be built through the deprecated fields

package eckey_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"math/big"
	"testing"

	"github.com/signet-go/signet/internal/eckey"
)

func TestPointAndScalar(t *testing.T) {
	for _, curve := range []elliptic.Curve{elliptic.P224(), elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		t.Run(curve.Params().Name, func(t *testing.T) {
			priv, err := ecdsa.GenerateKey(curve, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			wantPoint, err := priv.PublicKey.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			wantScalar, err := priv.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			// The curve's Params() as the key's Curve reads the same.
			params := *priv
			params.Curve = curve.Params()
			for _, k := range []*ecdsa.PrivateKey{priv, &params} {
				p, err := eckey.Point(&k.PublicKey, curve)
				if err != nil || !bytes.Equal(p, wantPoint) {
					t.Errorf("Point(Curve %T) = %x, %v; want %x", k.Curve, p, err, wantPoint)
				}
				d, err := eckey.Scalar(k, curve)
				if err != nil || !bytes.Equal(d, wantScalar) {
					t.Errorf("Scalar(Curve %T) = %x, %v; want %x", k.Curve, d, err, wantScalar)
				}
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub := priv.PublicKey
	n := elliptic.P256().Params().N
	publics := []struct {
		name string
		key  ecdsa.PublicKey
		nil  bool
	}{
		{"nil X", ecdsa.PublicKey{Curve: pub.Curve, Y: pub.Y}, true},
		{"nil Y", ecdsa.PublicKey{Curve: pub.Curve, X: pub.X}, true},
		{"off the curve", ecdsa.PublicKey{Curve: pub.Curve, X: pub.X, Y: new(big.Int).Add(pub.Y, big.NewInt(1))}, false},
		{"point at infinity", ecdsa.PublicKey{Curve: pub.Curve, X: new(big.Int), Y: new(big.Int)}, false},
		{"negative X", ecdsa.PublicKey{Curve: pub.Curve, X: new(big.Int).Neg(pub.X), Y: pub.Y}, false},
	}
	for _, tt := range publics {
		t.Run(tt.name, func(t *testing.T) {
			p, err := eckey.Point(&tt.key, elliptic.P256())
			if err == nil || p != nil || errors.Is(err, eckey.ErrNil) != tt.nil {
				t.Errorf("Point = %x, %v; want nil and an error (ErrNil: %v)", p, err, tt.nil)
			}
			d, err := eckey.Scalar(&ecdsa.PrivateKey{PublicKey: tt.key, D: priv.D}, elliptic.P256())
			if err == nil || d != nil || errors.Is(err, eckey.ErrNil) != tt.nil {
				t.Errorf("Scalar = %x, %v; want nil and an error (ErrNil: %v)", d, err, tt.nil)
			}
		})
	}
	scalars := []struct {
		name string
		d    *big.Int
		nil  bool
	}{
		{"nil", nil, true},
		{"zero", new(big.Int), false},
		{"negative", new(big.Int).Neg(priv.D), false},
		{"n", n, false},
		{"n+1", new(big.Int).Add(n, big.NewInt(1)), false},
	}
	for _, tt := range scalars {
		t.Run("scalar "+tt.name, func(t *testing.T) {
			d, err := eckey.Scalar(&ecdsa.PrivateKey{PublicKey: pub, D: tt.d}, elliptic.P256())
			if err == nil || d != nil || errors.Is(err, eckey.ErrNil) != tt.nil {
				t.Errorf("Scalar = %x, %v; want nil and an error (ErrNil: %v)", d, err, tt.nil)
			}
		})
	}
}
