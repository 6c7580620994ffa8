//go:build !go1.27

package jwk_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// akpJWKs returns well-formed AKP JWKs, public and private, of each
// parameter set: octets of the right lengths, all zero (before Go 1.27
// signet refuses AKP keys before it looks at their material).
func akpJWKs() []string {
	var out []string
	for _, p := range []struct {
		alg  jws.Algorithm
		size int
	}{{jws.MLDSA44, 1312}, {jws.MLDSA65, 1952}, {jws.MLDSA87, 2592}} {
		pub := `{"kty":"AKP","alg":"` + string(p.alg) + `","pub":"` + strings.Repeat("A", (p.size*4+2)/3) + `"}`
		out = append(out, pub, withMembers(pub, `"priv":"`+strings.Repeat("A", 43)+`"`))
	}
	return out
}

// akpSeedJWKs returns AKP JWKs for the fuzz corpus.
func akpSeedJWKs(testing.TB) []string { return akpJWKs() }

// TestAKPUnavailable checks that, built before Go 1.27, an AKP JWK is
// refused with ErrUnsupportedAlgorithm and a message saying why, that a set
// skips it for that reason and keeps its other keys, and that the ML-DSA
// algorithms give no Verifier for other keys.
func TestAKPUnavailable(t *testing.T) {
	for _, doc := range akpJWKs() {
		k, err := jwk.ParseKey([]byte(doc))
		if !errors.Is(err, jws.ErrUnsupportedAlgorithm) || k != nil || !strings.Contains(err.Error(), "Go 1.27") {
			t.Errorf("ParseKey(%.60s…) = %v, %v; want ErrUnsupportedAlgorithm naming Go 1.27", doc, k, err)
		}
		set, err := jwk.ParseSet(jwkSet(fxOKPPublic, withMembers(doc, `"kid":"pq"`)))
		if err != nil {
			t.Fatalf("ParseSet = %v", err)
		}
		if s := set.Skipped(); len(s) != 1 || !errors.Is(s[0], jws.ErrUnsupportedAlgorithm) ||
			!strings.Contains(s[0].Error(), `keys[1] (kid "pq") skipped`) || !strings.Contains(s[0].Error(), "Go 1.27") {
			t.Errorf("Skipped() = %v, want keys[1] skipped for needing Go 1.27", s)
		}
		if len(set.Keys()) != 1 || set.Keys()[0].KeyType() != "OKP" {
			t.Errorf("Keys() = %d keys, want the OKP key", len(set.Keys()))
		}
		// A set of only AKP keys parses (RFC 7517 §5) and says why its kid
		// resolves to nothing.
		only, err := jwk.ParseSet(jwkSet(withMembers(doc, `"kid":"pq"`)))
		if err != nil || len(only.Keys()) != 0 {
			t.Fatalf("ParseSet(only an AKP key) = %v, %v, want a set without usable keys", only, err)
		}
		if _, err := only.Resolve(context.Background(), "pq", jws.MLDSA44); !errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), "Go 1.27") {
			t.Errorf("Resolve(pq) in a set of only an AKP key = %v, want ErrKeyNotFound naming Go 1.27", err)
		}
	}
	// The rules common to every JWK still come first.
	pub := akpJWKs()[0]
	for _, doc := range []string{
		strings.Replace(pub, `"pub"`, `"PUB"`, 1),
		withMembers(pub, `"d":"AAAA"`),
	} {
		if _, err := jwk.ParseKey([]byte(doc)); !errors.Is(err, jws.ErrMalformed) {
			t.Errorf("ParseKey(%.60s…) = %v, want ErrMalformed", doc, err)
		}
	}
	for _, alg := range []jws.Algorithm{jws.MLDSA44, jws.MLDSA65, jws.MLDSA87} {
		if v, err := mustParseKey(t, fxOKPPublic).VerifierFor(alg); !errors.Is(err, jws.ErrUnsupportedAlgorithm) || v != nil {
			t.Errorf("OKP VerifierFor(%s) = %v, %v; want ErrUnsupportedAlgorithm", alg, v, err)
		}
	}
}
