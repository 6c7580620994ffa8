package jws_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
)

// rfcVector is one compact-serialization example of testdata/rfc (see
// testdata/rfc/README.md for the schema).
type rfcVector struct {
	Name                    string            `json:"name"`
	Alg                     json.RawMessage   `json:"alg"`
	JWK                     map[string]string `json:"jwk"`
	Serialization           string            `json:"serialization"`
	Token                   json.RawMessage   `json:"token"`
	ExpectedHeaderRaw       string            `json:"expected_header_raw"`
	ExpectedPayloadRaw      string            `json:"expected_payload_raw"`
	VerificationMustSucceed bool              `json:"verification_must_succeed"`
	JWE                     bool              `json:"jwe"`
}

func loadRFCVectors(t *testing.T, file string) []rfcVector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "rfc", file))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Vectors []rfcVector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc.Vectors
}

// keysFromJWK builds a Signer (nil for a public key) and a Verifier from an
// RFC example JWK. It is a test helper independent of the package's own JWK
// support, so that the two check each other.
func keysFromJWK(t *testing.T, alg jws.Algorithm, jwk map[string]string) (jws.Signer, jws.Verifier) {
	t.Helper()
	b := func(name string) []byte {
		v, err := base64url.DecodeString(jwk[name])
		if err != nil {
			t.Fatalf("jwk %s: %v", name, err)
		}
		return v
	}
	n := func(name string) *big.Int { return new(big.Int).SetBytes(b(name)) }
	switch jwk["kty"] {
	case "oct":
		h, err := jws.NewHMAC(alg, b("k"))
		if err != nil {
			t.Fatal(err)
		}
		return h, h
	case "RSA":
		pub := rsa.PublicKey{N: n("n"), E: int(n("e").Int64())}
		if jwk["d"] == "" {
			v, err := jws.NewRSAVerifier(alg, &pub)
			if err != nil {
				t.Fatal(err)
			}
			return nil, v
		}
		priv := &rsa.PrivateKey{PublicKey: pub, D: n("d"), Primes: []*big.Int{n("p"), n("q")}}
		priv.Precompute()
		s, err := jws.NewRSASigner(alg, priv)
		if err != nil {
			t.Fatal(err)
		}
		return s, s.Verifier()
	case "EC":
		curves := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}
		curve := curves[jwk["crv"]]
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, append(append([]byte{4}, b("x")...), b("y")...))
		if err != nil {
			t.Fatalf("jwk x, y: %v", err)
		}
		if jwk["d"] == "" {
			v, err := jws.NewECDSAVerifier(alg, pub)
			if err != nil {
				t.Fatal(err)
			}
			return nil, v
		}
		priv, err := ecdsa.ParseRawPrivateKey(curve, b("d"))
		if err != nil {
			t.Fatalf("jwk d: %v", err)
		}
		if !priv.PublicKey.Equal(pub) {
			t.Fatal("jwk d does not match x, y")
		}
		s, err := jws.NewECDSASigner(alg, priv)
		if err != nil {
			t.Fatal(err)
		}
		return s, s.Verifier()
	case "OKP":
		if jwk["d"] == "" {
			v, err := jws.NewEd25519Verifier(ed25519.PublicKey(b("x")))
			if err != nil {
				t.Fatal(err)
			}
			return nil, v
		}
		s, err := jws.NewEd25519Signer(ed25519.NewKeyFromSeed(b("d")))
		if err != nil {
			t.Fatal(err)
		}
		return s, s.Verifier()
	}
	t.Fatalf("unsupported kty %q", jwk["kty"])
	return nil, nil
}

