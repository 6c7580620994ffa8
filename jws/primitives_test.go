package jws_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/signet-go/signet/jws"
)

// allAlgorithms lists the algorithms signet implements in this build: 14,
// and the 3 ML-DSA ones with Go 1.27 or later.
var allAlgorithms = append([]jws.Algorithm{
	jws.HS256, jws.HS384, jws.HS512,
	jws.RS256, jws.RS384, jws.RS512,
	jws.PS256, jws.PS384, jws.PS512,
	jws.ES256, jws.ES384, jws.ES512,
	jws.EdDSA, jws.Ed25519,
}, mldsaAlgorithms...)

// TestPrimitivesRoundTrip signs with each algorithm and checks that the
// signer's Verifier accepts the signature and refuses every alteration of
// it, a signature by another key, and another signing input.
func TestPrimitivesRoundTrip(t *testing.T) {
	in := []byte(signingInput)
	ps := allPrimitives(t)
	if len(ps) != len(allAlgorithms) {
		t.Fatalf("%d primitives, want %d", len(ps), len(allAlgorithms))
	}
	for i, p := range ps {
		t.Run(p.name, func(t *testing.T) {
			if got := p.signer.Algorithm(); got != allAlgorithms[i] {
				t.Errorf("signer.Algorithm() = %s, want %s", got, allAlgorithms[i])
			}
			if got := p.verifier.Algorithm(); got != allAlgorithms[i] {
				t.Errorf("verifier.Algorithm() = %s, want %s", got, allAlgorithms[i])
			}
			sig, err := p.signer.AppendSignature(nil, in)
			if err != nil {
				t.Fatalf("AppendSignature = %v", err)
			}
			if len(sig) != p.sigLen {
				t.Fatalf("signature is %d bytes, want %d", len(sig), p.sigLen)
			}
			if err := p.verifier.VerifySignature(in, sig); err != nil {
				t.Fatalf("VerifySignature(own signature) = %v", err)
			}

			// Appending keeps dst and is verifiable the same way.
			prefixed, err := p.signer.AppendSignature([]byte("prefix."), in)
			if err != nil {
				t.Fatal(err)
			}
			if rest, ok := bytes.CutPrefix(prefixed, []byte("prefix.")); !ok {
				t.Errorf("AppendSignature dropped dst: %q", prefixed)
			} else if err := p.verifier.VerifySignature(in, rest); err != nil {
				t.Errorf("VerifySignature(appended signature) = %v", err)
			} else if p.det != bytes.Equal(rest, sig) {
				t.Errorf("two signatures equal: %v, want %v (deterministic algorithm: %v)", bytes.Equal(rest, sig), p.det, p.det)
			}

			refuse := func(what string, in, sig []byte) {
				t.Helper()
				if err := p.verifier.VerifySignature(in, sig); !errors.Is(err, jws.ErrInvalidSignature) {
					t.Errorf("VerifySignature(%s) = %v, want ErrInvalidSignature", what, err)
				}
			}
			for _, pos := range []int{0, 1, len(sig) / 2, len(sig) - 1} {
				for _, bit := range []byte{0x01, 0x80} {
					bad := bytes.Clone(sig)
					bad[pos] ^= bit
					refuse(fmt.Sprintf("bit %#x of byte %d flipped", bit, pos), in, bad)
				}
			}
			refuse("nil", in, nil)
			refuse("empty", in, []byte{})
			refuse("truncated by one byte", in, sig[:len(sig)-1])
			refuse("first half", in, sig[:len(sig)/2])
			refuse("extended by a zero byte", in, append(bytes.Clone(sig), 0))
			refuse("prefixed by a zero byte", in, append([]byte{0}, sig...))
			refuse("doubled", in, append(bytes.Clone(sig), sig...))
			refuse("all zeros", in, make([]byte, len(sig)))
			refuse("all ones", in, bytes.Repeat([]byte{0xff}, len(sig)))
			other, err := p.other.AppendSignature(nil, in)
			if err != nil {
				t.Fatal(err)
			}
			refuse("signature by another key", in, other)
			if err := publicVerifier(t, p.other).VerifySignature(in, sig); !errors.Is(err, jws.ErrInvalidSignature) {
				t.Errorf("another key's VerifySignature(signature) = %v, want ErrInvalidSignature", err)
			}
			refuse("another signing input", append(bytes.Clone(in), '.'), sig)
			refuse("empty signing input", nil, sig)
		})
	}
}

// TestPrimitivesAlgorithmBinding checks that a Verifier refuses the
// signature of another algorithm made with the same key.
func TestPrimitivesAlgorithmBinding(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	key := make([]byte, 64)
	signers := map[jws.Algorithm]jws.Signer{}
	for _, alg := range []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512} {
		s, err := jws.NewHMAC(alg, key)
		if err != nil {
			t.Fatal(err)
		}
		signers[alg] = s
	}
	for _, alg := range []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512} {
		s, err := jws.NewRSASigner(alg, k.rsa[0])
		if err != nil {
			t.Fatal(err)
		}
		signers[alg] = s
	}
	families := [][]jws.Algorithm{
		{jws.HS256, jws.HS384, jws.HS512},
		{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512},
	}
	for _, fam := range families {
		for _, a := range fam {
			sig, err := signers[a].AppendSignature(nil, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range fam {
				if a == b {
					continue
				}
				if err := publicVerifier(t, signers[b]).VerifySignature(in, sig); !errors.Is(err, jws.ErrInvalidSignature) {
					t.Errorf("%s VerifySignature(%s signature) = %v, want ErrInvalidSignature", b, a, err)
				}
			}
		}
	}
}

