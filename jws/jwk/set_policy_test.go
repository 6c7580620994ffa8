package jwk_test

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/internal/testkeys"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// rsaPublicJWK returns the public JWK of a committed test key, with the
// extra members given.
func rsaPublicJWK(k *rsa.PrivateKey, members string) string {
	doc := `{"kty":"RSA","n":"` + base64url.EncodeToString(k.N.Bytes()) + `","e":"AQAB"}`
	if members == "" {
		return doc
	}
	return withMembers(doc, members)
}

// resolveErr returns the error of resolving kid for alg in set, failing
// the test if it resolves.
func resolveErr(t *testing.T, set *jwk.Set, kid string, alg jws.Algorithm) error {
	t.Helper()
	vs, err := set.Resolve(context.Background(), kid, alg)
	if err == nil || vs != nil {
		t.Fatalf("Resolve(%q, %s) = %v, %v, want an error and nothing else", kid, alg, vs, err)
	}
	return err
}

// checkVerifies checks that the token signed by s with the header's kid
// and alg verifies against set.
func checkVerifies(t *testing.T, set *jwk.Set, s jws.Signer, kid string) {
	t.Helper()
	tok := rawToken(t, s, `{"alg":"`+string(s.Algorithm())+`","kid":"`+kid+`"}`, "ok")
	if _, p, err := jws.VerifyKeyed(context.Background(), set, tok); err != nil || string(p) != "ok" {
		t.Errorf("VerifyKeyed(%s, kid %q) = %q, %v", s.Algorithm(), kid, p, err)
	}
}

// TestSetMixedKeySet checks Wycheproof's MixedKeySet idea: in a set that
// holds public keys, oct keys are skipped with their reason, a token that
// names one (signed with the secret, or with the public key material
// passed off as a secret) is refused, and the public keys keep working. A
// set of oct keys alone still verifies with them.
func TestSetMixedKeySet(t *testing.T) {
	hs := mustSigner(t, fxOct, jws.HS256)
	rs := mustSigner(t, fxRSAPrivate, jws.RS256)
	es := mustSigner(t, fxECPrivate, jws.ES256)
	n := mustParseKey(t, fxRSAPublic).CryptoKey().(*rsa.PublicKey).N.Bytes()
	confused, err := jws.NewHMAC(jws.HS256, n)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		keys    []string
		octKID  string // the kid of the oct key, refused unless octOnly
		octOnly bool
		skipped int
	}{
		{"oct, RSA, EC", []string{withMembers(fxOct, `"kid":"h"`), withMembers(fxRSAPublic, `"kid":"r"`), withMembers(fxECPublic, `"kid":"e"`)}, "h", false, 1},
		{"RSA, EC, oct with alg", []string{withMembers(fxRSAPublic, `"kid":"r"`), withMembers(fxECPublic, `"kid":"e"`), withMembers(fxOct, `"kid":"h","alg":"HS256"`)}, "h", false, 1},
		{"oct and RSA share a kid", []string{withMembers(fxOct, `"kid":"r"`), withMembers(fxRSAPublic, `"kid":"r"`), withMembers(fxECPublic, `"kid":"e"`)}, "r", false, 1},
		{"two oct keys beside RSA and EC", []string{withMembers(fxOct, `"kid":"h"`), withMembers(fxRSAPublic, `"kid":"r"`), withMembers(fxOct, `"kid":"h2"`), withMembers(fxECPublic, `"kid":"e"`)}, "h", false, 2},
		{"oct alone", []string{withMembers(fxOct, `"kid":"h"`)}, "h", true, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := mustParseSet(t, jwkSet(tt.keys...))
			skipped := set.Skipped()
			if len(skipped) != tt.skipped {
				t.Fatalf("Skipped() = %v, want %d entries", skipped, tt.skipped)
			}
			for _, err := range skipped {
				if !errors.Is(err, jws.ErrInvalidKey) || !strings.Contains(err.Error(), "oct key") {
					t.Errorf("skipped: %v, want the oct reason", err)
				}
			}
			tok := rawToken(t, hs, `{"alg":"HS256","kid":"`+tt.octKID+`"}`, "ok")
			forged := rawToken(t, confused, `{"alg":"HS256","kid":"`+tt.octKID+`"}`, "ok")
			_, _, err := jws.VerifyKeyed(context.Background(), set, tok)
			if tt.octOnly {
				if err != nil {
					t.Errorf("a set of oct keys alone: VerifyKeyed(HS256) = %v", err)
				}
				return
			}
			if err == nil {
				t.Error("VerifyKeyed(HS256 token naming the oct key) succeeded")
			}
			if _, _, err := jws.VerifyKeyed(context.Background(), set, forged); err == nil {
				t.Error("VerifyKeyed(HS256 keyed with the RSA modulus) succeeded")
			}
			checkVerifies(t, set, rs, "r")
			checkVerifies(t, set, es, "e")
			if tt.octKID == "h" {
				err := resolveErr(t, set, "h", jws.HS256)
				if !errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), "oct key") {
					t.Errorf("Resolve(h) = %v, want ErrKeyNotFound saying why the oct key was skipped", err)
				}
			}
		})
	}
	// NewSet refuses what ParseSet skips.
	if _, err := jwk.NewSet(mustParseKey(t, withMembers(fxOct, `"kid":"h"`)), mustParseKey(t, withMembers(fxRSAPublic, `"kid":"r"`))); !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf("NewSet(oct, RSA) = %v, want ErrInvalidKey", err)
	}
}

