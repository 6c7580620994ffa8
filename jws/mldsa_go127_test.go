//go:build go1.27

package jws_test

import (
	"bytes"
	"crypto/mldsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
)

// mldsaAlgorithms lists the ML-DSA algorithms, which this build implements.
var mldsaAlgorithms = []jws.Algorithm{jws.MLDSA44, jws.MLDSA65, jws.MLDSA87}

// mldsaUnavailable is empty: this build implements ML-DSA.
var mldsaUnavailable []jws.Algorithm

// mldsaCase is one ML-DSA parameter set with two keys of it.
type mldsaCase struct {
	alg     jws.Algorithm
	params  mldsa.Parameters
	pubSize int
	sigSize int
	keys    [2]*mldsa.PrivateKey
}

var mldsaCasesOnce = sync.OnceValue(func() []mldsaCase {
	cs := []mldsaCase{
		{alg: jws.MLDSA44, params: mldsa.MLDSA44(), pubSize: 1312, sigSize: 2420},
		{alg: jws.MLDSA65, params: mldsa.MLDSA65(), pubSize: 1952, sigSize: 3309},
		{alg: jws.MLDSA87, params: mldsa.MLDSA87(), pubSize: 2592, sigSize: 4627},
	}
	for i := range cs {
		for j := range cs[i].keys {
			k, err := mldsa.GenerateKey(cs[i].params)
			if err != nil {
				panic(err)
			}
			cs[i].keys[j] = k
		}
	}
	return cs
})

// mldsaCases returns the three parameter sets, in the order of
// mldsaAlgorithms, each with two generated keys.
func mldsaCases(tb testing.TB) []mldsaCase {
	tb.Helper()
	return mldsaCasesOnce()
}

func mldsaPrimitives(tb testing.TB) []primitive {
	tb.Helper()
	var ps []primitive
	for _, c := range mldsaCases(tb) {
		a, err := jws.NewMLDSASigner(c.alg, c.keys[0])
		if err != nil {
			tb.Fatal(err)
		}
		b, err := jws.NewMLDSASigner(c.alg, c.keys[1])
		if err != nil {
			tb.Fatal(err)
		}
		ps = append(ps, primitive{name: string(c.alg), signer: a, verifier: a.Verifier(), other: b, sigLen: c.sigSize})
	}
	return ps
}

func mldsaConstructors(t *testing.T) []algConstructor {
	c := mldsaCases(t)[0] // ML-DSA-44 keys
	ed := primKeys(t).ed25519[0]
	return []algConstructor{
		{"NewMLDSASigner(ML-DSA key)", []jws.Algorithm{jws.MLDSA44},
			func(a jws.Algorithm) (any, error) { return jws.NewMLDSASigner(a, c.keys[0]) }},
		{"NewMLDSAVerifier(ML-DSA key)", []jws.Algorithm{jws.MLDSA44},
			func(a jws.Algorithm) (any, error) { return jws.NewMLDSAVerifier(a, c.keys[0].PublicKey()) }},
		{"NewSigner(ML-DSA key)", []jws.Algorithm{jws.MLDSA44},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, c.keys[0]) }},
		{"NewSigner(opaque ML-DSA key)", []jws.Algorithm{jws.MLDSA44},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, opaqueSigner{signer: c.keys[0]}) }},
		{"NewVerifier(ML-DSA key)", []jws.Algorithm{jws.MLDSA44},
			func(a jws.Algorithm) (any, error) { return jws.NewVerifier(a, c.keys[0].PublicKey()) }},
		// An Ed25519 key does not serve ML-DSA, whatever the algorithm.
		{"NewSigner(Ed25519 key, not ML-DSA)", []jws.Algorithm{jws.EdDSA, jws.Ed25519},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, ed) }},
	}
}

