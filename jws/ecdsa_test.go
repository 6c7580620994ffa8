// These tests build keys through the deprecated X, Y and D fields of
// crypto/ecdsa on purpose: callers still can, with values that the SEC 1
// encodings cannot express (nil, negative, unreduced, off the curve), and
// the constructors must refuse them.
//
//lint:file-ignore SA1019 invalid keys can only be built through the deprecated fields

package jws_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/signet-go/signet/jws"
)

// TestECDSACurveMismatch tries every algorithm with every curve's key.
func TestECDSACurveMismatch(t *testing.T) {
	k := primKeys(t)
	keys := []struct {
		name string
		key  *ecdsa.PrivateKey
	}{{"P-224", k.p224}, {"P-256", k.p256[0]}, {"P-384", k.p384[0]}, {"P-521", k.p521[0]}}
	want := map[jws.Algorithm]string{jws.ES256: "P-256", jws.ES384: "P-384", jws.ES512: "P-521"}
	for _, alg := range []jws.Algorithm{jws.ES256, jws.ES384, jws.ES512} {
		for _, key := range keys {
			t.Run(fmt.Sprintf("%s/%s", alg, key.name), func(t *testing.T) {
				s, serr := jws.NewECDSASigner(alg, key.key)
				v, verr := jws.NewECDSAVerifier(alg, &key.key.PublicKey)
				g, gerr := jws.NewSigner(alg, opaqueSigner{signer: key.key})
				if key.name == want[alg] {
					if serr != nil || verr != nil || gerr != nil {
						t.Fatalf("NewECDSASigner = %v, NewECDSAVerifier = %v, NewSigner = %v; want no errors", serr, verr, gerr)
					}
					return
				}
				msg := fmt.Sprintf("jws: invalid key: %s needs a key on %s, got one on %s", alg, want[alg], key.name)
				checkRefused(t, s, serr, jws.ErrInvalidKey, msg)
				checkRefused(t, v, verr, jws.ErrInvalidKey, msg)
				checkRefused(t, g, gerr, jws.ErrInvalidKey, msg)
			})
		}
	}
}

func TestNewECDSAVerifierRefusals(t *testing.T) {
	k := primKeys(t)
	p := k.p256[0].PublicKey
	params := elliptic.P256().Params()
	offCurve := &ecdsa.PublicKey{Curve: p.Curve, X: p.X, Y: new(big.Int).Add(p.Y, big.NewInt(1))}
	unreduced := &ecdsa.PublicKey{Curve: p.Curve, X: new(big.Int).Add(p.X, params.P), Y: p.Y}
	negative := &ecdsa.PublicKey{Curve: p.Curve, X: new(big.Int).Neg(p.X), Y: p.Y}
	tests := []struct {
		name string
		key  *ecdsa.PublicKey
		msg  string
	}{
		{"nil key", nil, "ES256 needs an ECDSA public key, got nil"},
		{"nil X", &ecdsa.PublicKey{Curve: p.Curve, Y: p.Y}, "ES256 needs an ECDSA public key, got nil"},
		{"nil curve", &ecdsa.PublicKey{X: p.X, Y: p.Y}, "got one on no curve"},
		{"P-256 parameters, not on the curve", &ecdsa.PublicKey{Curve: params, X: p.X, Y: offCurve.Y}, "not a valid point on P-256"},
		{"not on the curve", offCurve, "not a valid point on P-256"},
		{"point at infinity", &ecdsa.PublicKey{Curve: p.Curve, X: new(big.Int), Y: new(big.Int)}, "not a valid point on P-256"},
		{"unreduced coordinate", unreduced, "not a valid point on P-256"},
		{"negative coordinate", negative, "not a valid point on P-256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := jws.NewECDSAVerifier(jws.ES256, tt.key)
			checkRefused(t, v, err, jws.ErrInvalidKey, tt.msg)
			if tt.key != nil {
				s, err := jws.NewECDSASigner(jws.ES256, &ecdsa.PrivateKey{PublicKey: *tt.key, D: k.p256[0].D})
				checkRefused(t, s, err, jws.ErrInvalidKey, tt.msg)
			}
		})
	}
}