// algConstructor is a constructor that takes an algorithm, with the
// algorithms it must accept.
type algConstructor struct {
	name  string
	takes []jws.Algorithm
	build func(jws.Algorithm) (any, error)
}

// TestConstructorsRefuseAlgorithms checks that every constructor taking
// an algorithm refuses "none" in any spelling, unknown names and the
// algorithms of other families, naming the algorithm.
func TestConstructorsRefuseAlgorithms(t *testing.T) {
	k := primKeys(t)
	hmacKey := make([]byte, 64)
	constructors := []algConstructor{
		{"NewHMAC", []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512},
			func(a jws.Algorithm) (any, error) { return jws.NewHMAC(a, hmacKey) }},
		{"NewRSASigner", []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512},
			func(a jws.Algorithm) (any, error) { return jws.NewRSASigner(a, k.rsa[0]) }},
		{"NewRSAVerifier", []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512},
			func(a jws.Algorithm) (any, error) { return jws.NewRSAVerifier(a, &k.rsa[0].PublicKey) }},
		{"NewECDSASigner", []jws.Algorithm{jws.ES256},
			func(a jws.Algorithm) (any, error) { return jws.NewECDSASigner(a, k.p256[0]) }},
		{"NewECDSAVerifier", []jws.Algorithm{jws.ES256},
			func(a jws.Algorithm) (any, error) { return jws.NewECDSAVerifier(a, &k.p256[0].PublicKey) }},
		{"NewSigner(RSA key)", []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, k.rsa[0]) }},
		{"NewSigner(opaque RSA key)", []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, opaqueSigner{signer: k.rsa[0]}) }},
		{"NewSigner(ECDSA key)", []jws.Algorithm{jws.ES256},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, k.p256[0]) }},
		{"NewSigner(opaque ECDSA key)", []jws.Algorithm{jws.ES256},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, opaqueSigner{signer: k.p256[0]}) }},
		{"NewSigner(Ed25519 key)", []jws.Algorithm{jws.EdDSA, jws.Ed25519},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, k.ed25519[0]) }},
		{"NewSigner(opaque Ed25519 key)", []jws.Algorithm{jws.EdDSA, jws.Ed25519},
			func(a jws.Algorithm) (any, error) { return jws.NewSigner(a, opaqueSigner{signer: k.ed25519[0]}) }},
		{"NewVerifier(RSA key)", []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512},
			func(a jws.Algorithm) (any, error) { return jws.NewVerifier(a, &k.rsa[0].PublicKey) }},
		{"NewVerifier(ECDSA key)", []jws.Algorithm{jws.ES256},
			func(a jws.Algorithm) (any, error) { return jws.NewVerifier(a, &k.p256[0].PublicKey) }},
		{"NewVerifier(Ed25519 key)", []jws.Algorithm{jws.EdDSA, jws.Ed25519},
			func(a jws.Algorithm) (any, error) { return jws.NewVerifier(a, k.ed25519[0].Public()) }},
	}
	constructors = append(constructors, mldsaConstructors(t)...)
	unknown := []jws.Algorithm{"none", "None", "NONE", "nOnE", "", "hs256", "HS-256", "RS1", "ES256K", "ed25519", "Ed448", "EdDSA ", "HS256\x00", "ML-DSA-44 ", "ml-dsa-44", "MLDSA44"}
	unknown = append(unknown, mldsaUnavailable...)
	for _, c := range constructors {
		t.Run(c.name, func(t *testing.T) {
			for _, alg := range c.takes {
				if got, err := c.build(alg); err != nil || isNil(got) {
					t.Errorf("%s(%s) = %v, %v; want a value", c.name, alg, got, err)
				}
			}
			for _, alg := range append(unknown, allAlgorithms...) {
				if slices.Contains(c.takes, alg) {
					continue
				}
				got, err := c.build(alg)
				if !errors.Is(err, jws.ErrUnsupportedAlgorithm) {
					// ES384 and ES512 are ECDSA algorithms: a P-256 key
					// does not suit them (ecdsa_test.go checks that).
					if strings.HasPrefix(string(alg), "ES") && strings.Contains(c.name, "ECDSA") && errors.Is(err, jws.ErrInvalidKey) {
						continue
					}
					// Likewise an ML-DSA-44 key does not suit ML-DSA-65 or
					// ML-DSA-87 (mldsa_go127_test.go checks that).
					if strings.HasPrefix(string(alg), "ML-DSA") && strings.Contains(c.name, "ML-DSA") && errors.Is(err, jws.ErrInvalidKey) {
						continue
					}
					t.Errorf("%s(%q) = %v, want ErrUnsupportedAlgorithm", c.name, alg, err)
					continue
				}
				if !isNil(got) {
					t.Errorf("%s(%q) returned %#v beside the error", c.name, alg, got)
				}
				want := string(alg)
				if alg == "" || strings.EqualFold(want, "none") || strings.ContainsRune(want, 0) {
					want = fmt.Sprintf("%q", alg)
				}
				if msg := err.Error(); !strings.HasPrefix(msg, "jws: unsupported algorithm: ") || !strings.Contains(msg, want) {
					t.Errorf("%s(%q) = %q, want a message naming %s", c.name, alg, msg, want)
				}
			}
		})
	}
}

