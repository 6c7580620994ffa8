package jws_test

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"testing"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
)

// TestNewSigner builds a Signer with NewSigner from each kind of key, both
// the concrete private key and an opaque crypto.Signer, and checks its
// signatures with a Verifier built separately from the public key.
func TestNewSigner(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	type keyCase struct {
		alg    jws.Algorithm
		key    crypto.Signer
		verify func(t *testing.T) jws.Verifier
	}
	var cases []keyCase
	for _, alg := range []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512} {
		cases = append(cases, keyCase{alg, k.rsa[0], func(t *testing.T) jws.Verifier {
			v, err := jws.NewRSAVerifier(alg, &k.rsa[0].PublicKey)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}})
	}
	for _, alg := range []jws.Algorithm{jws.ES256, jws.ES384, jws.ES512} {
		key := k.ecKey(alg, 0)
		cases = append(cases, keyCase{alg, key, func(t *testing.T) jws.Verifier {
			v, err := jws.NewECDSAVerifier(alg, &key.PublicKey)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}})
	}
	cases = append(cases, keyCase{jws.EdDSA, k.ed25519[0], func(t *testing.T) jws.Verifier {
		v, err := jws.NewEd25519Verifier(k.ed25519[0].Public().(ed25519.PublicKey))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}})

	for _, c := range cases {
		for _, opaque := range []bool{false, true} {
			name := fmt.Sprintf("%s/%T", c.alg, c.key)
			key := c.key
			calls := 0
			if opaque {
				name = fmt.Sprintf("%s/opaque", c.alg)
				key = opaqueSigner{signer: c.key, calls: &calls}
			}
			t.Run(name, func(t *testing.T) {
				s, err := jws.NewSigner(c.alg, key)
				if err != nil {
					t.Fatalf("NewSigner = %v", err)
				}
				if s.Algorithm() != c.alg {
					t.Errorf("Algorithm() = %s, want %s", s.Algorithm(), c.alg)
				}
				wantType := map[byte]string{'R': "*jws.RSASigner", 'P': "*jws.RSASigner", 'E': "*jws.ECDSASigner"}[c.alg[0]]
				if c.alg == jws.EdDSA {
					wantType = "*jws.Ed25519Signer"
				}
				if got := fmt.Sprintf("%T", s); got != wantType {
					t.Errorf("NewSigner returned a %s, want a %s", got, wantType)
				}
				independent := c.verify(t)
				for i := range 3 {
					sig, err := s.AppendSignature([]byte("x"), in)
					if err != nil {
						t.Fatalf("AppendSignature = %v", err)
					}
					if sig[0] != 'x' {
						t.Fatalf("AppendSignature dropped dst")
					}
					sig = sig[1:]
					if err := independent.VerifySignature(in, sig); err != nil {
						t.Fatalf("signature %d: VerifySignature = %v", i, err)
					}
					if err := publicVerifier(t, s).VerifySignature(in, sig); err != nil {
						t.Fatalf("signature %d: the Signer's own Verifier: VerifySignature = %v", i, err)
					}
				}
				if opaque && calls != 3 {
					t.Errorf("the crypto.Signer was called %d times, want 3", calls)
				}
			})
		}
	}
}