// TestMLDSAKeyRefusals checks that the ML-DSA constructors refuse nil and
// zero keys and keys of another parameter set, with ErrInvalidKey, and
// return nothing with the error.
func TestMLDSAKeyRefusals(t *testing.T) {
	cs := mldsaCases(t)
	k44, k65, k87 := cs[0].keys[0], cs[1].keys[0], cs[2].keys[0]
	for _, tt := range []struct {
		name  string
		build func() (any, error)
		msg   string
	}{
		{"signer/nil", func() (any, error) { return jws.NewMLDSASigner(jws.MLDSA44, nil) }, "ML-DSA-44 needs an ML-DSA private key, got nil"},
		{"signer/zero", func() (any, error) { return jws.NewMLDSASigner(jws.MLDSA44, new(mldsa.PrivateKey)) }, "got a zero or unknown one"},
		{"signer/ML-DSA-65 key for ML-DSA-44", func() (any, error) { return jws.NewMLDSASigner(jws.MLDSA44, k65) }, "ML-DSA-44 needs an ML-DSA-44 private key, got an ML-DSA-65 one"},
		{"signer/ML-DSA-44 key for ML-DSA-87", func() (any, error) { return jws.NewMLDSASigner(jws.MLDSA87, k44) }, "got an ML-DSA-44 one"},
		{"verifier/nil", func() (any, error) { return jws.NewMLDSAVerifier(jws.MLDSA65, nil) }, "ML-DSA-65 needs an ML-DSA public key, got nil"},
		{"verifier/zero", func() (any, error) { return jws.NewMLDSAVerifier(jws.MLDSA65, new(mldsa.PublicKey)) }, "got a zero or unknown one"},
		{"verifier/ML-DSA-87 key for ML-DSA-65", func() (any, error) { return jws.NewMLDSAVerifier(jws.MLDSA65, k87.PublicKey()) }, "ML-DSA-65 needs an ML-DSA-65 public key, got an ML-DSA-87 one"},
		{"NewSigner/nil ML-DSA key", func() (any, error) { return jws.NewSigner(jws.MLDSA44, (*mldsa.PrivateKey)(nil)) }, "got nil"},
		{"NewSigner/ML-DSA-65 key for ML-DSA-44", func() (any, error) { return jws.NewSigner(jws.MLDSA44, k65) }, "got an ML-DSA-65 one"},
		{"NewSigner/opaque ML-DSA-65 key for ML-DSA-44", func() (any, error) { return jws.NewSigner(jws.MLDSA44, opaqueSigner{signer: k65}) }, "got an ML-DSA-65 one"},
		{"NewSigner/opaque zero key", func() (any, error) { return jws.NewSigner(jws.MLDSA44, fakeSigner{pub: new(mldsa.PublicKey)}) }, "got a zero or unknown one"},
		{"NewSigner/opaque nil key", func() (any, error) { return jws.NewSigner(jws.MLDSA44, fakeSigner{pub: (*mldsa.PublicKey)(nil)}) }, "got nil"},
		{"NewVerifier/nil ML-DSA key", func() (any, error) { return jws.NewVerifier(jws.MLDSA44, (*mldsa.PublicKey)(nil)) }, "got nil"},
		{"NewVerifier/ML-DSA-44 key for ML-DSA-65", func() (any, error) { return jws.NewVerifier(jws.MLDSA65, k44.PublicKey()) }, "got an ML-DSA-44 one"},
		{"NewVerifier/private key", func() (any, error) { return jws.NewVerifier(jws.MLDSA44, k44) }, "NewVerifier takes RSA, ECDSA, Ed25519 and ML-DSA public keys, not *mldsa.PrivateKey"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.build()
			checkRefused(t, got, err, jws.ErrInvalidKey, tt.msg)
		})
	}
	// Another family's algorithm with an ML-DSA key.
	for _, tt := range []struct {
		name  string
		build func() (any, error)
	}{
		{"NewSigner(EdDSA, ML-DSA key)", func() (any, error) { return jws.NewSigner(jws.EdDSA, k44) }},
		{"NewSigner(RS256, opaque ML-DSA key)", func() (any, error) { return jws.NewSigner(jws.RS256, opaqueSigner{signer: k44}) }},
		{"NewVerifier(ES256, ML-DSA key)", func() (any, error) { return jws.NewVerifier(jws.ES256, k44.PublicKey()) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.build()
			checkRefused(t, got, err, jws.ErrUnsupportedAlgorithm, "cannot be used with an ML-DSA key")
		})
	}
}

