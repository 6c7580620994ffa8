package jws_test

import (
	"bytes"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
)

// The PEM files come from ../testdata/pem, written by openssl with the
// commands in its README.

func readPEM(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "pem", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// TestParsePEMKeys signs with every private key file for each algorithm its
// key suits and verifies the token with every public key file of the same
// key: the PKIX, PKCS #1 and certificate forms must give the same key as the
// PKCS #8, PKCS #1 and SEC 1 forms of the private key.
func TestParsePEMKeys(t *testing.T) {
	for _, c := range []struct {
		algs    []jws.Algorithm
		private []string
		public  []string
	}{
		{
			[]jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512},
			[]string{"rsa2048.pkcs8.pem", "rsa2048.pkcs1.pem"},
			[]string{"rsa2048.pub.pem", "rsa2048.pkcs1pub.pem", "rsa2048.cert.pem"},
		},
		{[]jws.Algorithm{jws.ES256}, []string{"p256.sec1.pem", "p256.pkcs8.pem"}, []string{"p256.pub.pem"}},
		{[]jws.Algorithm{jws.ES384}, []string{"p384.sec1.pem", "p384.pkcs8.pem"}, []string{"p384.pub.pem"}},
		{[]jws.Algorithm{jws.ES512}, []string{"p521.sec1.pem", "p521.pkcs8.pem"}, []string{"p521.pub.pem"}},
		{[]jws.Algorithm{jws.EdDSA}, []string{"ed25519.pkcs8.pem"}, []string{"ed25519.pub.pem"}},
	} {
		for _, alg := range c.algs {
			for _, priv := range c.private {
				t.Run(string(alg)+"/"+priv, func(t *testing.T) {
					s, err := jws.ParsePEMSigner(alg, readPEM(t, priv))
					if err != nil {
						t.Fatalf("ParsePEMSigner(%s, %s) = %v", alg, priv, err)
					}
					if s.Algorithm() != alg || s.Verifier().Algorithm() != alg {
						t.Fatalf("Algorithm() = %s, Verifier().Algorithm() = %s, want %s", s.Algorithm(), s.Verifier().Algorithm(), alg)
					}
					token, err := jws.Sign(s, jws.Header{}, []byte(priv))
					if err != nil {
						t.Fatal(err)
					}
					if _, _, err := jws.Verify(s.Verifier(), token); err != nil {
						t.Errorf("Verify with the signer's own Verifier = %v", err)
					}
					for _, pub := range c.public {
						v, err := jws.ParsePEMVerifier(alg, readPEM(t, pub))
						if err != nil {
							t.Fatalf("ParsePEMVerifier(%s, %s) = %v", alg, pub, err)
						}
						if v.Algorithm() != alg {
							t.Errorf("ParsePEMVerifier(%s, %s).Algorithm() = %s", alg, pub, v.Algorithm())
						}
						if _, payload, err := jws.Verify(v, token); err != nil || string(payload) != priv {
							t.Errorf("Verify with %s = %q, %v; want %q, nil", pub, payload, err, priv)
						}
					}
				})
			}
		}
	}
}