func TestNewSignerRefusals(t *testing.T) {
	k := primKeys(t)
	ecdhKey, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	opaque := func(s crypto.Signer) crypto.Signer { return opaqueSigner{signer: s} }
	tests := []struct {
		name string
		alg  jws.Algorithm
		key  crypto.Signer
		want error
		msg  string
	}{
		{"nil key", jws.RS256, nil, jws.ErrInvalidKey, "NewSigner needs a key, got nil"},
		{"nil RSA key", jws.RS256, (*rsa.PrivateKey)(nil), jws.ErrInvalidKey, "RS256 needs an RSA private key, got nil"},
		{"HS256", jws.HS256, k.rsa[0], jws.ErrUnsupportedAlgorithm, "NewSigner does not take HS256, whose key is a shared secret: use NewHMAC"},
		{"HS512", jws.HS512, opaque(k.p256[0]), jws.ErrUnsupportedAlgorithm, "use NewHMAC"},
		{"none", "none", k.rsa[0], jws.ErrUnsupportedAlgorithm, `"none"`},
		{"empty", "", k.rsa[0], jws.ErrUnsupportedAlgorithm, `"" is not an algorithm signet implements`},
		{"RS256 with ECDSA", jws.RS256, k.p256[0], jws.ErrUnsupportedAlgorithm, "RS256 cannot be used with an ECDSA key"},
		{"PS256 with opaque ECDSA", jws.PS256, opaque(k.p256[0]), jws.ErrUnsupportedAlgorithm, "PS256 cannot be used with an ECDSA key"},
		{"ES256 with RSA", jws.ES256, k.rsa[0], jws.ErrUnsupportedAlgorithm, "ES256 cannot be used with an RSA key"},
		{"ES256 with opaque RSA", jws.ES256, opaque(k.rsa[0]), jws.ErrUnsupportedAlgorithm, "ES256 cannot be used with an RSA key"},
		{"EdDSA with RSA", jws.EdDSA, k.rsa[0], jws.ErrUnsupportedAlgorithm, "EdDSA cannot be used with an RSA key"},
		{"EdDSA with opaque ECDSA", jws.EdDSA, opaque(k.p256[0]), jws.ErrUnsupportedAlgorithm, "EdDSA cannot be used with an ECDSA key"},
		{"ES256 with Ed25519", jws.ES256, k.ed25519[0], jws.ErrUnsupportedAlgorithm, "ES256 cannot be used with an Ed25519 key"},
		{"RS256 with opaque Ed25519", jws.RS256, opaque(k.ed25519[0]), jws.ErrUnsupportedAlgorithm, "RS256 cannot be used with an Ed25519 key"},
		{"ES256 with P-384", jws.ES256, k.p384[0], jws.ErrInvalidKey, "ES256 needs a key on P-256, got one on P-384"},
		{"ES512 with opaque P-224", jws.ES512, opaque(k.p224), jws.ErrInvalidKey, "ES512 needs a key on P-521, got one on P-224"},
		{"RS256 with 1024 bits", jws.RS256, k.rsa1024, jws.ErrInvalidKey, "at least 2048 bits, got 1024"},
		{"PS256 with opaque 1024 bits", jws.PS256, opaque(k.rsa1024), jws.ErrInvalidKey, "at least 2048 bits, got 1024"},
		{"RSA exponent 1", jws.RS256, fakeSigner{pub: &rsa.PublicKey{N: k.rsa[0].N, E: 1}}, jws.ErrInvalidKey, "exponent is 1"},
		//lint:ignore SA1019 a point off the curve can only be built through the deprecated coordinates
		{"ECDSA point off the curve", jws.ES256, fakeSigner{pub: &ecdsa.PublicKey{Curve: k.p256[0].Curve, X: k.p256[0].X, Y: k.p256[0].X}}, jws.ErrInvalidKey, "not a valid point on P-256"},
		{"short Ed25519 key", jws.EdDSA, fakeSigner{pub: ed25519.PublicKey(make([]byte, 31))}, jws.ErrInvalidKey, "got 31"},
		{"nil RSA public key", jws.RS256, fakeSigner{pub: (*rsa.PublicKey)(nil)}, jws.ErrInvalidKey, "RS256 needs an RSA public key, got nil"},
		{"nil ECDSA public key", jws.ES256, fakeSigner{pub: (*ecdsa.PublicKey)(nil)}, jws.ErrInvalidKey, "ES256 needs an ECDSA public key, got nil"},
		{"X25519 key", jws.EdDSA, fakeSigner{pub: ecdhKey.PublicKey()}, jws.ErrInvalidKey, "keys, not *ecdh.PublicKey"},
		{"no public key", jws.ES256, fakeSigner{}, jws.ErrInvalidKey, "Public method returned nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := jws.NewSigner(tt.alg, tt.key)
			checkRefused(t, s, err, tt.want, tt.msg)
		})
	}
}

// TestNewSignerSignerFailures checks what AppendSignature does with what
// a crypto.Signer returns: its errors, and signatures of the wrong shape.
func TestNewSignerSignerFailures(t *testing.T) {
	k := primKeys(t)
	in := []byte(signingInput)
	errHSM := errors.New("hsm: device unplugged")
	sign := func(t *testing.T, alg jws.Algorithm, f fakeSigner) ([]byte, error) {
		t.Helper()
		s, err := jws.NewSigner(alg, f)
		if err != nil {
			t.Fatal(err)
		}
		return s.AppendSignature([]byte("dst"), in)
	}
	rsaPub, ecPub, edPub := &k.rsa[0].PublicKey, &k.p256[0].PublicKey, k.ed25519[0].Public()

	for _, c := range []struct {
		alg jws.Algorithm
		pub crypto.PublicKey
	}{{jws.RS256, rsaPub}, {jws.PS256, rsaPub}, {jws.ES256, ecPub}, {jws.EdDSA, edPub}} {
		got, err := sign(t, c.alg, fakeSigner{pub: c.pub, err: errHSM})
		if !errors.Is(err, errHSM) || !errors.Is(err, jws.ErrInvalidKey) || got != nil {
			t.Errorf("%s AppendSignature with a failing signer = %q, %v; want nil and its error with ErrInvalidKey", c.alg, got, err)
		} else if want := fmt.Sprintf("jws: invalid key: the %s signer failed: hsm: device unplugged", c.alg); err.Error() != want {
			t.Errorf("%s AppendSignature error = %q, want %q", c.alg, err, want)
		}
	}

	// An RSA signature longer than the modulus is refused; a shorter one
	// is left-padded to the modulus size.
	got, err := sign(t, jws.RS256, fakeSigner{pub: rsaPub, sig: make([]byte, 257)})
	if !errors.Is(err, jws.ErrInvalidSignature) || got != nil {
		t.Errorf("AppendSignature(257-byte RSA signature) = %q, %v; want ErrInvalidSignature", got, err)
	}
	short := bytes.Repeat([]byte{0xab}, 250)
	got, err = sign(t, jws.RS256, fakeSigner{pub: rsaPub, sig: short})
	if err != nil {
		t.Fatal(err)
	}
	if want := append(append([]byte("dst"), make([]byte, 6)...), short...); !bytes.Equal(got, want) {
		t.Errorf("AppendSignature(250-byte RSA signature) = %x, want %x", got, want)
	}

	for _, n := range []int{0, 63, 65} {
		got, err := sign(t, jws.EdDSA, fakeSigner{pub: edPub, sig: make([]byte, n)})
		if !errors.Is(err, jws.ErrInvalidSignature) || got != nil {
			t.Errorf("AppendSignature(%d-byte Ed25519 signature) = %q, %v; want ErrInvalidSignature", n, got, err)
		}
	}
}