// TestSetMixedKeySetSkippedPublic checks that an oct key is skipped beside
// public keys that the set skips too (an encryption key, a small modulus,
// an algorithm signet does not implement): the document still holds
// public keys, so it is a published set, and its secret is never used.
func TestSetMixedKeySetSkippedPublic(t *testing.T) {
	hs := mustSigner(t, fxOct, jws.HS256)
	for _, tt := range []struct {
		name   string
		public string
	}{
		{"an RSA encryption key", withMembers(fxRSAPublic, `"kid":"r","use":"enc"`)},
		{"an EC key whose key_ops exclude verify", withMembers(fxECPublic, `"kid":"e","key_ops":["deriveKey"]`)},
		{"a 1024-bit RSA key", rsaPublicJWK(testkeys.RSA1024(), `"kid":"small"`)},
		{"an RSA-OAEP key", withMembers(fxRSAPublic, `"kid":"oaep","alg":"RSA-OAEP"`)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := mustParseSet(t, jwkSet(withMembers(fxOct, `"kid":"h"`), tt.public))
			if n := len(set.Skipped()); n != 2 {
				t.Errorf("Skipped() = %v, want 2 entries", set.Skipped())
			}
			if len(set.Keys()) != 0 {
				t.Errorf("Keys() = %v, want none", set.Keys())
			}
			err := resolveErr(t, set, "h", jws.HS256)
			if !errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), "oct key") {
				t.Errorf("Resolve(h) = %v, want ErrKeyNotFound saying why the oct key was skipped", err)
			}
			tok := rawToken(t, hs, `{"alg":"HS256","kid":"h"}`, "ok")
			if _, _, err := jws.VerifyKeyed(context.Background(), set, tok); !errors.Is(err, jws.ErrKeyNotFound) {
				t.Errorf("VerifyKeyed(HS256 token naming the oct key) = %v, want ErrKeyNotFound", err)
			}
		})
	}
}

