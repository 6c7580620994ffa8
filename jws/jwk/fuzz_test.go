package jwk_test

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// jwkSeeds returns the JWKs and JWK Sets found in testdata (every object
// with a "kty" or a "keys" member, at any depth), plus the JWKs of this
// package's tests.
func jwkSeeds(f *testing.F) (keys, sets [][]byte) {
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			b, err := json.Marshal(v)
			if err != nil {
				f.Fatal(err)
			}
			if _, ok := v["kty"]; ok {
				keys = append(keys, b)
			}
			if _, ok := v["keys"].([]any); ok {
				sets = append(sets, b)
			}
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	// The JWKs in testdata are the RFC examples'.
	for _, dir := range []string{"rfc"} {
		files, err := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.json"))
		if err != nil || len(files) == 0 {
			f.Fatalf("no JSON files in testdata/%s: %v", dir, err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				f.Fatalf("%s: %v", file, err)
			}
			walk(v)
		}
	}
	for _, doc := range []string{fxRSAPublic, fxRSAPrivate, fxECPublic, fxECPrivate, fxOKPPublic, fxOKPPrivate, fxOct,
		withMembers(fxOKPPrivate, `"kid":"k","use":"sig","key_ops":["sign"],"alg":"EdDSA","x5c":["AAAA"],"x5t":"`+strings.Repeat("A", 27)+`"`),
	} {
		keys = append(keys, []byte(doc))
	}
	for _, m := range malformedJWKs(f) {
		keys = append(keys, []byte(m.jwk))
	}
	for _, doc := range akpSeedJWKs(f) {
		keys = append(keys, []byte(doc))
	}
	if len(keys) < 20 || len(sets) < 3 {
		f.Fatalf("found %d keys and %d sets in testdata", len(keys), len(sets))
	}
	return keys, sets
}

// checkSentinelError fails unless err has the package prefix and wraps one
// of the sentinels a JWK can fail with.
func checkSentinelError(t *testing.T, err error) {
	t.Helper()
	if !strings.HasPrefix(err.Error(), "jwk: ") || strings.Contains(err.Error(), "jws: ") {
		t.Errorf("error %q lacks the \"jwk: \" prefix or repeats it", err)
	}
	for _, s := range []error{jws.ErrMalformed, jws.ErrInvalidKey, jws.ErrUnsupportedAlgorithm} {
		if errors.Is(err, s) {
			return
		}
	}
	t.Errorf("error %q wraps none of ErrMalformed, ErrInvalidKey, ErrUnsupportedAlgorithm", err)
}

// FuzzParseKey checks that ParseKey never panics, returns nothing on error,
// and that what it accepts marshals to a JWK it parses back to the same key:
// marshal(parse(x)) == marshal(parse(marshal(parse(x)))).
func FuzzParseKey(f *testing.F) {
	keys, _ := jwkSeeds(f)
	for _, k := range keys {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := jwk.ParseKey(data)
		if err != nil {
			if k != nil {
				t.Fatalf("ParseKey returned a key with error %v", err)
			}
			checkSentinelError(t, err)
			return
		}
		checkKeyRoundTrip(t, k)
	})
}