// TestRFCVectors verifies the compact examples of RFC 7515 Appendix A,
// RFC 7519 and RFC 8037 Appendix A: those that must verify do, with the
// exact header and payload octets; deterministic algorithms re-sign to the
// identical signature; the unsecured and encrypted ones are refused.
func TestRFCVectors(t *testing.T) {
	counts := map[string]int{}
	for _, file := range []string{"rfc7515.json", "rfc7519.json", "rfc8037.json"} {
		for _, v := range loadRFCVectors(t, file) {
			if v.Serialization != "compact" {
				// RFC 7515 A.6 and A.7 are the JSON serializations, which
				// signet does not implement (compact only, by design).
				t.Logf("%s: %s serialization is out of scope (compact only)", v.Name, v.Serialization)
				counts["out of scope"]++
				continue
			}
			t.Run(v.Name, func(t *testing.T) {
				var token string
				if err := json.Unmarshal(v.Token, &token); err != nil {
					t.Fatal(err)
				}
				var alg jws.Algorithm
				if err := json.Unmarshal(v.Alg, &alg); err != nil {
					t.Fatal(err)
				}
				if !v.VerificationMustSucceed {
					counts["refused"]++
					testRFCRefused(t, v, token)
					return
				}
				counts["verified"]++
				signer, verifier := keysFromJWK(t, alg, v.JWK)
				h, payload, err := jws.Verify(verifier, token)
				if err != nil {
					t.Fatalf("Verify(%q) = %v", token, err)
				}
				if h.Algorithm != alg {
					t.Errorf("header alg = %q, want %q", h.Algorithm, alg)
				}
				if string(payload) != v.ExpectedPayloadRaw {
					t.Errorf("payload = %q, want %q", payload, v.ExpectedPayloadRaw)
				}
				_, unverified, err := jws.ParseUnverified(token)
				if err != nil || string(unverified) != v.ExpectedPayloadRaw {
					t.Errorf("ParseUnverified = %q, %v, want %q, nil", unverified, err, v.ExpectedPayloadRaw)
				}
				if signer == nil {
					return
				}
				last := lastDot(token)
				switch alg {
				case jws.HS256, jws.RS256, jws.EdDSA:
					// Deterministic: the same signing input gives the same signature.
					sig, err := signer.AppendSignature(nil, []byte(token[:last]))
					if err != nil {
						t.Fatal(err)
					}
					if got := token[:last+1] + base64url.EncodeToString(sig); got != token {
						t.Errorf("re-signed token = %q, want %q", got, token)
					}
					counts["re-signed identically"]++
				default:
					// Randomised: a new signature differs but verifies.
					sig, err := signer.AppendSignature(nil, []byte(token[:last]))
					if err != nil {
						t.Fatal(err)
					}
					if _, _, err := jws.Verify(verifier, token[:last+1]+base64url.EncodeToString(sig)); err != nil {
						t.Errorf("Verify(re-signed) = %v", err)
					}
				}
				// A token signed by Sign over the same header and payload verifies too.
				var hdr jws.Header
				hdr.Type = h.Type
				tok, err := jws.Sign(signer, hdr, payload)
				if err != nil {
					t.Fatal(err)
				}
				if _, got, err := jws.Verify(verifier, tok); err != nil || string(got) != v.ExpectedPayloadRaw {
					t.Errorf("Verify(Sign(...)) = %q, %v", got, err)
				}
			})
		}
	}
	t.Logf("RFC vectors: %v", counts)
}

// testRFCRefused checks that an unsecured or encrypted RFC example is
// refused by every verifier, with the right sentinel.
func testRFCRefused(t *testing.T, v rfcVector, token string) {
	t.Helper()
	key := make([]byte, 32)
	h, err := jws.NewHMAC(jws.HS256, key)
	if err != nil {
		t.Fatal(err)
	}
	want := jws.ErrAlgorithmMismatch // alg "none"
	if v.JWE {
		want = jws.ErrMalformed // five parts
	}
	hdr, payload, err := jws.Verify(h, token)
	if !errors.Is(err, want) {
		t.Errorf("Verify(%q) = %v, want %v", token, err, want)
	}
	if diff := cmp.Diff(jws.Header{}, hdr); diff != "" || payload != nil {
		t.Errorf("Verify returned a result with its error: header diff %s, payload %q", diff, payload)
	}
	if _, _, err := jws.VerifyKeyed(context.Background(), only(h), token); !errors.Is(err, want) {
		t.Errorf("VerifyKeyed(%q) = %v, want %v", token, err, want)
	}
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}