// TestSetDuplicateKid checks Wycheproof's DuplicateKid idea: two usable
// keys of one kid that could verify the same algorithm make that kid
// ambiguous for that algorithm in the set's own Resolve; keys of one kid
// that serve disjoint algorithms stay valid.
func TestSetDuplicateKid(t *testing.T) {
	other := rsaPublicJWK(testkeys.RSA(0), "")
	otherRS := func(alg jws.Algorithm) jws.Signer {
		s, err := jws.NewRSASigner(alg, testkeys.RSA(0))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	rsaAlgs := []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512}
	for _, tt := range []struct {
		name      string
		keys      []string
		ambiguous []jws.Algorithm
		verifies  []jws.Signer
	}{
		{"two RSA keys without alg", []string{withMembers(fxRSAPublic, `"kid":"k"`), withMembers(other, `"kid":"k"`)}, rsaAlgs, nil},
		{"two RSA keys with alg RS256", []string{withMembers(fxRSAPublic, `"kid":"k","alg":"RS256"`), withMembers(other, `"kid":"k","alg":"RS256"`)}, []jws.Algorithm{jws.RS256}, nil},
		{"RS256 and a key without alg", []string{withMembers(fxRSAPublic, `"kid":"k","alg":"RS256"`), withMembers(other, `"kid":"k"`)}, []jws.Algorithm{jws.RS256},
			[]jws.Signer{otherRS(jws.PS256), otherRS(jws.RS512)}},
		{"the same key twice", []string{withMembers(fxRSAPublic, `"kid":"k"`), withMembers(fxRSAPublic, `"kid":"k"`)}, rsaAlgs, nil},
		{"RS256 and PS256: disjoint", []string{withMembers(fxRSAPublic, `"kid":"k","alg":"RS256"`), withMembers(other, `"kid":"k","alg":"PS256"`)}, nil,
			[]jws.Signer{mustSigner(t, fxRSAPrivate, jws.RS256), otherRS(jws.PS256)}},
		{"RSA and EC: disjoint", []string{withMembers(fxRSAPublic, `"kid":"k"`), withMembers(fxECPublic, `"kid":"k"`)}, nil,
			[]jws.Signer{mustSigner(t, fxRSAPrivate, jws.RS256), mustSigner(t, fxRSAPrivate, jws.PS512), mustSigner(t, fxECPrivate, jws.ES256)}},
		{"RSA, EC and Ed25519: disjoint", []string{withMembers(fxRSAPublic, `"kid":"k"`), withMembers(fxECPublic, `"kid":"k"`), withMembers(fxOKPPublic, `"kid":"k","alg":"EdDSA"`)}, nil,
			[]jws.Signer{mustSigner(t, fxRSAPrivate, jws.RS384), mustSigner(t, fxECPrivate, jws.ES256), mustSigner(t, fxOKPPrivate, jws.EdDSA)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := mustParseSet(t, jwkSet(tt.keys...))
			for _, alg := range tt.ambiguous {
				err := resolveErr(t, set, "k", alg)
				if !errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), "ambiguous") {
					t.Errorf("Resolve(k, %s) = %v, want an ambiguous ErrKeyNotFound", alg, err)
				}
				// Whichever key signed it, the token is refused.
				for _, s := range []jws.Signer{mustSigner(t, fxRSAPrivate, alg), otherRS(alg)} {
					tok := rawToken(t, s, `{"alg":"`+string(alg)+`","kid":"k"}`, "ok")
					if _, _, err := jws.VerifyKeyed(context.Background(), set, tok); !errors.Is(err, jws.ErrKeyNotFound) {
						t.Errorf("VerifyKeyed(%s, ambiguous kid) = %v, want ErrKeyNotFound", alg, err)
					}
				}
			}
			for _, s := range tt.verifies {
				checkVerifies(t, set, s, "k")
			}
			if _, err := jwk.NewSet(set.Keys()...); (err != nil) != (len(tt.ambiguous) > 0) {
				t.Errorf("NewSet = %v, want an error exactly when the kid is ambiguous", err)
			}
		})
	}
}