// TestNewSignerDER checks the conversion of the DER signatures of an
// ECDSA crypto.Signer to R‖S, on each curve.
func TestNewSignerDER(t *testing.T) {
	k := primKeys(t)
	int32b := func(b ...byte) []byte { return append(make([]byte, 32-len(b)), b...) }
	high := bytes.Repeat([]byte{0x80}, 32)
	p521r := append([]byte{0x01}, bytes.Repeat([]byte{0xff}, 65)...)
	tests := []struct {
		name string
		alg  jws.Algorithm
		der  []byte
		want []byte // nil: refused
	}{
		{"r=s=1", jws.ES256, []byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, append(int32b(1), int32b(1)...)},
		{"high bits", jws.ES256, append(append([]byte{0x30, 0x46, 0x02, 0x21, 0x00}, high...), append([]byte{0x02, 0x21, 0x00}, high...)...), append(bytes.Clone(high), high...)},
		{"P-521, long-form length", jws.ES512, append(append([]byte{0x30, 0x81, 0x88, 0x02, 0x42}, p521r...), append([]byte{0x02, 0x42}, p521r...)...), append(bytes.Clone(p521r), p521r...)},
		{"ES384 r=0x7f s=0x0100", jws.ES384, []byte{0x30, 0x07, 0x02, 0x01, 0x7f, 0x02, 0x02, 0x01, 0x00}, append(append(make([]byte, 47), 0x7f), append(make([]byte, 46), 1, 0)...)},

		{"empty", jws.ES256, []byte{}, nil},
		{"not a SEQUENCE", jws.ES256, []byte{0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, nil},
		{"trailing data", jws.ES256, []byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00}, nil},
		{"third INTEGER", jws.ES256, []byte{0x30, 0x09, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, nil},
		{"one INTEGER", jws.ES256, []byte{0x30, 0x03, 0x02, 0x01, 0x01}, nil},
		{"short SEQUENCE", jws.ES256, []byte{0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, nil},
		{"non-minimal length", jws.ES256, []byte{0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, nil},
		{"indefinite length", jws.ES256, []byte{0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00, 0x00}, nil},
		{"two-octet length", jws.ES256, []byte{0x30, 0x82, 0x00, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, nil},
		{"BIT STRING", jws.ES256, []byte{0x30, 0x06, 0x03, 0x01, 0x01, 0x02, 0x01, 0x01}, nil},
		{"negative r", jws.ES256, []byte{0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01}, nil},
		{"non-minimal r", jws.ES256, []byte{0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01}, nil},
		{"empty r", jws.ES256, []byte{0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01}, nil},
		{"r=0", jws.ES256, []byte{0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01}, nil},
		{"s=0", jws.ES256, []byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00}, nil},
		{"r of 33 bytes", jws.ES256, append(append([]byte{0x30, 0x26, 0x02, 0x21}, bytes.Repeat([]byte{0x01}, 33)...), 0x02, 0x01, 0x01), nil},
		{"P-384 r for ES256", jws.ES256, append(append([]byte{0x30, 0x35, 0x02, 0x30}, bytes.Repeat([]byte{0x01}, 48)...), 0x02, 0x01, 0x01), nil},
		{"raw R‖S", jws.ES256, bytes.Repeat([]byte{0x30}, 64), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := jws.NewSigner(tt.alg, fakeSigner{pub: &k.ecKey(tt.alg, 0).PublicKey, sig: tt.der})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.AppendSignature([]byte("dst"), []byte(signingInput))
			if tt.want == nil {
				if !errors.Is(err, jws.ErrInvalidSignature) || got != nil {
					t.Fatalf("AppendSignature(%x) = %x, %v; want ErrInvalidSignature", tt.der, got, err)
				}
				if !strings.HasPrefix(err.Error(), "jws: invalid signature: the "+string(tt.alg)+" signer returned ") {
					t.Errorf("err = %q", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("AppendSignature(%x) = %v", tt.der, err)
			}
			if want := append([]byte("dst"), tt.want...); !bytes.Equal(got, want) {
				t.Errorf("AppendSignature(%x) = %x, want %x", tt.der, got, want)
			}
		})
	}
}

// FuzzNewSignerDER feeds arbitrary bytes as the DER signature of an
// ECDSA crypto.Signer. Oracle: encoding/asn1. What the conversion accepts,
// encoding/asn1 parses to the same R and S and re-encodes to the same
// bytes (strict DER); what it refuses is not such a canonical encoding of
// R and S in range.
func FuzzNewSignerDER(f *testing.F) {
	k := primKeys(f)
	for _, alg := range []jws.Algorithm{jws.ES256, jws.ES384, jws.ES512} {
		der, err := ecdsa.SignASN1(rand.Reader, k.ecKey(alg, 0), make([]byte, 32))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(der)
	}
	f.Add([]byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01})
	f.Add([]byte{0x30, 0x07, 0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x01})
	f.Add([]byte{0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01})
	signers := map[jws.Algorithm]int{jws.ES256: 32, jws.ES384: 48, jws.ES512: 66}
	f.Fuzz(func(t *testing.T, der []byte) {
		var rs struct{ R, S *big.Int }
		rest, asn1Err := asn1.Unmarshal(der, &rs)
		canonical := false
		if asn1Err == nil && len(rest) == 0 && rs.R.Sign() > 0 && rs.S.Sign() > 0 {
			re, err := asn1.Marshal(rs)
			canonical = err == nil && bytes.Equal(re, der)
		}
		for alg, size := range signers {
			s, err := jws.NewSigner(alg, fakeSigner{pub: &k.ecKey(alg, 0).PublicKey, sig: der})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.AppendSignature(nil, nil)
			fits := canonical && rs.R.BitLen() <= 8*size && rs.S.BitLen() <= 8*size
			if err != nil {
				if got != nil {
					t.Fatalf("%s: AppendSignature(%x) = %x beside %v", alg, der, got, err)
				}
				if fits {
					t.Fatalf("%s: AppendSignature(%x) = %v; encoding/asn1 reads r=%x s=%x", alg, der, err, rs.R, rs.S)
				}
				continue
			}
			if !fits {
				t.Fatalf("%s: AppendSignature(%x) = %x; encoding/asn1: canonical %v, %v", alg, der, got, canonical, asn1Err)
			}
			want := append(rs.R.FillBytes(make([]byte, size)), rs.S.FillBytes(make([]byte, size))...)
			if !bytes.Equal(got, want) {
				t.Fatalf("%s: AppendSignature(%x) = %x, want %x", alg, der, got, want)
			}
		}
	})
}

// hsmKey stands for a key held in an HSM: it signs through crypto.Signer
// and never shows its private half.
type hsmKey struct{ key ed25519.PrivateKey }

func (h hsmKey) Public() crypto.PublicKey { return h.key.Public() }

func (h hsmKey) Sign(rand io.Reader, message []byte, opts crypto.SignerOpts) ([]byte, error) {
	return h.key.Sign(rand, message, opts)
}

func ExampleNewSigner() {
	seed := bytes.Repeat([]byte{7}, ed25519.SeedSize)
	var key crypto.Signer = hsmKey{ed25519.NewKeyFromSeed(seed)}

	signer, err := jws.NewSigner(jws.EdDSA, key)
	if err != nil {
		fmt.Println(err)
		return
	}
	input := []byte("eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhZGEifQ")
	sig, err := signer.AppendSignature(nil, input)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(base64url.EncodeToString(sig))

	// The Signer's public half, to verify with or to publish.
	verifier := signer.Verifier()
	fmt.Println(verifier.Algorithm(), verifier.VerifySignature(input, sig))

	_, err = jws.NewSigner(jws.HS256, key)
	fmt.Println(err)
	// Output:
	// p4UDZv-5AGNXCSWF8sDgZN66yqRI6dd85eusI6-WTqgrOXqoZb652SYB04mlY-gqB-7i3ke6JP5jzlFKNG7eAw
	// EdDSA <nil>
	// jws: unsupported algorithm: NewSigner does not take HS256, whose key is a shared secret: use NewHMAC
}
