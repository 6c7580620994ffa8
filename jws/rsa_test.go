package jws_test

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"math/big"
	"testing"

	"github.com/signet-go/signet/jws"
)

func TestNewRSAVerifierRefusals(t *testing.T) {
	k := primKeys(t)
	n := k.rsa[0].N
	pub := func(n *big.Int, e int) *rsa.PublicKey { return &rsa.PublicKey{N: n, E: e} }
	n2047 := new(big.Int).Rsh(n, 1)
	n2047.SetBit(n2047, 0, 1)
	even := new(big.Int).SetBit(new(big.Int).Set(n), 0, 0)
	type refusal struct {
		name string
		alg  jws.Algorithm
		key  *rsa.PublicKey
		msg  string
	}
	tests := []refusal{
		{"nil key", jws.RS256, nil, "RS256 needs an RSA public key, got nil"},
		{"nil modulus", jws.RS256, pub(nil, 65537), "RS256 needs an RSA public key, got nil"},
		{"1024-bit modulus", jws.RS256, &k.rsa1024.PublicKey, "RS256 needs an RSA modulus of at least 2048 bits, got 1024"},
		{"1024-bit modulus PS512", jws.PS512, &k.rsa1024.PublicKey, "PS512 needs an RSA modulus of at least 2048 bits, got 1024"},
		{"2047-bit modulus", jws.RS256, pub(n2047, 65537), "got 2047"},
		{"2047-bit modulus PS256", jws.PS256, pub(n2047, 65537), "got 2047"},
		{"zero modulus", jws.RS256, pub(new(big.Int), 65537), "not positive"},
		{"negative modulus", jws.RS256, pub(new(big.Int).Neg(n), 65537), "not positive"},
		{"even modulus", jws.RS256, pub(even, 65537), "modulus is even"},
		{"e=1", jws.RS256, pub(n, 1), "exponent is 1"},
		{"e=0", jws.RS256, pub(n, 0), "exponent is 0"},
		{"e=-65537", jws.RS256, pub(n, -65537), "exponent is -65537"},
		{"e=2", jws.RS256, pub(n, 2), "exponent 2 is even"},
		{"e=65536", jws.PS256, pub(n, 65536), "exponent 65536 is even"},
	}
	// Only a 64-bit int holds an exponent over 2³¹-1: on 32-bit platforms
	// (GOARCH=386) the case cannot arise.
	if e := int64(1)<<31 + 1; int64(int(e)) == e {
		tests = append(tests, refusal{"e=2^31+1", jws.RS256, pub(n, int(e)), "larger than 2³¹-1"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := jws.NewRSAVerifier(tt.alg, tt.key)
			checkRefused(t, v, err, jws.ErrInvalidKey, tt.msg)
		})
	}
	for _, e := range []int{3, 17, 65537, 1<<31 - 1} {
		if _, err := jws.NewRSAVerifier(jws.RS256, pub(n, e)); err != nil {
			t.Errorf("NewRSAVerifier(RS256, e=%d) = %v, want a Verifier", e, err)
		}
	}
}

func TestNewRSASignerRefusals(t *testing.T) {
	k := primKeys(t)
	good := k.rsa[0]
	noPrimes := &rsa.PrivateKey{PublicKey: good.PublicKey, D: good.D}
	onePrime := &rsa.PrivateKey{PublicKey: good.PublicKey, D: good.D, Primes: good.Primes[:1]}
	wrongD := &rsa.PrivateKey{PublicKey: good.PublicKey, D: new(big.Int).Add(good.D, big.NewInt(2)), Primes: good.Primes}
	wrongE := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: good.N, E: 3}, D: good.D, Primes: good.Primes}
	otherN := &rsa.PrivateKey{PublicKey: k.rsa[1].PublicKey, D: good.D, Primes: good.Primes}
	tests := []struct {
		name string
		key  *rsa.PrivateKey
		msg  string
	}{
		{"nil key", nil, "RS256 needs an RSA private key, got nil"},
		{"1024 bits", k.rsa1024, "RS256 needs an RSA modulus of at least 2048 bits, got 1024"},
		{"no primes", noPrimes, "RSA private key is not valid"},
		{"one prime", onePrime, "RSA private key is not valid"},
		{"wrong private exponent", wrongD, "RSA private key is not valid"},
		{"wrong public exponent", wrongE, "RSA private key is not valid"},
		{"another key's modulus", otherN, "RSA private key is not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := jws.NewRSASigner(jws.RS256, tt.key)
			checkRefused(t, s, err, jws.ErrInvalidKey, tt.msg)
		})
	}
}