// TestSetAllUnusable checks that a document whose keys are all unusable
// still parses (RFC 7517 §5), that resolving a skipped key's kid says why
// it was skipped, and that the set exposes the skipped entries.
func TestSetAllUnusable(t *testing.T) {
	small := rsaPublicJWK(testkeys.RSA1024(), `"kid":"small","alg":"RS256"`)
	for _, tt := range []struct {
		name    string
		keys    []string
		kid     string
		want    error  // the reason's sentinel
		says    string // what Resolve's error says
		skipped int
	}{
		{"a 1024-bit RSA key", []string{small}, "small", jws.ErrInvalidKey, "RS256 needs an RSA modulus of at least 2048 bits, got 1024", 1},
		{"a 1024-bit RSA key without alg", []string{rsaPublicJWK(testkeys.RSA1024(), `"kid":"small"`)}, "small", jws.ErrInvalidKey, "at least 2048 bits, got 1024", 1},
		{"an encryption key", []string{withMembers(fxECPublic, `"kid":"enc","use":"enc"`)}, "enc", jws.ErrInvalidKey, `"use" is "enc"`, 1},
		{"an unknown key type and a small key", []string{`{"kty":"foo","kid":"foo"}`, small}, "foo", jws.ErrUnsupportedAlgorithm, `"foo"`, 2},
		{"an algorithm signet does not implement", []string{withMembers(fxRSAPublic, `"kid":"oaep","alg":"RSA-OAEP"`)}, "oaep", jws.ErrUnsupportedAlgorithm, "RSA-OAEP", 1},
		{"a malformed key", []string{`{"kty":"EC","kid":"bad","crv":"P-256","x":"AA"}`}, "bad", jws.ErrMalformed, "", 1},
		{"no key at all", nil, "", nil, "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set, err := jwk.ParseSet(jwkSet(tt.keys...))
			if err != nil {
				t.Fatalf("ParseSet = %v, want a set", err)
			}
			if keys := set.Keys(); len(keys) != 0 {
				t.Errorf("Keys() = %v, want none", keys)
			}
			if got := set.Skipped(); len(got) != tt.skipped {
				t.Errorf("Skipped() = %v, want %d", got, tt.skipped)
			}
			err = resolveErr(t, set, tt.kid, jws.RS256)
			if !errors.Is(err, jws.ErrKeyNotFound) {
				t.Errorf("Resolve(%q) = %v, want ErrKeyNotFound", tt.kid, err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Resolve(%q) = %v, want it to wrap the reason %v", tt.kid, err, tt.want)
			}
			if tt.kid != "" && !strings.Contains(err.Error(), "skipped") || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Resolve(%q) = %q, want it to say the key was skipped and %q", tt.kid, err, tt.says)
			}
		})
	}
}

// TestSetApplicationUse checks keys whose "use" is an application value:
// SPIFFE trust bundles publish "jwt-svid" and "x509-svid" keys. They are
// skipped by default, not fatal, and a caller can name the values it
// accepts for signatures.
func TestSetApplicationUse(t *testing.T) {
	bundle := jwkSet(
		withMembers(fxECPublic, `"kid":"jwt","use":"jwt-svid"`),
		withMembers(fxRSAPublic, `"kid":"x509","use":"x509-svid","x5c":["AAAA"]`),
		withMembers(fxOKPPublic, `"kid":"sig","use":"sig"`),
	)
	es := mustSigner(t, fxECPrivate, jws.ES256)
	for _, tt := range []struct {
		name     string
		opts     jwk.ParseOptions
		accepted []string // kids that verify
		skipped  []string // kids skipped for their use
	}{
		{"default", jwk.ParseOptions{}, []string{"sig"}, []string{"jwt", "x509"}},
		{"jwt-svid named", jwk.ParseOptions{SignatureUses: []string{"jwt-svid"}}, []string{"sig", "jwt"}, []string{"x509"}},
		{"both named", jwk.ParseOptions{SignatureUses: []string{"jwt-svid", "x509-svid"}}, []string{"sig", "jwt", "x509"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set, err := tt.opts.ParseSet(bundle)
			if err != nil {
				t.Fatalf("ParseSet = %v", err)
			}
			for _, kid := range tt.accepted {
				if vs, err := set.Resolve(context.Background(), kid, ""); err != nil || len(vs) == 0 {
					t.Errorf("Resolve(%q) = %v, %v, want Verifiers", kid, vs, err)
				}
			}
			for _, kid := range tt.skipped {
				err := resolveErr(t, set, kid, jws.ES256)
				if !errors.Is(err, jws.ErrInvalidKey) || !strings.Contains(err.Error(), `"use"`) || !strings.Contains(err.Error(), "SignatureUses") {
					t.Errorf("Resolve(%q) = %v, want the use reason and the way to accept it", kid, err)
				}
			}
			if len(set.Skipped()) != len(tt.skipped) {
				t.Errorf("Skipped() = %v, want %d", set.Skipped(), len(tt.skipped))
			}
		})
	}
	set, err := jwk.ParseOptions{SignatureUses: []string{"jwt-svid"}}.ParseSet(bundle)
	if err != nil {
		t.Fatal(err)
	}
	checkVerifies(t, set, es, "jwt")
	if s, err := (jwk.ParseOptions{SignatureUses: []string{"enc"}}).ParseSet(bundle); !errors.Is(err, jws.ErrInvalidKey) || s != nil {
		t.Errorf(`ParseSet with SignatureUses "enc" = %v, %v, want ErrInvalidKey`, s, err)
	}
}

