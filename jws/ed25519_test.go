package jws_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"testing"

	"github.com/signet-go/signet/jws"
)

func TestNewEd25519Refusals(t *testing.T) {
	k := primKeys(t)
	key := k.ed25519[0]
	mixed := append(bytes.Clone(key.Seed()), k.ed25519[1].Public().(ed25519.PublicKey)...)
	for _, tt := range []struct {
		name string
		key  ed25519.PrivateKey
		msg  string
	}{
		{"nil", nil, "EdDSA needs an Ed25519 private key of 64 bytes, got 0"},
		{"seed only", key.Seed(), "EdDSA needs an Ed25519 private key of 64 bytes, got 32"},
		{"63 bytes", key[:63], "got 63"},
		{"65 bytes", append(bytes.Clone(key), 0), "got 65"},
		{"another key's public half", mixed, "does not match its public key"},
	} {
		t.Run("signer/"+tt.name, func(t *testing.T) {
			s, err := jws.NewEd25519Signer(tt.key)
			checkRefused(t, s, err, jws.ErrInvalidKey, tt.msg)
		})
	}
	pub := key.Public().(ed25519.PublicKey)
	for _, tt := range []struct {
		name string
		key  ed25519.PublicKey
		msg  string
	}{
		{"nil", nil, "EdDSA needs an Ed25519 public key of 32 bytes, got 0"},
		{"31 bytes", pub[:31], "got 31"},
		{"33 bytes", append(bytes.Clone(pub), 0), "got 33"},
		{"private key", ed25519.PublicKey(key), "got 64"},
	} {
		t.Run("verifier/"+tt.name, func(t *testing.T) {
			v, err := jws.NewEd25519Verifier(tt.key)
			checkRefused(t, v, err, jws.ErrInvalidKey, tt.msg)
		})
	}
}

// TestEd25519MatchesCryptoEd25519 checks that signatures are those of
// crypto/ed25519 and that the constructors copy their keys.
func TestEd25519MatchesCryptoEd25519(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	want := ed25519.Sign(k.ed25519[0], in)
	priv := bytes.Clone(k.ed25519[0])
	pub := bytes.Clone(k.ed25519[0].Public().(ed25519.PublicKey))
	s, err := jws.NewEd25519Signer(priv)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jws.NewEd25519Verifier(pub)
	if err != nil {
		t.Fatal(err)
	}
	clear(priv)
	clear(pub)
	if s.Algorithm() != jws.EdDSA || v.Algorithm() != jws.EdDSA || s.Verifier().Algorithm() != jws.EdDSA {
		t.Errorf("Algorithm() = %s, %s, %s; want EdDSA", s.Algorithm(), v.Algorithm(), s.Verifier().Algorithm())
	}
	got, err := s.AppendSignature(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("AppendSignature = %x, want crypto/ed25519's %x", got, want)
	}
	for _, v := range []jws.Verifier{v, s.Verifier()} {
		if err := v.VerifySignature(in, want); err != nil {
			t.Errorf("VerifySignature = %v", err)
		}
	}
	for _, bad := range [][]byte{want[:63], append(bytes.Clone(want), 0), nil} {
		if err := v.VerifySignature(in, bad); !errors.Is(err, jws.ErrInvalidSignature) {
			t.Errorf("VerifySignature(%d bytes) = %v, want ErrInvalidSignature", len(bad), err)
		}
	}
}

// TestEd25519NonCanonicalS checks that S + L, which a lax verifier
// accepts as S, is refused (RFC 8032 §5.1.7).
func TestEd25519NonCanonicalS(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	s, err := jws.NewEd25519Signer(k.ed25519[0])
	if err != nil {
		t.Fatal(err)
	}
	// L = 2^252 + 27742317777372353535851937790883648493, little-endian.
	l := []byte{0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10}
	for range 16 {
		in = append(in, '.')
		sig, err := s.AppendSignature(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		// S + L in 32 little-endian bytes, if it fits.
		var carry int
		sl := make([]byte, 32)
		for i := range 32 {
			v := int(sig[32+i]) + int(l[i]) + carry
			sl[i], carry = byte(v), v>>8
		}
		if carry != 0 || sl[31]&0xe0 != 0 {
			continue
		}
		bad := append(bytes.Clone(sig[:32]), sl...)
		if err := s.Verifier().VerifySignature(in, bad); !errors.Is(err, jws.ErrInvalidSignature) {
			t.Fatalf("VerifySignature(R, S+L) = %v, want ErrInvalidSignature", err)
		}
		return
	}
	t.Skip("no signature with S+L below 2^253 in 16 tries")
}