// TestNewRSASignerLeavesKey checks that NewRSASigner precomputes a copy,
// not the caller's key, and that NewRSAVerifier copies the modulus.
func TestNewRSASignerLeavesKey(t *testing.T) {
	k := primKeys(t)
	bare := &rsa.PrivateKey{PublicKey: k.rsa[0].PublicKey, D: k.rsa[0].D, Primes: k.rsa[0].Primes}
	s, err := jws.NewRSASigner(jws.RS256, bare)
	if err != nil {
		t.Fatal(err)
	}
	if bare.Precomputed.Dp != nil {
		t.Error("NewRSASigner precomputed the caller's key")
	}
	pub := &rsa.PublicKey{N: new(big.Int).Set(k.rsa[0].N), E: k.rsa[0].E}
	v, err := jws.NewRSAVerifier(jws.RS256, pub)
	if err != nil {
		t.Fatal(err)
	}
	pub.N.SetInt64(77)
	pub.E = 5
	sig, err := s.AppendSignature(nil, []byte(signingInput))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.VerifySignature([]byte(signingInput), sig); err != nil {
		t.Errorf("VerifySignature after the caller changed its key = %v", err)
	}
	if err := s.Verifier().VerifySignature([]byte(signingInput), sig); err != nil {
		t.Errorf("Verifier().VerifySignature = %v", err)
	}
}

// TestRSAMatchesCryptoRSA checks signatures against crypto/rsa both ways,
// and that PS* needs the salt as long as the hash, not any salt.
func TestRSAMatchesCryptoRSA(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	d := sha256.Sum256(in)
	rs, err := jws.NewRSASigner(jws.RS256, k.rsa[0])
	if err != nil {
		t.Fatal(err)
	}
	ps, err := jws.NewRSASigner(jws.PS256, k.rsa[0])
	if err != nil {
		t.Fatal(err)
	}

	// RS256 is deterministic: equal to crypto/rsa's signature.
	want, err := rsa.SignPKCS1v15(nil, k.rsa[0], crypto.SHA256, d[:])
	if err != nil {
		t.Fatal(err)
	}
	got, err := rs.AppendSignature(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("RS256 AppendSignature = %x, want crypto/rsa's %x", got, want)
	}

	// PS256 signatures verify with crypto/rsa at the exact salt length.
	got, err = ps.AppendSignature(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := rsa.VerifyPSS(&k.rsa[0].PublicKey, crypto.SHA256, d[:], got, &rsa.PSSOptions{SaltLength: 32}); err != nil {
		t.Errorf("crypto/rsa VerifyPSS(salt 32) of our PS256 signature = %v", err)
	}

	// Salts other than 32 bytes are refused, though valid PSS.
	for _, salt := range []int{0, 20, 31, 33, 64, rsa.PSSSaltLengthAuto} {
		sig, err := rsa.SignPSS(rand.Reader, k.rsa[0], crypto.SHA256, d[:], &rsa.PSSOptions{SaltLength: salt})
		if err != nil {
			t.Fatal(err)
		}
		if err := rsa.VerifyPSS(&k.rsa[0].PublicKey, crypto.SHA256, d[:], sig, nil); err != nil {
			t.Fatalf("crypto/rsa VerifyPSS(salt %d) = %v", salt, err)
		}
		if err := ps.Verifier().VerifySignature(in, sig); !errors.Is(err, jws.ErrInvalidSignature) {
			t.Errorf("PS256 VerifySignature(salt length %d) = %v, want ErrInvalidSignature", salt, err)
		}
	}
}

func TestRSAWrongLength(t *testing.T) {
	k := primKeys(t)
	s, err := jws.NewRSASigner(jws.RS256, k.rsa[0])
	if err != nil {
		t.Fatal(err)
	}
	sig, err := s.AppendSignature(nil, []byte(signingInput))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{sig[:255], sig[1:], append([]byte{0}, sig...), append(bytes.Clone(sig), 0), make([]byte, 512), sig[:128]} {
		err := s.Verifier().VerifySignature([]byte(signingInput), bad)
		if !errors.Is(err, jws.ErrInvalidSignature) {
			t.Errorf("VerifySignature(%d bytes) = %v, want ErrInvalidSignature", len(bad), err)
		}
	}
	// A signature of the right length whose value is not below the
	// modulus is refused too.
	tooBig := k.rsa[0].N.Bytes()
	if err := s.Verifier().VerifySignature([]byte(signingInput), tooBig); !errors.Is(err, jws.ErrInvalidSignature) {
		t.Errorf("VerifySignature(n) = %v, want ErrInvalidSignature", err)
	}
}