// TestMLDSAOpaqueSigner checks NewSigner's generic path for ML-DSA: the
// signatures of a KMS-like key verify, and a signer that fails or returns
// a signature of the wrong size is reported.
func TestMLDSAOpaqueSigner(t *testing.T) {
	in := []byte(signingInput)
	for _, c := range mldsaCases(t) {
		t.Run(string(c.alg), func(t *testing.T) {
			calls := 0
			s, err := jws.NewSigner(c.alg, opaqueSigner{signer: c.keys[0], calls: &calls})
			if err != nil {
				t.Fatal(err)
			}
			sig, err := s.AppendSignature(nil, in)
			if err != nil || calls != 1 {
				t.Fatalf("AppendSignature = %v after %d calls to Sign, want nil after 1", err, calls)
			}
			if err := mldsa.Verify(c.keys[0].PublicKey(), in, sig, nil); err != nil {
				t.Errorf("crypto/mldsa refuses the opaque signer's signature: %v", err)
			}
			if err := publicVerifier(t, s).VerifySignature(in, sig); err != nil {
				t.Errorf("VerifySignature(opaque signer's signature) = %v", err)
			}
			pub := c.keys[0].PublicKey()
			short, err := jws.NewSigner(c.alg, fakeSigner{pub: pub, sig: sig[:len(sig)-1]})
			if err != nil {
				t.Fatal(err)
			}
			if got, err := short.AppendSignature(nil, in); !errors.Is(err, jws.ErrInvalidSignature) || got != nil {
				t.Errorf("AppendSignature(short signature) = %x, %v; want nil, ErrInvalidSignature", got, err)
			}
			failing, err := jws.NewSigner(c.alg, fakeSigner{pub: pub, err: errors.New("kms: unavailable")})
			if err != nil {
				t.Fatal(err)
			}
			if got, err := failing.AppendSignature(nil, in); !errors.Is(err, jws.ErrInvalidKey) || got != nil || !strings.Contains(err.Error(), "kms: unavailable") {
				t.Errorf("AppendSignature(failing signer) = %x, %v; want nil and ErrInvalidKey with the signer's error", got, err)
			}
		})
	}
}