// TestKeyOpaqueX509 checks that a key is not refused or skipped over
// X.509 members signet never uses: an "x5t" or "x5c" in a form RFC 7517
// does not give is kept as opaque data, and written back as it was.
func TestKeyOpaqueX509(t *testing.T) {
	for _, tt := range []struct {
		name, member, value string
	}{
		{"padded x5t", "x5t", `"` + strings.Repeat("A", 27) + `="`},
		{"padded x5t#S256", "x5t#S256", `"` + strings.Repeat("A", 43) + `="`},
		{"x5t of the wrong length", "x5t", `"AAAA"`},
		{"x5t in standard base64", "x5t", `"` + strings.Repeat("+", 27) + `"`},
		{"x5c with line breaks", "x5c", `["MIIB\nAA==","AAAA\r\n"]`},
		{"x5c in base64url", "x5c", `["MII-_A"]`},
		{"x5c without padding", "x5c", `["MIIBAA"]`},
		{"x5c not an array", "x5c", `"MIIB"`},
		{"x5c empty", "x5c", `[]`},
		{"x5u not a string", "x5u", `["https://example.com/c"]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := withMembers(fxRSAPublic, `"kid":"k",`+fmt.Sprintf("%q", tt.member)+`:`+tt.value)
			k, err := jwk.ParseKey([]byte(doc))
			if err != nil {
				t.Fatalf("ParseKey = %v, want the key", err)
			}
			x := k.X509()
			if got := string(x.Opaque[tt.member]); got != tt.value {
				t.Errorf("X509().Opaque[%q] = %s, want %s", tt.member, got, tt.value)
			}
			if x.Chain != nil || x.SHA1Thumbprint != nil || x.SHA256Thumbprint != nil || x.URL != "" {
				t.Errorf("X509() = %+v, want only Opaque", x)
			}
			out := mustMarshal(t, k)
			if !strings.Contains(out, `"`+tt.member+`":`+tt.value) {
				t.Errorf("MarshalJSON = %s, want %s kept as it was", out, tt.member)
			}
			if again := mustMarshal(t, mustParseKey(t, out)); again != out {
				t.Errorf("not stable:\n%s\n%s", out, again)
			}
			set := mustParseSet(t, jwkSet(doc))
			if len(set.Skipped()) != 0 {
				t.Errorf("a set skipped the key: %v", set.Skipped())
			}
			checkVerifies(t, set, mustSigner(t, fxRSAPrivate, jws.RS256), "k")
		})
	}
}

// TestSetImmutable checks that a Set cannot be changed through what it
// hands out or was built from: Keys returns copies, and json.Unmarshal
// into one of them (or into a key given to NewSet) changes neither the
// keys the set holds nor what it verifies with.
func TestSetImmutable(t *testing.T) {
	rs := mustSigner(t, fxRSAPrivate, jws.RS256)
	doc := jwkSet(withMembers(fxRSAPublic, `"kid":"r","key_ops":["verify"],"x5c":["AAAA"]`), withMembers(fxECPublic, `"kid":"e"`))
	parsed := mustParseSet(t, doc)
	given := mustParseKey(t, withMembers(fxRSAPublic, `"kid":"r","key_ops":["verify"],"x5c":["AAAA"]`))
	built, err := jwk.NewSet(given, mustParseKey(t, withMembers(fxECPublic, `"kid":"e"`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		set    *jwk.Set
		change func(t *testing.T, set *jwk.Set)
	}{
		{"Unmarshal into a key of Keys()", parsed, func(t *testing.T, set *jwk.Set) {
			if err := json.Unmarshal([]byte(withMembers(fxOKPPublic, `"kid":"r"`)), set.Keys()[0]); err != nil {
				t.Fatal(err)
			}
		}},
		{"Unmarshal into the slice of Keys()", parsed, func(t *testing.T, set *jwk.Set) {
			keys := set.Keys()
			if err := json.Unmarshal([]byte(`[`+withMembers(fxOKPPublic, `"kid":"r"`)+`]`), &keys); err != nil {
				t.Fatal(err)
			}
		}},
		{"change what accessors return", parsed, func(t *testing.T, set *jwk.Set) {
			k := set.Keys()[0]
			k.KeyOps()[0] = "sign"
			k.X509().Chain[0][0] = 1
			set.Keys()[0] = nil
		}},
		{"Unmarshal into a key given to NewSet", built, func(t *testing.T, set *jwk.Set) {
			if err := json.Unmarshal([]byte(withMembers(fxOKPPublic, `"kid":"r"`)), given); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := mustMarshal(t, tt.set)
			tt.change(t, tt.set)
			if after := mustMarshal(t, tt.set); after != before {
				t.Errorf("the set changed:\n%s\n%s", before, after)
			}
			checkVerifies(t, tt.set, rs, "r")
			if k := tt.set.Keys()[0]; k.KeyType() != "RSA" || k.KeyOps()[0] != "verify" || k.X509().Chain[0][0] != 0 {
				t.Errorf("Keys()[0] = %s %v %v", k.KeyType(), k.KeyOps(), k.X509().Chain)
			}
		})
	}
}

// TestMarshalPrivateRefused checks that marshalling a key or a set that
// holds private key material (a private key, an oct secret) refuses unless
// the caller asks for private members by name (MarshalPrivate), so that a
// jwks.json handler cannot publish a "d".
func TestMarshalPrivateRefused(t *testing.T) {
	type config struct {
		Key *jwk.Key `json:"key"`
	}
	for _, tt := range []struct {
		name    string
		jwk     string
		private string // a private member's name, "" for a public key
	}{
		{"RSA private", fxRSAPrivate, "d"},
		{"EC private", fxECPrivate, "d"},
		{"Ed25519 private", fxOKPPrivate, "d"},
		{"oct", fxOct, "k"},
		{"RSA public", fxRSAPublic, ""},
		{"EC public", fxECPublic, ""},
		{"Ed25519 public", fxOKPPublic, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k := mustParseKey(t, withMembers(tt.jwk, `"kid":"k"`))
			set := mustParseSet(t, jwkSet(withMembers(tt.jwk, `"kid":"k"`)))
			for _, m := range []struct {
				name string
				f    func() ([]byte, error)
			}{
				{"Key.MarshalJSON", k.MarshalJSON},
				{"json.Marshal(key)", func() ([]byte, error) { return json.Marshal(k) }},
				{"json.Marshal(struct with a key)", func() ([]byte, error) { return json.Marshal(config{k}) }},
				{"Set.MarshalJSON", set.MarshalJSON},
				{"json.Marshal(set)", func() ([]byte, error) { return json.Marshal(set) }},
			} {
				b, err := m.f()
				if tt.private == "" {
					if err != nil || strings.Contains(string(b), `"d"`) {
						t.Errorf("%s(public key) = %s, %v", m.name, b, err)
					}
					continue
				}
				if !errors.Is(err, jws.ErrInvalidKey) || b != nil || !strings.Contains(err.Error(), "MarshalPrivate") {
					t.Errorf("%s = %s, %v, want ErrInvalidKey naming MarshalPrivate", m.name, b, err)
				}
			}
			if tt.private == "" {
				return
			}
			for what, f := range map[string]func() ([]byte, error){"Key": k.MarshalPrivate, "Set": set.MarshalPrivate} {
				b, err := f()
				if err != nil || !strings.Contains(string(b), `"`+tt.private+`":`) {
					t.Errorf("%s.MarshalPrivate = %s, %v, want the private members", what, b, err)
				}
			}
			// The public half marshals.
			if pub, err := k.Public(); err == nil {
				if b, err := json.Marshal(pub); err != nil || strings.Contains(string(b), `"d"`) {
					t.Errorf("json.Marshal(Public()) = %s, %v", b, err)
				}
			}
		})
	}
}

// TestNilKeyAndSet checks that the methods of a nil or zero Key and Set
// return zero values or errors, never panic: a Set or Key the caller
// forgot to build is a caller mistake, not a crash.
func TestNilKeyAndSet(t *testing.T) {
	for _, k := range []*jwk.Key{nil, new(jwk.Key)} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%#v: panicked: %v", k, r)
				}
			}()
			if k.KeyID() != "" || k.Algorithm() != "" || k.Use() != "" || k.KeyOps() != nil || k.KeyType() != "" || k.IsPrivate() || k.CryptoKey() != nil {
				t.Errorf("%#v: accessors return values", k)
			}
			_ = k.X509()
			for name, f := range map[string]func() (any, error){
				"Verifier":       func() (any, error) { return k.Verifier() },
				"VerifierFor":    func() (any, error) { return k.VerifierFor(jws.RS256) },
				"Signer":         func() (any, error) { return k.Signer() },
				"SignerFor":      func() (any, error) { return k.SignerFor(jws.RS256) },
				"Public":         func() (any, error) { return k.Public() },
				"MarshalJSON":    func() (any, error) { return k.MarshalJSON() },
				"MarshalPrivate": func() (any, error) { return k.MarshalPrivate() },
			} {
				if got, err := f(); !errors.Is(err, jws.ErrInvalidKey) {
					t.Errorf("%#v.%s = %v, %v, want ErrInvalidKey", k, name, got, err)
				}
			}
			if _, err := jwk.NewSet(k); !errors.Is(err, jws.ErrInvalidKey) {
				t.Errorf("NewSet(%#v) = %v, want ErrInvalidKey", k, err)
			}
		}()
	}
	var nilKey *jwk.Key
	if err := nilKey.UnmarshalJSON([]byte(fxOKPPublic)); !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf("(*Key)(nil).UnmarshalJSON = %v, want ErrInvalidKey", err)
	}
	var nilSet *jwk.Set
	if err := nilSet.UnmarshalJSON(jwkSet(fxOKPPublic)); !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf("(*Set)(nil).UnmarshalJSON = %v, want ErrInvalidKey", err)
	}
	for _, s := range []*jwk.Set{nil, new(jwk.Set)} {
		if _, err := s.Resolve(context.Background(), "k", jws.RS256); !errors.Is(err, jws.ErrKeyNotFound) {
			t.Errorf("Resolve = %v, want ErrKeyNotFound", err)
		}
		if s.Keys() != nil || s.Skipped() != nil {
			t.Errorf("Keys, Skipped of an empty set are not nil")
		}
		for _, f := range []func() ([]byte, error){s.MarshalJSON, s.MarshalPrivate} {
			if b, err := f(); err != nil || string(b) != `{"keys":[]}` {
				t.Errorf("Marshal = %s, %v", b, err)
			}
		}
	}
}

// TestRemoteSignatureUses checks that a Remote fetching a SPIFFE trust
// bundle skips its "jwt-svid" keys by default and verifies with them when
// RemoteOptions.SignatureUses names the use, from a real server on
// 127.0.0.1.
func TestRemoteSignatureUses(t *testing.T) {
	bundle := jwkSet(withMembers(fxECPublic, `"kid":"svid","use":"jwt-svid"`), withMembers(fxRSAPublic, `"kid":"x509","use":"x509-svid"`))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(bundle)
	}))
	defer srv.Close()
	tok := rawToken(t, mustSigner(t, fxECPrivate, jws.ES256), `{"alg":"ES256","kid":"svid"}`, "ok")
	for _, tt := range []struct {
		name string
		uses []string
		ok   bool
	}{
		{"default", nil, false},
		{"jwt-svid named", []string{"jwt-svid"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := jwk.NewRemote(srv.URL+"/bundle", &jwk.RemoteOptions{AllowHTTPLoopback: true, Client: srv.Client(), SignatureUses: tt.uses})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, _, err = jws.VerifyKeyed(ctx, r, tok)
			if tt.ok && err != nil {
				t.Errorf("VerifyKeyed = %v", err)
			}
			if !tt.ok && (!errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), "jwt-svid")) {
				t.Errorf("VerifyKeyed = %v, want ErrKeyNotFound naming the use", err)
			}
		})
	}
	if _, err := jwk.NewRemote(srv.URL, &jwk.RemoteOptions{AllowHTTPLoopback: true, SignatureUses: []string{"enc"}}); !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf(`NewRemote(SignatureUses "enc") = %v, want ErrInvalidKey`, err)
	}
}
