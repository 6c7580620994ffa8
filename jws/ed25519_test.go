package jws_test

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/signet-go/signet/base64url"
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

// TestEd25519AlgorithmNames checks that the two names of Ed25519, EdDSA
// (RFC 8037) and Ed25519 (RFC 9864), are each pinned to their verifiers: a
// token under one name is refused by a verifier for the other with
// ErrAlgorithmMismatch although its signature would verify, whichever
// constructor built it.
func TestEd25519AlgorithmNames(t *testing.T) {
	k := primKeys(t)
	key := k.ed25519[0]
	pub := key.Public().(ed25519.PublicKey)
	mustS := func(s jws.Signer, err error) jws.Signer {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	mustV := func(v jws.Verifier, err error) jws.Verifier {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	signers := map[jws.Algorithm][]jws.Signer{
		jws.EdDSA: {
			mustS(jws.NewEd25519Signer(key)),
			mustS(jws.NewSigner(jws.EdDSA, key)),
			mustS(jws.NewSigner(jws.EdDSA, opaqueSigner{signer: key})),
		},
		jws.Ed25519: {
			mustS(jws.NewSigner(jws.Ed25519, key)),
			mustS(jws.NewSigner(jws.Ed25519, opaqueSigner{signer: key})),
		},
	}
	verifiers := map[jws.Algorithm][]jws.Verifier{
		jws.EdDSA:   {mustV(jws.NewEd25519Verifier(pub)), mustV(jws.NewVerifier(jws.EdDSA, pub))},
		jws.Ed25519: {mustV(jws.NewVerifier(jws.Ed25519, pub))},
	}
	for alg, ss := range signers {
		for _, s := range ss {
			verifiers[alg] = append(verifiers[alg], publicVerifier(t, s))
		}
	}
	payload := []byte("Example of Ed25519 signing")
	for signAlg, ss := range signers {
		for i, s := range ss {
			if s.Algorithm() != signAlg {
				t.Errorf("%s signer %d: Algorithm() = %s", signAlg, i, s.Algorithm())
			}
			tok, err := jws.Sign(s, jws.Header{}, payload)
			if err != nil {
				t.Fatal(err)
			}
			for verifyAlg, vs := range verifiers {
				for j, v := range vs {
					if v.Algorithm() != verifyAlg {
						t.Errorf("%s verifier %d: Algorithm() = %s", verifyAlg, j, v.Algorithm())
					}
					h, p, err := jws.Verify(v, tok)
					if verifyAlg == signAlg {
						if err != nil || h.Algorithm != signAlg || string(p) != string(payload) {
							t.Errorf("%s verifier %d: Verify(%s token of signer %d) = %v, %q, %v", verifyAlg, j, signAlg, i, h, p, err)
						}
						continue
					}
					if !errors.Is(err, jws.ErrAlgorithmMismatch) || p != nil {
						t.Errorf("%s verifier %d: Verify(%s token of signer %d) = %q, %v; want ErrAlgorithmMismatch", verifyAlg, j, signAlg, i, p, err)
					}
				}
			}
		}
	}
	// The signature is the same under both names of the same signing
	// input: only the header tells them apart.
	in := []byte(signingInput)
	a, err := signers[jws.EdDSA][0].AppendSignature(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := signers[jws.Ed25519][0].AppendSignature(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("EdDSA and Ed25519 signatures of the same input differ: %x, %x", a, b)
	}
	// Error messages name the algorithm asked for.
	v, err := jws.NewVerifier(jws.Ed25519, pub[:31])
	checkRefused(t, v, err, jws.ErrInvalidKey, "Ed25519 needs an Ed25519 public key of 32 bytes, got 31")
	s, err := jws.NewSigner(jws.Ed25519, key[:63])
	checkRefused(t, s, err, jws.ErrInvalidKey, "Ed25519 needs an Ed25519 private key of 64 bytes, got 63")
	for _, tt := range []struct {
		alg jws.Algorithm
		key crypto.PublicKey
		msg string
	}{
		{jws.ES256, pub, "ES256 cannot be used with an Ed25519 key"},
		{jws.Ed25519, &k.rsa[0].PublicKey, "Ed25519 cannot be used with an RSA key"},
		{jws.Ed25519, &k.p256[0].PublicKey, "Ed25519 cannot be used with an ECDSA key"},
	} {
		v, err := jws.NewVerifier(tt.alg, tt.key)
		checkRefused(t, v, err, jws.ErrUnsupportedAlgorithm, tt.msg)
	}
	v, err = jws.NewVerifier(jws.Ed25519, key)
	checkRefused(t, v, err, jws.ErrInvalidKey, "public keys, not ed25519.PrivateKey")
	v, err = jws.NewVerifier(jws.Ed25519, nil)
	checkRefused(t, v, err, jws.ErrInvalidKey, "NewVerifier needs a key, got nil")
	v, err = jws.NewVerifier(jws.HS256, pub)
	checkRefused(t, v, err, jws.ErrUnsupportedAlgorithm, "use NewHMAC")
}

// TestEd25519AlgorithmVector checks the Ed25519 token of
// testdata/ed25519-alg: RFC 8037's A.1 key and A.4 payload under the alg
// "Ed25519", signed by the standard library alone (gen.go there). signet
// re-signs it to the identical token, verifies it with an Ed25519
// verifier, and refuses it with an EdDSA one; the RFC's own EdDSA token is
// refused by the Ed25519 verifier.
func TestEd25519AlgorithmVector(t *testing.T) {
	raw, err := os.ReadFile("../testdata/ed25519-alg/ed25519.json")
	if err != nil {
		t.Fatal(err)
	}
	var vec struct {
		Alg          jws.Algorithm `json:"alg"`
		HeaderRaw    string        `json:"header_raw"`
		PayloadRaw   string        `json:"payload_raw"`
		SigningInput string        `json:"signing_input"`
		SignatureHex string        `json:"signature_hex"`
		Token        string        `json:"token"`
	}
	if err := json.Unmarshal(raw, &vec); err != nil {
		t.Fatal(err)
	}
	var rfcKey, rfcToken string
	for _, v := range loadRFCVectors(t, "rfc8037.json") {
		if v.Name == "rfc8037-A.4-Ed25519-signing" {
			if err := json.Unmarshal(v.Token, &rfcToken); err != nil {
				t.Fatal(err)
			}
			rfcKey = v.JWK["d"]
		}
	}
	seed, err := base64url.DecodeString(rfcKey)
	if err != nil || len(seed) != ed25519.SeedSize {
		t.Fatalf("RFC 8037 A.1 seed: %d bytes, %v", len(seed), err)
	}
	priv := ed25519.NewKeyFromSeed(seed)
	pub := priv.Public().(ed25519.PublicKey)
	s, err := jws.NewSigner(jws.Ed25519, priv)
	if err != nil {
		t.Fatal(err)
	}
	got, err := jws.Sign(s, jws.Header{}, []byte(vec.PayloadRaw))
	if err != nil {
		t.Fatal(err)
	}
	if got != vec.Token {
		t.Errorf("Sign = %q, want the vector's %q", got, vec.Token)
	}
	sig, err := hex.DecodeString(vec.SignatureHex)
	if err != nil {
		t.Fatal(err)
	}
	if !ed25519.Verify(pub, []byte(vec.SigningInput), sig) {
		t.Error("crypto/ed25519 refuses the vector's signature")
	}
	v, err := jws.NewVerifier(jws.Ed25519, pub)
	if err != nil {
		t.Fatal(err)
	}
	h, p, err := jws.Verify(v, vec.Token)
	if err != nil || h.Algorithm != jws.Ed25519 || string(p) != vec.PayloadRaw {
		t.Errorf("Verify(vector) = %v, %q, %v", h, p, err)
	}
	if h, p, err := jws.ParseUnverified(vec.Token); err != nil || h.Algorithm != vec.Alg || string(p) != vec.PayloadRaw {
		t.Errorf("ParseUnverified(vector) = %v, %q, %v", h, p, err)
	}
	eddsa, err := jws.NewEd25519Verifier(pub)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := jws.Verify(eddsa, vec.Token); !errors.Is(err, jws.ErrAlgorithmMismatch) {
		t.Errorf("EdDSA Verify(Ed25519 vector) = %v, want ErrAlgorithmMismatch", err)
	}
	if _, _, err := jws.Verify(eddsa, rfcToken); err != nil {
		t.Errorf("EdDSA Verify(RFC 8037 A.4) = %v", err)
	}
	if _, _, err := jws.Verify(v, rfcToken); !errors.Is(err, jws.ErrAlgorithmMismatch) {
		t.Errorf("Ed25519 Verify(RFC 8037 A.4, an EdDSA token) = %v, want ErrAlgorithmMismatch", err)
	}
}