// TestPrimitivesConcurrent signs and verifies with the same Signers and
// Verifiers from many goroutines; run it with -race.
func TestPrimitivesConcurrent(t *testing.T) {
	k := primKeys(t)
	var signers []jws.Signer
	for _, p := range allPrimitives(t) {
		switch p.signer.Algorithm() {
		case jws.HS256, jws.HS512, jws.RS256, jws.PS256, jws.ES256, jws.ES512, jws.EdDSA, jws.Ed25519, jws.MLDSA44:
			signers = append(signers, p.signer)
		}
	}
	opaque, err := jws.NewSigner(jws.ES384, opaqueSigner{signer: k.p384[0]})
	if err != nil {
		t.Fatal(err)
	}
	signers = append(signers, opaque)
	const goroutines, rounds = 8, 10
	var wg sync.WaitGroup
	for g := range goroutines {
		for _, s := range signers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v := publicVerifier(t, s)
				for i := range rounds {
					in := fmt.Appendf(nil, "%s.g%d.i%d", signingInput, g, i)
					sig, err := s.AppendSignature(nil, in)
					if err != nil {
						t.Error(err)
						return
					}
					if err := v.VerifySignature(in, sig); err != nil {
						t.Errorf("%s VerifySignature = %v", s.Algorithm(), err)
						return
					}
					sig[0] ^= 1
					if err := v.VerifySignature(in, sig); !errors.Is(err, jws.ErrInvalidSignature) {
						t.Errorf("%s VerifySignature(altered) = %v", s.Algorithm(), err)
						return
					}
				}
			}()
		}
	}
	wg.Wait()
}

// TestPrimitiveAllocations pins allocation counts beyond HMAC's
// (TestHMACAllocations): Ed25519, RS256 and PS256 verification allocate
// nothing (RSA once the key has verified a first time), and ES256
// verification no more than crypto/ecdsa alone, plus one: the ASN.1
// signature crypto/ecdsa needs.
func TestPrimitiveAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	k := primKeys(t)
	in := []byte(signingInput)
	buf := make([]byte, 0, 512)
	allocs := func(f func() error) float64 {
		return testing.AllocsPerRun(50, func() {
			if err := f(); err != nil {
				t.Fatal(err)
			}
		})
	}

	ed, err := jws.NewEd25519Signer(k.ed25519[0])
	if err != nil {
		t.Fatal(err)
	}
	edSig, _ := ed.AppendSignature(nil, in)
	if n := allocs(func() error { return ed.Verifier().VerifySignature(in, edSig) }); n != 0 {
		t.Errorf("EdDSA VerifySignature allocates %v times, want 0", n)
	}
	if n := allocs(func() error { _, err := ed.AppendSignature(buf[:0], in); return err }); n != 0 {
		t.Errorf("EdDSA AppendSignature into a buffer with room allocates %v times, want 0", n)
	}

	for _, alg := range []jws.Algorithm{jws.RS256, jws.PS256} {
		rs, err := jws.NewRSASigner(alg, k.rsa[0])
		if err != nil {
			t.Fatal(err)
		}
		rsSig, _ := rs.AppendSignature(nil, in)
		v := rs.Verifier()
		if err := v.VerifySignature(in, rsSig); err != nil { // the first call prepares the modulus
			t.Fatal(err)
		}
		if n := allocs(func() error { return v.VerifySignature(in, rsSig) }); n != 0 {
			t.Errorf("%s VerifySignature allocates %v times, want 0", alg, n)
		}
	}
	d := sha256.Sum256(in)

	es, err := jws.NewECDSASigner(jws.ES256, k.p256[0])
	if err != nil {
		t.Fatal(err)
	}
	esSig, _ := es.AppendSignature(nil, in)
	der, err := ecdsa.SignASN1(rand.Reader, k.p256[0], d[:])
	if err != nil {
		t.Fatal(err)
	}
	base := allocs(func() error {
		if !ecdsa.VerifyASN1(&k.p256[0].PublicKey, d[:], der) {
			return errors.New("VerifyASN1 = false")
		}
		return nil
	})
	if n := allocs(func() error { return es.Verifier().VerifySignature(in, esSig) }); n > base+1 {
		t.Errorf("ES256 VerifySignature allocates %v times, ecdsa.VerifyASN1 alone %v", n, base)
	} else {
		t.Logf("ES256 VerifySignature: %v allocations, ecdsa.VerifyASN1 alone %v", n, base)
	}
}
