package jwk_test

import (
	"crypto"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// TestThumbprintRFC7638 checks the example of RFC 7638 §3.1: the SHA-256
// thumbprint, and the canonical JSON it hashes (through SHA-384 and SHA-512
// thumbprints computed from the RFC's canonical JSON).
func TestThumbprintRFC7638(t *testing.T) {
	for _, c := range readRFCJWKCases(t, "rfc7638.json") {
		var exp struct {
			CanonicalJSON string `json:"canonical_json"`
			Thumbprint    string `json:"thumbprint_sha256"`
			ThumbprintHex string `json:"thumbprint_sha256_hex"`
		}
		if err := json.Unmarshal(c.Expected, &exp); err != nil {
			t.Fatal(err)
		}
		testThumbprint(t, c.JWK, exp.CanonicalJSON, exp.Thumbprint, exp.ThumbprintHex)
	}
}

// TestThumbprintRFC8037 checks RFC 8037 Appendix A.3: the thumbprint of the
// Ed25519 key of A.2, and of the private key of A.1, which is the same.
func TestThumbprintRFC8037(t *testing.T) {
	var doc struct {
		Keys struct {
			Private struct {
				JWK json.RawMessage `json:"jwk"`
			} `json:"A.1-ed25519-private-key"`
			Public struct {
				JWK json.RawMessage `json:"jwk"`
			} `json:"A.2-ed25519-public-key"`
			Thumbprint struct {
				CanonicalJSON string `json:"canonical_json"`
				Hex           string `json:"thumbprint_sha256_hex"`
				B64           string `json:"thumbprint_b64u"`
			} `json:"A.3-jwk-thumbprint"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(readRFCFile(t, "rfc8037.json"), &doc); err != nil {
		t.Fatal(err)
	}
	tp := doc.Keys.Thumbprint
	for _, doc := range []json.RawMessage{doc.Keys.Public.JWK, doc.Keys.Private.JWK} {
		testThumbprint(t, doc, tp.CanonicalJSON, tp.B64, tp.Hex)
	}
}

func testThumbprint(t *testing.T, doc json.RawMessage, canonical, b64u, hexSum string) {
	t.Helper()
	k, err := jwk.ParseKey(doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := k.Thumbprint(crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if base64url.EncodeToString(got) != b64u || hex.EncodeToString(got) != hexSum {
		t.Errorf("Thumbprint(SHA256) = %s, want %s (%s)", base64url.EncodeToString(got), b64u, hexSum)
	}
	if sum := sha256.Sum256([]byte(canonical)); hex.EncodeToString(sum[:]) != hexSum {
		t.Fatalf("the RFC's canonical JSON does not hash to its thumbprint")
	}
	for _, h := range []struct {
		hash crypto.Hash
		sum  func([]byte) []byte
	}{
		{crypto.SHA384, func(b []byte) []byte { s := sha512.Sum384(b); return s[:] }},
		{crypto.SHA512, func(b []byte) []byte { s := sha512.Sum512(b); return s[:] }},
	} {
		got, err := k.Thumbprint(h.hash)
		if err != nil {
			t.Fatal(err)
		}
		if want := h.sum([]byte(canonical)); hex.EncodeToString(got) != hex.EncodeToString(want) {
			t.Errorf("Thumbprint(%v) is not the digest of the canonical JSON %s", h.hash, canonical)
		}
	}
}

// TestThumbprintKeyTypes pins the thumbprint input of each key type through
// its SHA-256 digest, for private and public keys alike.
func TestThumbprintKeyTypes(t *testing.T) {
	tests := []struct {
		jwks      []string
		canonical string
	}{
		{[]string{fxRSAPublic, fxRSAPrivate, withMembers(fxRSAPublic, `"kid":"x","alg":"PS256","use":"sig"`)},
			`{"e":"AQAB","kty":"RSA","n":"` + fxN + `"}`},
		{[]string{fxECPublic, fxECPrivate},
			`{"crv":"P-256","kty":"EC","x":"` + fxX + `","y":"` + fxY + `"}`},
		{[]string{fxOKPPublic, fxOKPPrivate},
			`{"crv":"Ed25519","kty":"OKP","x":"` + fxOKPX + `"}`},
		{[]string{fxOct, withMembers(fxOct, `"alg":"HS512"`)},
			`{"k":"` + fxK + `","kty":"oct"}`},
	}
	for _, tt := range tests {
		want := sha256.Sum256([]byte(tt.canonical))
		for _, doc := range tt.jwks {
			got, err := mustParseKey(t, doc).Thumbprint(crypto.SHA256)
			if err != nil || string(got) != string(want[:]) {
				t.Errorf("Thumbprint(%s) = %x, %v, want SHA-256 of %s", doc, got, err, tt.canonical)
			}
		}
	}
}

func TestThumbprintUnavailableHash(t *testing.T) {
	k := mustParseKey(t, fxOKPPublic)
	for _, h := range []crypto.Hash{0, crypto.MD4, crypto.RIPEMD160, crypto.Hash(200)} {
		if got, err := k.Thumbprint(h); !errors.Is(err, jws.ErrUnsupportedAlgorithm) || got != nil {
			t.Errorf("Thumbprint(%v) = %x, %v, want ErrUnsupportedAlgorithm", h, got, err)
		}
	}
}