// TestParsePEMOtherKeyRefused checks that a verifier from one key file
// refuses a token of another key of the same algorithm.
func TestParsePEMOtherKeyRefused(t *testing.T) {
	s, err := jws.ParsePEMSigner(jws.RS256, readPEM(t, "rsa2048.pkcs8.pem"))
	if err != nil {
		t.Fatal(err)
	}
	token, err := jws.Sign(s, jws.Header{}, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	// Replace the signature by one of the same length from a random key.
	other := primKeys(t).rsa[0]
	o, err := jws.NewRSASigner(jws.RS256, other)
	if err != nil {
		t.Fatal(err)
	}
	forged, err := jws.Sign(o, jws.Header{}, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jws.ParsePEMVerifier(jws.RS256, readPEM(t, "rsa2048.cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := jws.Verify(v, token); err != nil {
		t.Fatalf("Verify(own token) = %v", err)
	}
	if _, _, err := jws.Verify(v, forged); !errors.Is(err, jws.ErrInvalidSignature) {
		t.Errorf("Verify(token of another key) = %v, want ErrInvalidSignature", err)
	}
}

func TestParsePEMErrors(t *testing.T) {
	rsaPriv := readPEM(t, "rsa2048.pkcs8.pem")
	rsaPub := readPEM(t, "rsa2048.pub.pem")
	cert := readPEM(t, "rsa2048.cert.pem")
	p256 := readPEM(t, "p256.sec1.pem")
	block, _ := pem.Decode(rsaPriv)
	withHeader := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Headers: map[string]string{"Comment": "test"}, Bytes: block.Bytes})
	relabelled := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: block.Bytes})
	garbage := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte("not DER")})
	oddType := pem.EncodeToMemory(&pem.Block{Type: "KEY\x1b[31m", Bytes: []byte{1}})
	pubBlock, _ := pem.Decode(rsaPub)
	garbagePub := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubBlock.Bytes[:40]})
	badBody := bytes.Replace(rsaPriv, []byte("\n"), []byte("\n!"), 3)
	noEnd := rsaPriv[:bytes.LastIndex(rsaPriv, []byte("-----END"))]
	crlf := bytes.ReplaceAll(rsaPriv, []byte("\n"), []byte("\r\n"))

	type tc struct {
		name string
		alg  jws.Algorithm
		data []byte
		want error  // nil: success
		text string // the error message must contain it
	}
	signerCases := []tc{
		{"CRLF line ends", jws.RS256, crlf, nil, ""},
		{"surrounding whitespace", jws.RS256, append(append([]byte("\n\n"), rsaPriv...), "\n \n"...), nil, ""},
		{"RSA 1024", jws.RS256, readPEM(t, "rsa1024.pkcs8.pem"), jws.ErrInvalidKey, "at least 2048 bits"},
		{"RSA key for ES256", jws.ES256, rsaPriv, jws.ErrUnsupportedAlgorithm, "ES256 cannot be used with an RSA key"},
		{"P-256 key for ES384", jws.ES384, p256, jws.ErrInvalidKey, "P-384"},
		{"P-256 key for EdDSA", jws.EdDSA, p256, jws.ErrUnsupportedAlgorithm, "EdDSA cannot be used with an ECDSA key"},
		{"Ed25519 key for RS256", jws.RS256, readPEM(t, "ed25519.pkcs8.pem"), jws.ErrUnsupportedAlgorithm, "RS256 cannot be used with an Ed25519 key"},
		{"HS256", jws.HS256, rsaPriv, jws.ErrUnsupportedAlgorithm, "use NewHMAC"},
		{"none", "none", rsaPriv, jws.ErrUnsupportedAlgorithm, "unsecured"},
		{"unknown algorithm", "RS1", rsaPriv, jws.ErrUnsupportedAlgorithm, "not an algorithm"},
		{"encrypted PKCS #8", jws.RS256, readPEM(t, "rsa2048.pkcs8-encrypted.pem"), jws.ErrInvalidKey, "encrypted"},
		{"encrypted PKCS #1", jws.RS256, readPEM(t, "rsa2048.pkcs1-encrypted.pem"), jws.ErrInvalidKey, "encrypted"},
		{"public key", jws.RS256, rsaPub, jws.ErrInvalidKey, "PUBLIC KEY PEM block cannot sign"},
		{"PKCS #1 public key", jws.RS256, readPEM(t, "rsa2048.pkcs1pub.pem"), jws.ErrInvalidKey, "cannot sign"},
		{"certificate", jws.RS256, cert, jws.ErrInvalidKey, "CERTIFICATE PEM block cannot sign"},
		{"X25519", jws.EdDSA, readPEM(t, "x25519.pkcs8.pem"), jws.ErrInvalidKey, "cannot sign"},
		{"EC PARAMETERS alone", jws.ES256, readPEM(t, "p256.params.pem"), jws.ErrInvalidKey, "-noout"},
		{"EC PARAMETERS then key", jws.ES256, append(readPEM(t, "p256.params.pem"), p256...), jws.ErrMalformed, "2 PEM blocks where one is expected (the first is EC PARAMETERS)"},
		{"two keys", jws.RS256, append(bytes.Clone(rsaPriv), rsaPriv...), jws.ErrMalformed, "2 PEM blocks"},
		{"trailing data", jws.RS256, append(bytes.Clone(rsaPriv), "trailing"...), jws.ErrMalformed, "data after the PRIVATE KEY PEM block"},
		{"leading data", jws.RS256, append([]byte("Bag Attributes\n"), rsaPriv...), jws.ErrMalformed, "data before the PEM block"},
		{"broken block before a good one", jws.RS256, append(bytes.Clone(noEnd), rsaPriv...), jws.ErrMalformed, "not well formed"},
		{"empty", jws.RS256, nil, jws.ErrMalformed, "no PEM block"},
		{"not PEM", jws.RS256, []byte("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), jws.ErrMalformed, "no PEM block"},
		{"no END line", jws.RS256, noEnd, jws.ErrMalformed, "not well formed"},
		{"bad base64", jws.RS256, badBody, jws.ErrMalformed, "not well formed"},
		{"PEM header", jws.RS256, withHeader, jws.ErrMalformed, "headers"},
		{"PKCS #8 labelled PKCS #1", jws.RS256, relabelled, jws.ErrMalformed, "RSA PRIVATE KEY PEM block does not parse"},
		{"not DER", jws.RS256, garbage, jws.ErrMalformed, "does not parse"},
		{"unknown type, quoted", jws.RS256, oddType, jws.ErrInvalidKey, `"KEY\x1b[31m"`},
		{"OpenSSH key", jws.EdDSA, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"), jws.ErrInvalidKey, "ssh-keygen"},
	}
	verifierCases := []tc{
		{"CRLF line ends", jws.RS256, bytes.ReplaceAll(rsaPub, []byte("\n"), []byte("\r\n")), nil, ""},
		{"RSA 1024", jws.RS256, readPEM(t, "rsa1024.pub.pem"), jws.ErrInvalidKey, "at least 2048 bits"},
		{"RSA key for ES256", jws.ES256, rsaPub, jws.ErrUnsupportedAlgorithm, "ES256 cannot be used with an RSA key"},
		{"certificate for EdDSA", jws.EdDSA, cert, jws.ErrUnsupportedAlgorithm, "EdDSA cannot be used with an RSA key"},
		{"P-384 key for ES256", jws.ES256, readPEM(t, "p384.pub.pem"), jws.ErrInvalidKey, "P-256"},
		{"Ed25519 key for ES256", jws.ES256, readPEM(t, "ed25519.pub.pem"), jws.ErrUnsupportedAlgorithm, "ES256 cannot be used with an Ed25519 key"},
		{"X25519", jws.EdDSA, readPEM(t, "x25519.pub.pem"), jws.ErrInvalidKey, "cannot verify"},
		{"HS512", jws.HS512, rsaPub, jws.ErrUnsupportedAlgorithm, "use NewHMAC"},
		{"private key", jws.RS256, rsaPriv, jws.ErrInvalidKey, "where a public key is expected"},
		{"SEC 1 private key", jws.ES256, p256, jws.ErrInvalidKey, "where a public key is expected"},
		{"encrypted key", jws.RS256, readPEM(t, "rsa2048.pkcs8-encrypted.pem"), jws.ErrInvalidKey, "where a public key is expected"},
		{"certificate chain", jws.RS256, append(bytes.Clone(cert), cert...), jws.ErrMalformed, "2 PEM blocks where one is expected (the first is CERTIFICATE)"},
		{"trailing data", jws.RS256, append(bytes.Clone(rsaPub), "x"...), jws.ErrMalformed, "data after"},
		{"truncated DER", jws.RS256, garbagePub, jws.ErrMalformed, "PUBLIC KEY PEM block does not parse"},
		{"EC PARAMETERS", jws.ES256, readPEM(t, "p256.params.pem"), jws.ErrInvalidKey, "not a key"},
		{"empty", jws.RS256, []byte("\n"), jws.ErrMalformed, "no PEM block"},
	}
	check := func(t *testing.T, fn string, c tc, got any, err error) {
		t.Helper()
		if c.want == nil {
			if err != nil || got == nil {
				t.Fatalf("%s(%s) = %v, %v; want a result", fn, c.alg, got, err)
			}
			return
		}
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%s(%s) error = %v; want %v containing %q", fn, c.alg, err, c.want, c.text)
		}
		if got != nil {
			t.Errorf("%s(%s) = %v with an error, want nil", fn, c.alg, got)
		}
		if !strings.HasPrefix(err.Error(), "jws: ") {
			t.Errorf("error %q lacks the \"jws: \" prefix", err)
		}
	}
	for _, c := range signerCases {
		t.Run("Signer/"+c.name, func(t *testing.T) {
			s, err := jws.ParsePEMSigner(c.alg, c.data)
			var got any
			if s != nil {
				got = s
			}
			check(t, "ParsePEMSigner", c, got, err)
		})
	}
	for _, c := range verifierCases {
		t.Run("Verifier/"+c.name, func(t *testing.T) {
			v, err := jws.ParsePEMVerifier(c.alg, c.data)
			var got any
			if v != nil {
				got = v
			}
			check(t, "ParsePEMVerifier", c, got, err)
		})
	}
}

// FuzzParsePEM checks that the PEM parsers never panic, return a result or
// an error and never both, and that a result is bound to the algorithm
// asked for.
func FuzzParsePEM(f *testing.F) {
	entries, err := os.ReadDir(filepath.Join("..", "testdata", "pem"))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pem") {
			f.Add(readPEM(f, e.Name()), uint8(0))
		}
	}
	algs := []jws.Algorithm{jws.RS256, jws.PS512, jws.ES256, jws.ES384, jws.ES512, jws.EdDSA, jws.HS256}
	f.Fuzz(func(t *testing.T, data []byte, a uint8) {
		alg := algs[int(a)%len(algs)]
		s, err := jws.ParsePEMSigner(alg, data)
		if (s == nil) == (err == nil) {
			t.Fatalf("ParsePEMSigner = %v, %v: want exactly one", s, err)
		}
		if s != nil && (s.Algorithm() != alg || s.Verifier().Algorithm() != alg) {
			t.Fatalf("ParsePEMSigner(%s) gave a signer for %s", alg, s.Algorithm())
		}
		v, err := jws.ParsePEMVerifier(alg, data)
		if (v == nil) == (err == nil) {
			t.Fatalf("ParsePEMVerifier = %v, %v: want exactly one", v, err)
		}
		if v != nil && v.Algorithm() != alg {
			t.Fatalf("ParsePEMVerifier(%s) gave a verifier for %s", alg, v.Algorithm())
		}
		if s != nil && v != nil {
			t.Fatalf("the same data parsed as a private and as a public key")
		}
	})
}