func TestNewECDSASignerRefusals(t *testing.T) {
	k := primKeys(t)
	pub := k.p256[0].PublicKey
	n := elliptic.P256().Params().N
	priv := func(d *big.Int) *ecdsa.PrivateKey { return &ecdsa.PrivateKey{PublicKey: pub, D: d} }
	tests := []struct {
		name string
		key  *ecdsa.PrivateKey
		msg  string
	}{
		{"nil key", nil, "ES256 needs an ECDSA private key, got nil"},
		{"nil scalar", priv(nil), "ES256 needs an ECDSA private key, got nil"},
		{"zero scalar", priv(new(big.Int)), "private scalar is out of range"},
		{"scalar n", priv(n), "private scalar is out of range"},
		{"scalar n+1", priv(new(big.Int).Add(n, big.NewInt(1))), "private scalar is out of range"},
		{"negative scalar", priv(new(big.Int).Neg(k.p256[0].D)), "private scalar is out of range"},
		{"another key's scalar", priv(k.p256[1].D), "does not match its public key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := jws.NewECDSASigner(jws.ES256, tt.key)
			checkRefused(t, s, err, jws.ErrInvalidKey, tt.msg)
		})
	}
}

// TestECDSACurveParams checks that a key whose Curve is the curve's
// parameters rather than the curve works, as it does with crypto/ecdsa.
func TestECDSACurveParams(t *testing.T) {
	k := primKeys(t)
	key := *k.p256[0]
	key.Curve = elliptic.P256().Params()
	s, err := jws.NewECDSASigner(jws.ES256, &key)
	if err != nil {
		t.Fatalf("NewECDSASigner(P-256 parameters) = %v", err)
	}
	v, err := jws.NewECDSAVerifier(jws.ES256, &key.PublicKey)
	if err != nil {
		t.Fatalf("NewECDSAVerifier(P-256 parameters) = %v", err)
	}
	sig, err := s.AppendSignature(nil, []byte(signingInput))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.VerifySignature([]byte(signingInput), sig); err != nil {
		t.Errorf("VerifySignature = %v", err)
	}
	key.Curve = elliptic.P384().Params()
	v, err = jws.NewECDSAVerifier(jws.ES256, &key.PublicKey)
	checkRefused(t, v, err, jws.ErrInvalidKey, "ES256 needs a key on P-256, got one on P-384")
}