func checkKeyRoundTrip(t *testing.T, k *jwk.Key) {
	t.Helper()
	m1, err := k.MarshalPrivate()
	if err != nil {
		t.Fatalf("MarshalPrivate = %v", err)
	}
	// MarshalJSON writes the same, or refuses a private key.
	if pub, err := k.MarshalJSON(); k.IsPrivate() != (err != nil) || (err == nil && string(pub) != string(m1)) || (err != nil && pub != nil) {
		t.Fatalf("MarshalJSON = %s, %v of a key with IsPrivate %v", pub, err, k.IsPrivate())
	}
	k2, err := jwk.ParseKey(m1)
	if err != nil {
		t.Fatalf("ParseKey(MarshalPrivate()) = %v\n%s", err, m1)
	}
	m2, err := k2.MarshalPrivate()
	if err != nil || string(m1) != string(m2) {
		t.Fatalf("MarshalJSON is not stable:\n%s\n%s (%v)", m1, m2, err)
	}
	if k.KeyID() != k2.KeyID() || k.Algorithm() != k2.Algorithm() || k.Use() != k2.Use() ||
		k.KeyType() != k2.KeyType() || k.IsPrivate() != k2.IsPrivate() || !slices.Equal(k.KeyOps(), k2.KeyOps()) {
		t.Fatalf("metadata changed in the round trip: %s", m1)
	}
	t1, err1 := k.Thumbprint(crypto.SHA256)
	t2, err2 := k2.Thumbprint(crypto.SHA256)
	if err1 != nil || err2 != nil || string(t1) != string(t2) {
		t.Fatalf("thumbprints differ: %x, %x (%v, %v)", t1, t2, err1, err2)
	}
	if pub, err := k.Public(); err == nil {
		if pub.IsPrivate() {
			t.Fatal("Public() is private")
		}
		tp, err := pub.Thumbprint(crypto.SHA256)
		if err != nil || string(tp) != string(t1) {
			t.Fatalf("Public() has another thumbprint")
		}
		pm, _ := pub.MarshalJSON()
		if _, err := jwk.ParseKey(pm); err != nil {
			t.Fatalf("ParseKey(Public()) = %v\n%s", err, pm)
		}
	} else if k.KeyType() != "oct" {
		t.Fatalf("Public() = %v", err)
	}
	// Both keys serve the same algorithms.
	for _, alg := range []jws.Algorithm{jws.HS256, jws.HS512, jws.RS256, jws.PS384, jws.ES256, jws.ES384, jws.ES512, jws.EdDSA, jws.Ed25519, jws.MLDSA44, jws.MLDSA65, jws.MLDSA87} {
		v1, err1 := k.VerifierFor(alg)
		v2, err2 := k2.VerifierFor(alg)
		if (err1 == nil) != (err2 == nil) || (v1 == nil) != (err1 != nil) {
			t.Fatalf("VerifierFor(%s) = %v, %v before and %v, %v after the round trip", alg, v1, err1, v2, err2)
		}
	}
}

// FuzzParseSet checks that ParseSet never panics, returns nothing on
// error, that what it accepts round-trips through MarshalJSON with every key
// kept, and that Resolve answers for every kid.
func FuzzParseSet(f *testing.F) {
	keys, sets := jwkSeeds(f)
	for _, s := range sets {
		f.Add(s)
	}
	for _, k := range keys {
		f.Add(jwkSet(string(k), fxOKPPublic))
	}
	f.Add(jwkSet(withMembers(fxOct, `"kid":"k"`), withMembers(fxRSAPublic, `"kid":"k"`), withMembers(fxECPublic, `"kid":"k","alg":"ES256"`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := jwk.ParseSet(data)
		if err != nil {
			if s != nil {
				t.Fatalf("ParseSet returned a set with error %v", err)
			}
			checkSentinelError(t, err)
			return
		}
		if len(s.Keys()) == 0 && len(s.Skipped()) == 0 {
			if _, err := s.Resolve(context.Background(), "", jws.HS256); !errors.Is(err, jws.ErrKeyNotFound) {
				t.Fatalf("an empty set resolved the empty kid: %v", err)
			}
		}
		for _, err := range s.Skipped() {
			checkSentinelError(t, err)
		}
		m1, err := s.MarshalPrivate()
		if err != nil {
			t.Fatal(err)
		}
		s2, err := jwk.ParseSet(m1)
		if err != nil {
			t.Fatalf("ParseSet(MarshalPrivate()) = %v\n%s", err, m1)
		}
		if len(s2.Skipped()) != 0 || len(s2.Keys()) != len(s.Keys()) {
			t.Fatalf("the round trip lost keys: %v", s2.Skipped())
		}
		if m2, _ := s2.MarshalPrivate(); string(m1) != string(m2) {
			t.Fatalf("MarshalJSON is not stable:\n%s\n%s", m1, m2)
		}
		for _, k := range append(s.Keys(), nil) {
			kid := ""
			if k != nil {
				kid = k.KeyID()
			}
			vs, err := s.Resolve(context.Background(), kid, "")
			if (len(vs) == 0) == (err == nil) || (err != nil && !errors.Is(err, jws.ErrKeyNotFound)) {
				t.Fatalf("Resolve(%q) = %v, %v", kid, vs, err)
			}
			if k != nil && kid != "" && err != nil {
				t.Fatalf("Resolve(%q) of a key in the set = %v", kid, err)
			}
		}
	})
}