// TestMLDSACompact signs compact tokens with each parameter set, checks
// their size and their verification with crypto/mldsa as an independent
// oracle, and that a verifier refuses them under another algorithm or key.
func TestMLDSACompact(t *testing.T) {
	payload := []byte(`{"sub":"1234567890","iat":1516239022}`)
	cs := mldsaCases(t)
	for i, c := range cs {
		t.Run(string(c.alg), func(t *testing.T) {
			s, err := jws.NewMLDSASigner(c.alg, c.keys[0])
			if err != nil {
				t.Fatal(err)
			}
			if got := len(jws.MLDSAVerifierKey(s.Verifier()).Bytes()); got != c.pubSize {
				t.Errorf("public key is %d bytes, want %d", got, c.pubSize)
			}
			tok, err := jws.Sign(s, jws.Header{KeyID: "pq"}, payload)
			if err != nil {
				t.Fatal(err)
			}
			h, p, err := jws.Verify(s.Verifier(), tok)
			if err != nil || h.Algorithm != c.alg || string(p) != string(payload) {
				t.Fatalf("Verify = %v, %q, %v; want alg %s and the payload", h, p, err, c.alg)
			}
			dot := strings.LastIndexByte(tok, '.')
			sig, err := base64url.DecodeString(tok[dot+1:])
			if err != nil {
				t.Fatal(err)
			}
			if len(sig) != c.sigSize {
				t.Errorf("signature is %d bytes, want %d", len(sig), c.sigSize)
			}
			if err := mldsa.Verify(c.keys[0].PublicKey(), []byte(tok[:dot]), sig, nil); err != nil {
				t.Errorf("crypto/mldsa.Verify(token) = %v", err)
			}
			// The same signature under a non-empty context does not verify:
			// signet signs with the empty context.
			if err := mldsa.Verify(c.keys[0].PublicKey(), []byte(tok[:dot]), sig, &mldsa.Options{Context: "jws"}); err == nil {
				t.Error("the signature verifies with context \"jws\", want the empty context only")
			}
			// A token signed by crypto/mldsa itself verifies.
			in := tok[:dot]
			det, err := c.keys[0].SignDeterministic([]byte(in), nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := jws.Verify(s.Verifier(), in+"."+base64url.EncodeToString(det)); err != nil {
				t.Errorf("Verify(token signed by crypto/mldsa) = %v", err)
			}
			// Tampered tokens: a flipped bit in the header, the payload or
			// the signature (bounded sample: ML-DSA tokens are long).
			for _, pos := range []int{0, dot / 2, dot - 1, dot + 1, dot + 1 + (len(tok)-dot)/2, len(tok) - 2} {
				bad := []byte(tok)
				bad[pos] ^= 0x01
				if h, p, err := jws.Verify(s.Verifier(), string(bad)); err == nil || p != nil || h.Algorithm != "" {
					t.Errorf("Verify(token with byte %d changed) = %v, %q, %v; want an error and nothing else", pos, h, p, err)
				}
			}
			// Another key of the same parameter set.
			other, err := jws.NewMLDSAVerifier(c.alg, c.keys[1].PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := jws.Verify(other, tok); !errors.Is(err, jws.ErrInvalidSignature) {
				t.Errorf("Verify with another key = %v, want ErrInvalidSignature", err)
			}
			// Cross-algorithm: the verifiers of the other parameter sets,
			// and an Ed25519 one, refuse the token before any signature
			// check; a token whose header names another parameter set is
			// refused by this verifier.
			for j, o := range cs {
				if j == i {
					continue
				}
				ov, err := jws.NewMLDSAVerifier(o.alg, o.keys[0].PublicKey())
				if err != nil {
					t.Fatal(err)
				}
				if _, _, err := jws.Verify(ov, tok); !errors.Is(err, jws.ErrAlgorithmMismatch) {
					t.Errorf("%s Verify(%s token) = %v, want ErrAlgorithmMismatch", o.alg, c.alg, err)
				}
				relabelled := rawToken(t, s, `{"alg":"`+string(o.alg)+`"}`, string(payload))
				if _, _, err := jws.Verify(s.Verifier(), relabelled); !errors.Is(err, jws.ErrAlgorithmMismatch) {
					t.Errorf("%s Verify(token labelled %s) = %v, want ErrAlgorithmMismatch", c.alg, o.alg, err)
				}
			}
			ed, err := jws.NewVerifier(jws.Ed25519, primKeys(t).ed25519[0].Public())
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := jws.Verify(ed, tok); !errors.Is(err, jws.ErrAlgorithmMismatch) {
				t.Errorf("Ed25519 Verify(%s token) = %v, want ErrAlgorithmMismatch", c.alg, err)
			}
		})
	}
}

// TestMLDSAVerifierCopiesNothingMutable checks that the verifier of a
// signer is bound to the signer's algorithm and that two hedged
// signatures of the same input differ and both verify.
func TestMLDSAHedged(t *testing.T) {
	in := []byte(signingInput)
	for _, c := range mldsaCases(t) {
		s, err := jws.NewMLDSASigner(c.alg, c.keys[0])
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.AppendSignature(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.AppendSignature(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a, b) {
			t.Errorf("%s: two signatures of the same input are equal, want hedged signatures", c.alg)
		}
		if s.Verifier().Algorithm() != c.alg || s.Algorithm() != c.alg {
			t.Errorf("%s: Algorithm() = %s, Verifier().Algorithm() = %s", c.alg, s.Algorithm(), s.Verifier().Algorithm())
		}
	}
}

// mldsaZeroSigners returns a nil and a zero MLDSASigner.
func mldsaZeroSigners() []jws.Signer {
	return []jws.Signer{(*jws.MLDSASigner)(nil), &jws.MLDSASigner{}}
}

// mldsaZeroVerifiers returns a nil and a zero MLDSAVerifier.
func mldsaZeroVerifiers() []jws.Verifier {
	return []jws.Verifier{(*jws.MLDSAVerifier)(nil), &jws.MLDSAVerifier{}}
}

// TestMLDSAPEM checks that ParsePEMSigner and ParsePEMVerifier read ML-DSA
// keys (PKCS #8 and PKIX, as crypto/x509 encodes them) for the algorithm
// of their parameter set only.
func TestMLDSAPEM(t *testing.T) {
	in := []byte(signingInput)
	for _, c := range mldsaCases(t) {
		t.Run(string(c.alg), func(t *testing.T) {
			der, err := x509.MarshalPKCS8PrivateKey(c.keys[0])
			if err != nil {
				t.Fatal(err)
			}
			privPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
			der, err = x509.MarshalPKIXPublicKey(c.keys[0].PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
			s, err := jws.ParsePEMSigner(c.alg, privPEM)
			if err != nil {
				t.Fatal(err)
			}
			v, err := jws.ParsePEMVerifier(c.alg, pubPEM)
			if err != nil {
				t.Fatal(err)
			}
			sig, err := s.AppendSignature(nil, in)
			if err != nil {
				t.Fatal(err)
			}
			if err := v.VerifySignature(in, sig); err != nil || v.Algorithm() != c.alg {
				t.Errorf("ParsePEMVerifier's VerifySignature = %v, Algorithm() = %s", err, v.Algorithm())
			}
			other := jws.MLDSA44
			if c.alg == jws.MLDSA44 {
				other = jws.MLDSA87
			}
			got, err := jws.ParsePEMSigner(other, privPEM)
			checkRefused(t, got, err, jws.ErrInvalidKey, "needs an "+string(other)+" private key, got an "+string(c.alg)+" one")
			gotV, err := jws.ParsePEMVerifier(other, pubPEM)
			checkRefused(t, gotV, err, jws.ErrInvalidKey, "needs an "+string(other)+" public key, got an "+string(c.alg)+" one")
			gotV, err = jws.ParsePEMVerifier(jws.Ed25519, pubPEM)
			checkRefused(t, gotV, err, jws.ErrUnsupportedAlgorithm, "Ed25519 cannot be used with an ML-DSA key")
		})
	}
}
