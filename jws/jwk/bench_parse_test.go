package jwk_test

import (
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/signet-go/signet/jws/jwk"
)

// floorParseSet is the floor of JWK Set parsing (issue 12): the standard
// library alone decodes an RSA JWK Set into public keys, with encoding/json
// and strict base64url, checking the members it reads.
func floorParseSet(doc []byte) ([]*rsa.PublicKey, error) {
	var set struct {
		Keys []struct {
			Kty string `json:"kty"`
			Kid string `json:"kid"`
			Alg string `json:"alg"`
			Use string `json:"use"`
			N   string `json:"n"`
			E   string `json:"e"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(doc, &set); err != nil {
		return nil, err
	}
	b64 := base64.RawURLEncoding.Strict()
	keys := make([]*rsa.PublicKey, 0, len(set.Keys))
	for _, k := range set.Keys {
		if k.Kty != "RSA" {
			return nil, errors.New("floor: not RSA")
		}
		n, err := b64.DecodeString(k.N)
		if err != nil {
			return nil, err
		}
		e, err := b64.DecodeString(k.E)
		if err != nil || len(e) > 4 {
			return nil, errors.New("floor: bad e")
		}
		ev := 0
		for _, c := range e {
			ev = ev<<8 | int(c)
		}
		keys = append(keys, &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: ev})
	}
	return keys, nil
}

// tenRSAKeys returns a JWK Set of 10 RSA public keys of 2048 bits, as an
// identity provider publishes them: kid, alg and use on each. The moduli
// differ (the fixture's with one octet changed) so no two keys are equal.
func tenRSAKeys(tb testing.TB) []byte {
	n, err := base64.RawURLEncoding.DecodeString(fxN)
	if err != nil {
		tb.Fatal(err)
	}
	var jwks []string
	for i := range 10 {
		m := append([]byte(nil), n...)
		d := sha256.Sum256([]byte{byte(i)})
		copy(m[100:], d[:]) // keep it odd and 2048 bits
		jwks = append(jwks, fmt.Sprintf(`{"kty":"RSA","kid":"key-%d","alg":"RS256","use":"sig","n":"%s","e":"AQAB"}`, i, base64.RawURLEncoding.EncodeToString(m)))
	}
	return jwkSet(jwks...)
}

// BenchmarkParseSetRSA parses a JWK Set of 10 RSA keys with signet and with
// the standard library alone (issue 12's target: at most 1.2 times the
// floor).
func BenchmarkParseSetRSA(b *testing.B) {
	doc := tenRSAKeys(b)
	if keys, err := floorParseSet(doc); err != nil || len(keys) != 10 {
		b.Fatalf("floor: %d keys, %v", len(keys), err)
	}
	if s := mustParseSet(b, doc); len(s.Skipped()) != 0 {
		b.Fatalf("ParseSet skipped %v", s.Skipped())
	}
	b.Run("lib=floor", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if _, err := floorParseSet(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=signet", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if _, err := jwk.ParseSet(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