// TestECDSACopiesKey checks that the constructors copy the key.
func TestECDSACopiesKey(t *testing.T) {
	k := primKeys(t)
	orig := k.p256[0]
	key := &ecdsa.PrivateKey{
		PublicKey: ecdsa.PublicKey{Curve: orig.Curve, X: new(big.Int).Set(orig.X), Y: new(big.Int).Set(orig.Y)},
		D:         new(big.Int).Set(orig.D),
	}
	s, err := jws.NewECDSASigner(jws.ES256, key)
	if err != nil {
		t.Fatal(err)
	}
	pub := &ecdsa.PublicKey{Curve: orig.Curve, X: new(big.Int).Set(orig.X), Y: new(big.Int).Set(orig.Y)}
	v, err := jws.NewECDSAVerifier(jws.ES256, pub)
	if err != nil {
		t.Fatal(err)
	}
	key.D.SetInt64(1)
	key.X.SetInt64(1)
	pub.X.SetInt64(2)
	in := []byte(signingInput)
	sig, err := s.AppendSignature(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []jws.Verifier{v, s.Verifier()} {
		if err := v.VerifySignature(in, sig); err != nil {
			t.Errorf("VerifySignature after the caller changed its key = %v", err)
		}
	}
}

// TestECDSAMatchesCryptoECDSA checks our R‖S signatures against
// crypto/ecdsa's ASN.1 ones, both ways, on each curve.
func TestECDSAMatchesCryptoECDSA(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	for _, alg := range []jws.Algorithm{jws.ES256, jws.ES384, jws.ES512} {
		t.Run(string(alg), func(t *testing.T) {
			key := k.ecKey(alg, 0)
			h := map[jws.Algorithm]crypto.Hash{jws.ES256: crypto.SHA256, jws.ES384: crypto.SHA384, jws.ES512: crypto.SHA512}[alg]
			size := (key.Params().BitSize + 7) / 8
			hh := h.New()
			hh.Write(in)
			d := hh.Sum(nil)
			s, err := jws.NewECDSASigner(alg, key)
			if err != nil {
				t.Fatal(err)
			}
			for range 20 {
				sig, err := s.AppendSignature(nil, in)
				if err != nil {
					t.Fatal(err)
				}
				r, ss := new(big.Int).SetBytes(sig[:size]), new(big.Int).SetBytes(sig[size:])
				if !ecdsa.Verify(&key.PublicKey, d, r, ss) {
					t.Fatalf("crypto/ecdsa refuses our signature %x", sig)
				}
				// crypto/ecdsa's signature, as R‖S, verifies with ours.
				der, err := ecdsa.SignASN1(rand.Reader, key, d)
				if err != nil {
					t.Fatal(err)
				}
				var rs struct{ R, S *big.Int }
				if _, err := asn1.Unmarshal(der, &rs); err != nil {
					t.Fatal(err)
				}
				raw := append(rs.R.FillBytes(make([]byte, size)), rs.S.FillBytes(make([]byte, size))...)
				if err := s.Verifier().VerifySignature(in, raw); err != nil {
					t.Fatalf("VerifySignature(crypto/ecdsa's signature) = %v", err)
				}
			}
		})
	}
}

// TestECDSAScalarRange checks that R and S of zero or not below the group
// order are refused, and that (R, n-S), the other valid signature, is not.
func TestECDSAScalarRange(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	for _, alg := range []jws.Algorithm{jws.ES256, jws.ES384, jws.ES512} {
		t.Run(string(alg), func(t *testing.T) {
			key := k.ecKey(alg, 0)
			n := key.Params().N
			size := (key.Params().BitSize + 7) / 8
			s, err := jws.NewECDSASigner(alg, key)
			if err != nil {
				t.Fatal(err)
			}
			sig, err := s.AppendSignature(nil, in)
			if err != nil {
				t.Fatal(err)
			}
			r, ss := new(big.Int).SetBytes(sig[:size]), new(big.Int).SetBytes(sig[size:])
			raw := func(r, s *big.Int) []byte {
				return append(r.FillBytes(make([]byte, size)), s.FillBytes(make([]byte, size))...)
			}
			v := s.Verifier()
			if err := v.VerifySignature(in, raw(r, new(big.Int).Sub(n, ss))); err != nil {
				t.Errorf("VerifySignature(r, n-s) = %v, want nil (ECDSA signatures are malleable)", err)
			}
			zero := new(big.Int)
			all := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(8*size)), big.NewInt(1))
			for _, tt := range []struct {
				name string
				r, s *big.Int
			}{
				{"r=0", zero, ss}, {"s=0", r, zero}, {"r=s=0", zero, zero},
				{"r=n", n, ss}, {"s=n", r, n}, {"s=n+s", r, new(big.Int).Add(n, ss)},
				{"r=2^k-1", all, ss}, {"s=2^k-1", r, all},
			} {
				if tt.r.BitLen() > 8*size || tt.s.BitLen() > 8*size {
					continue // does not fit: the length check covers it
				}
				if err := v.VerifySignature(in, raw(tt.r, tt.s)); !errors.Is(err, jws.ErrInvalidSignature) {
					t.Errorf("VerifySignature(%s) = %v, want ErrInvalidSignature", tt.name, err)
				}
			}
		})
	}
}

func TestECDSAWrongLength(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	for _, alg := range []jws.Algorithm{jws.ES256, jws.ES384, jws.ES512} {
		s, err := jws.NewECDSASigner(alg, k.ecKey(alg, 0))
		if err != nil {
			t.Fatal(err)
		}
		sig, err := s.AppendSignature(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		size := len(sig) / 2
		// R and S without their padding, ASN.1, and the other curves' sizes.
		der, err := ecdsa.SignASN1(rand.Reader, k.ecKey(alg, 0), sha256.New().Sum(nil))
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range [][]byte{sig[:len(sig)-1], append(bytes.Clone(sig), 0), append([]byte{0}, sig...), sig[:size], der, make([]byte, 64), make([]byte, 96), make([]byte, 132), make([]byte, 130)} {
			if len(bad) == len(sig) {
				continue
			}
			err := s.Verifier().VerifySignature(in, bad)
			if !errors.Is(err, jws.ErrInvalidSignature) {
				t.Errorf("%s VerifySignature(%d bytes) = %v, want ErrInvalidSignature", alg, len(bad), err)
			} else if want := fmt.Sprintf("jws: invalid signature: %s signature must be %d bytes, got %d", alg, len(sig), len(bad)); err.Error() != want {
				t.Errorf("%s VerifySignature(%d bytes) = %q, want %q", alg, len(bad), err, want)
			}
		}
	}
}
