package jwk_test

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// jwkSet returns the JWK Set document of the given JWKs.
func jwkSet(jwks ...string) []byte {
	return []byte(`{"keys":[` + strings.Join(jwks, ",") + `]}`)
}

func mustParseSet(t testing.TB, doc []byte) *jwk.Set {
	t.Helper()
	s, err := jwk.ParseSet(doc)
	if err != nil {
		t.Fatalf("ParseSet(%s) = %v", doc, err)
	}
	return s
}

func mustSigner(t testing.TB, doc string, alg jws.Algorithm) jws.Signer {
	t.Helper()
	s, err := mustParseKey(t, doc).SignerFor(alg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestParseSetSkips parses a set that mixes what providers publish with
// what signet cannot use, and checks what is kept and why the rest is not.
func TestParseSetSkips(t *testing.T) {
	doc := jwkSet(
		withMembers(fxRSAPublic, `"kid":"rsa","use":"sig","alg":"RS256"`),
		withMembers(fxECPublic, `"kid":"ec-enc","use":"enc"`),
		`{"kty":"OKP","crv":"X25519","kid":"x25519","x":"`+fxOKPX+`"}`,
		`{"kty":"foo","kid":"future"}`,
		withMembers(fxRSAPublic, `"kid":"oaep","alg":"RSA-OAEP"`),
		withMembers(fxOKPPublic, `"kid":"wrap","key_ops":["wrapKey"]`),
		strings.Replace(fxECPublic, fxY, "5"+fxY[1:], 1),
		`42`,
		`{"kid":"no-kty"}`,
		withMembers(`{"kty":"oct","k":"AAAA"}`, `"kid":"tiny"`),
		withMembers(fxOKPPublic, `"kid":"ed"`),
	)
	set := mustParseSet(t, doc)
	if diff := cmp.Diff([]string{"rsa", "ed"}, kidsOf(set.Keys())); diff != "" {
		t.Errorf("Keys() kids mismatch (-want +got):\n%s", diff)
	}
	want := []struct {
		index, kid string
		err        error
	}{
		{"keys[1]", `(kid "ec-enc")`, jws.ErrInvalidKey},
		{"keys[2]", `(kid "x25519")`, jws.ErrUnsupportedAlgorithm},
		{"keys[3]", `(kid "future")`, jws.ErrUnsupportedAlgorithm},
		{"keys[4]", `(kid "oaep")`, jws.ErrUnsupportedAlgorithm},
		{"keys[5]", `(kid "wrap")`, jws.ErrInvalidKey},
		{"keys[6]", ``, jws.ErrInvalidKey},
		{"keys[7]", ``, jws.ErrMalformed},
		{"keys[8]", `(kid "no-kty")`, jws.ErrMalformed},
		{"keys[9]", `(kid "tiny")`, jws.ErrInvalidKey},
	}
	skipped := set.Skipped()
	if len(skipped) != len(want) {
		t.Fatalf("Skipped() = %d errors, want %d:\n%v", len(skipped), len(want), skipped)
	}
	for i, w := range want {
		err := skipped[i]
		msg := err.Error()
		if !errors.Is(err, w.err) || !strings.HasPrefix(msg, "jwk: JWK Set "+w.index+" ") || !strings.Contains(msg, w.kid) || !strings.Contains(msg, "skipped") {
			t.Errorf("Skipped()[%d] = %q, want %s %s wrapping %v", i, msg, w.index, w.kid, w.err)
		}
		if strings.Count(msg, "jwk:") != 1 || strings.Contains(msg, "jws:") {
			t.Errorf("Skipped()[%d] = %q repeats the package prefix", i, msg)
		}
	}
	// The caller's copy is its own.
	skipped[0] = nil
	if set.Skipped()[0] == nil {
		t.Error("Skipped() aliases the set")
	}
	keys := set.Keys()
	keys[0] = nil
	if set.Keys()[0] == nil {
		t.Error("Keys() aliases the set")
	}
	// Only the usable keys are written back.
	want2 := `{"keys":[{"kty":"RSA","kid":"rsa","use":"sig","alg":"RS256","n":"` + fxN + `","e":"AQAB"},{"kty":"OKP","kid":"ed","crv":"Ed25519","x":"` + fxOKPX + `"}]}`
	if got := mustMarshal(t, set); got != want2 {
		t.Errorf("MarshalJSON() = %s\nwant %s", got, want2)
	}
}

func TestParseSetErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want error
	}{
		{"empty", ``, jws.ErrMalformed},
		{"not an object", `[]`, jws.ErrMalformed},
		{"not JSON", `{"keys":[}`, jws.ErrMalformed},
		{"trailing data", `{"keys":[]}{}`, jws.ErrMalformed},
		{"no keys", `{}`, jws.ErrMalformed},
		{"keys null", `{"keys":null}`, jws.ErrMalformed},
		{"keys an object", `{"keys":{"kty":"oct"}}`, jws.ErrMalformed},
		{"keys a string", `{"keys":"[]"}`, jws.ErrMalformed},
		{"duplicate keys", string(jwkSet(fxOKPPublic)[:len(jwkSet(fxOKPPublic))-1]) + `,"keys":[]}`, jws.ErrMalformed},
		{"KEYS", `{"KEYS":[` + fxOKPPublic + `]}`, jws.ErrMalformed},
		{"Keys beside keys", `{"keys":[` + fxOKPPublic + `],"Keys":[]}`, jws.ErrMalformed},
		{"duplicate member inside a key", `{"keys":[{"kty":"OKP","kty":"OKP","crv":"Ed25519","x":"` + fxOKPX + `"}]}`, jws.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := jwk.ParseSet([]byte(tt.doc))
			if !errors.Is(err, tt.want) || s != nil {
				t.Errorf("ParseSet(%s) = %v, %v, want %v", tt.doc, s, err, tt.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "jwk: ") {
				t.Errorf("error %q lacks the \"jwk: \" prefix", err)
			}
		})
	}
	// Other top-level members are ignored.
	if _, err := jwk.ParseSet([]byte(`{"issuer":"x","keys":[` + fxOKPPublic + `]}`)); err != nil {
		t.Errorf("ParseSet with another member = %v", err)
	}
}

// TestSetResolve checks how Resolve matches kids.
func TestSetResolve(t *testing.T) {
	ed := withMembers(fxOKPPublic, `"kid":"ed"`)
	rsa := withMembers(fxRSAPublic, `"kid":"rsa","alg":"RS256"`)
	tests := []struct {
		name string
		set  []string
		kid  string
		alg  jws.Algorithm // "" for ErrKeyNotFound
	}{
		{"kid found", []string{ed, rsa}, "rsa", jws.RS256},
		{"kid found first", []string{ed, rsa}, "ed", jws.EdDSA},
		{"unknown kid", []string{ed, rsa}, "nope", ""},
		{"kid in another case", []string{ed, rsa}, "RSA", ""},
		{"kid with a space", []string{ed, rsa}, "rsa ", ""},
		{"no kid, two keys", []string{ed, rsa}, "", ""},
		{"no kid, one key with a kid", []string{ed}, "", ""},
		{"no kid, one key without kid", []string{fxOKPPublic}, "", jws.EdDSA},
		{"a kid, one key without kid", []string{fxOKPPublic}, "ed", ""},
		{"no kid, a kidless key among others", []string{fxOKPPublic, rsa}, "", ""},
		{"no kid, one usable kidless key and a skipped one", []string{fxOKPPublic, `{"kty":"foo"}`}, "", jws.EdDSA},
		{"empty kid member", []string{withMembers(fxOKPPublic, `"kid":""`)}, "", jws.EdDSA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := mustParseSet(t, jwkSet(tt.set...))
			vs, err := set.Resolve(context.Background(), tt.kid, tt.alg)
			if tt.alg == "" {
				if !errors.Is(err, jws.ErrKeyNotFound) || vs != nil {
					t.Errorf("Resolve(%q) = %v, %v, want ErrKeyNotFound", tt.kid, vs, err)
				}
				return
			}
			// The Ed25519 keys here have no "alg": they serve both names
			// of their signatures, EdDSA (RFC 8037) and Ed25519 (RFC 9864).
			want := []jws.Algorithm{tt.alg}
			if tt.alg == jws.EdDSA {
				want = append(want, jws.Ed25519)
			}
			var got []jws.Algorithm
			for _, v := range vs {
				got = append(got, v.Algorithm())
			}
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("Resolve(%q) = %v, %v, want Verifiers for %v", tt.kid, got, err, want)
			}
		})
	}
	for _, s := range []*jwk.Set{nil, new(jwk.Set)} {
		if vs, err := s.Resolve(context.Background(), "", jws.EdDSA); !errors.Is(err, jws.ErrKeyNotFound) || vs != nil {
			t.Errorf("empty set Resolve = %v, %v, want ErrKeyNotFound", vs, err)
		}
		if got := mustMarshal(t, s); got != `{"keys":[]}` {
			t.Errorf("empty set MarshalJSON = %s", got)
		}
		if s.Keys() != nil || s.Skipped() != nil {
			t.Error("empty set has keys")
		}
	}
	set := mustParseSet(t, jwkSet(ed))
	ctx := context.Background()
	if allocs := testing.AllocsPerRun(100, func() { set.Resolve(ctx, "ed", jws.EdDSA) }); allocs != 0 {
		t.Errorf("Resolve allocates %v times, want 0", allocs)
	}
}

// TestSetAlgorithms checks which algorithms the keys of a set serve
// through VerifyKeyed, with and without "alg", and that the token's "alg"
// never makes a key serve another family (RFC 8725 §2.1, §3.1).
func TestSetAlgorithms(t *testing.T) {
	secret := []byte("a 32-byte HMAC secret, not RSA!!")
	secretJWK := `{"kty":"oct","kid":"k","k":"` + base64url.EncodeToString(secret) + `"}`
	rsaPub := withMembers(fxRSAPublic, `"kid":"k"`)
	ecPub := withMembers(fxECPublic, `"kid":"k"`)
	edPub := withMembers(fxOKPPublic, `"kid":"k"`)

	hs, err := jws.NewHMAC(jws.HS256, secret)
	if err != nil {
		t.Fatal(err)
	}
	rsaPEM := publicPEM(t, mustParseKey(t, fxRSAPublic).CryptoKey())
	// Attempts to pass an RSA public key off as an HMAC secret.
	confusions := map[string][]byte{
		"PEM":      rsaPEM,
		"DER":      mustDER(t, rsaPEM),
		"n":        mustB64(t, fxN),
		"JWK":      []byte(fxRSAPublic),
		"JWK of k": []byte(rsaPub),
	}
	token := func(s jws.Signer, alg jws.Algorithm) string {
		return rawToken(t, s, `{"alg":"`+string(alg)+`","kid":"k"}`, "ok")
	}
	confused := func(alg jws.Algorithm, secret []byte) string {
		h, err := jws.NewHMAC(alg, secret)
		if err != nil {
			t.Fatal(err)
		}
		return token(h, alg)
	}

	// rsaAll returns signers for every RSA algorithm and the given others.
	rsaAll := func(more ...any) map[jws.Algorithm]jws.Signer {
		m := map[jws.Algorithm]jws.Signer{}
		for _, alg := range []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512} {
			m[alg] = mustSigner(t, fxRSAPrivate, alg)
		}
		for i := 0; i < len(more); i += 2 {
			m[more[i].(jws.Algorithm)] = more[i+1].(jws.Signer)
		}
		return m
	}
	tests := []struct {
		name  string
		set   []string
		serve map[jws.Algorithm]jws.Signer
	}{
		{"RSA with alg", []string{withMembers(rsaPub, `"alg":"RS256"`)}, map[jws.Algorithm]jws.Signer{
			jws.RS256: mustSigner(t, fxRSAPrivate, jws.RS256)}},
		{"RSA without alg serves RS* and PS*", []string{rsaPub}, rsaAll()},
		{"EC without alg serves its curve's algorithm", []string{ecPub}, map[jws.Algorithm]jws.Signer{
			jws.ES256: mustSigner(t, fxECPrivate, jws.ES256)}},
		{"Ed25519 without alg", []string{edPub}, map[jws.Algorithm]jws.Signer{
			jws.EdDSA: mustSigner(t, fxOKPPrivate, jws.EdDSA)}},
		{"oct of 32 bytes without alg serves HS256", []string{secretJWK}, map[jws.Algorithm]jws.Signer{
			jws.HS256: hs}},
		{"oct of 64 bytes without alg serves HS*", []string{withMembers(fxOct, `"kid":"k"`)}, map[jws.Algorithm]jws.Signer{
			jws.HS256: mustSigner(t, fxOct, jws.HS256), jws.HS384: mustSigner(t, fxOct, jws.HS384), jws.HS512: mustSigner(t, fxOct, jws.HS512)}},
		// Beside public keys, oct keys are skipped (Wycheproof's
		// MixedKeySet): their kid serves the public keys only.
		{"oct and RSA share a kid: oct skipped", []string{secretJWK, rsaPub}, rsaAll()},
		{"RSA, EC, Ed25519 and oct share a kid: oct skipped", []string{rsaPub, ecPub, withMembers(edPub, `"alg":"EdDSA"`), withMembers(secretJWK, `"alg":"HS256"`)}, rsaAll(
			jws.ES256, mustSigner(t, fxECPrivate, jws.ES256), jws.EdDSA, mustSigner(t, fxOKPPrivate, jws.EdDSA))},
		{"RSA with alg RS256 and oct with alg HS512 share a kid: oct skipped", []string{withMembers(rsaPub, `"alg":"RS256"`), withMembers(fxOct, `"kid":"k","alg":"HS512"`)}, map[jws.Algorithm]jws.Signer{
			jws.RS256: mustSigner(t, fxRSAPrivate, jws.RS256)}},
	}
	all := []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512, jws.RS256, jws.RS384, jws.RS512,
		jws.PS256, jws.PS384, jws.PS512, jws.ES256, jws.ES384, jws.ES512, jws.EdDSA}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := mustParseSet(t, jwkSet(tt.set...))
			for alg, s := range tt.serve {
				if _, p, err := jws.VerifyKeyed(context.Background(), set, token(s, alg)); err != nil || string(p) != "ok" {
					t.Errorf("VerifyKeyed(%s token) = %q, %v", alg, p, err)
				}
			}
			for _, alg := range all {
				if _, ok := tt.serve[alg]; ok {
					continue
				}
				// No key of the set serves alg: refused before any
				// signature is checked, whatever the token was signed with.
				if _, _, err := jws.VerifyKeyed(context.Background(), set, rawHeaderToken(`{"alg":"`+string(alg)+`","kid":"k"}`)); !errors.Is(err, jws.ErrAlgorithmMismatch) {
					t.Errorf("VerifyKeyed(%s token) = %v, want ErrAlgorithmMismatch", alg, err)
				}
			}
			for _, alg := range []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512} {
				for what, secret := range confusions {
					_, _, err := jws.VerifyKeyed(context.Background(), set, confused(alg, secret))
					want := jws.ErrAlgorithmMismatch
					if _, ok := tt.serve[alg]; ok {
						want = jws.ErrInvalidSignature // an HMAC key of the set, not the RSA key, checks it
					}
					if !errors.Is(err, want) {
						t.Errorf("VerifyKeyed(%s token signed with the RSA key's %s) = %v, want %v", alg, what, err, want)
					}
				}
			}
			for _, alg := range []string{"none", "None", "", "HS256 ", `RS256\u0000`} {
				if _, _, err := jws.VerifyKeyed(context.Background(), set, rawHeaderToken(`{"alg":"`+alg+`","kid":"k"}`)); !errors.Is(err, jws.ErrAlgorithmMismatch) {
					t.Errorf("VerifyKeyed(alg %q) = %v, want ErrAlgorithmMismatch", alg, err)
				}
			}
		})
	}
}

// rawHeaderToken returns a token with the given header, a payload and a
// signature of 64 zero bytes.
func rawHeaderToken(header string) string {
	return base64url.EncodeToString([]byte(header)) + ".b2s." + base64url.EncodeToString(make([]byte, 64))
}

func publicPEM(t testing.TB, pub any) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func mustDER(t testing.TB, p []byte) []byte {
	t.Helper()
	b, _ := pem.Decode(p)
	return b.Bytes
}

func mustB64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64url.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSetResolveCandidates checks that Resolve returns every binding of
// a kid's keys to an algorithm, that the token's "alg" picks among them,
// and that a Resolver wrapping the set (to log, say) keeps keys without
// "alg" working: nothing couples jws to the Verifiers a Set returns.
func TestSetResolveCandidates(t *testing.T) {
	set := mustParseSet(t, jwkSet(withMembers(fxECPublic, `"kid":"k"`), withMembers(fxRSAPublic, `"kid":"k"`)))
	vs, err := set.Resolve(context.Background(), "k", jws.ES256)
	if err != nil {
		t.Fatal(err)
	}
	var algs []jws.Algorithm
	for _, v := range vs {
		algs = append(algs, v.Algorithm())
	}
	want := []jws.Algorithm{jws.ES256, jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512}
	if diff := cmp.Diff(want, algs); diff != "" {
		t.Errorf("Resolve(k) algorithms (-want +got):\n%s", diff)
	}
	s := mustSigner(t, fxECPrivate, jws.ES256)
	tok := rawToken(t, s, `{"alg":"ES256","kid":"k"}`, "x")
	var logged []string
	wrapped := jws.ResolverFunc(func(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
		logged = append(logged, kid+" "+string(alg))
		return set.Resolve(ctx, kid, alg)
	})
	for _, r := range []jws.Resolver{set, wrapped} {
		if _, p, err := jws.VerifyKeyed(context.Background(), r, tok); err != nil || string(p) != "x" {
			t.Fatalf("VerifyKeyed(%T) = %q, %v", r, p, err)
		}
		// A token whose alg is "" matches no candidate.
		empty := rawToken(t, s, `{"alg":"","kid":"k"}`, "x")
		if _, _, err := jws.VerifyKeyed(context.Background(), r, empty); !errors.Is(err, jws.ErrAlgorithmMismatch) {
			t.Errorf(`VerifyKeyed(%T, alg "") = %v, want ErrAlgorithmMismatch`, r, err)
		}
		// The RSA key of kid k never serves as an HMAC secret: an HS256
		// token keyed with the RSA modulus finds no key.
		n := mustParseKey(t, fxRSAPublic).CryptoKey().(*rsa.PublicKey).N.Bytes()
		h, err := jws.NewHMAC(jws.HS256, n)
		if err != nil {
			t.Fatal(err)
		}
		confused := rawToken(t, h, `{"alg":"HS256","kid":"k"}`, "x")
		if _, _, err := jws.VerifyKeyed(context.Background(), r, confused); !errors.Is(err, jws.ErrAlgorithmMismatch) {
			t.Errorf("VerifyKeyed(%T, HS256 keyed with the RSA modulus) = %v, want ErrAlgorithmMismatch", r, err)
		}
	}
	if diff := cmp.Diff([]string{"k ES256", "k ", "k HS256"}, logged); diff != "" {
		t.Errorf("the wrapping resolver saw (-want +got):\n%s", diff)
	}
}

// TestSetAmbiguous checks two keys of one kid that serve one algorithm:
// ParseSet keeps both and VerifyKeyed refuses to choose; NewSet refuses
// the set.
func TestSetAmbiguous(t *testing.T) {
	other, err := jwk.NewKey(mustB64(t, fxK)[:48], jws.HS256, "k")
	if err != nil {
		t.Fatal(err)
	}
	otherJWK := mustMarshal(t, other)
	set := mustParseSet(t, jwkSet(withMembers(fxOct, `"kid":"k"`), otherJWK))
	hs256 := rawToken(t, mustSigner(t, fxOct, jws.HS256), `{"alg":"HS256","kid":"k"}`, "x")
	if _, _, err := jws.VerifyKeyed(context.Background(), set, hs256); !errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("VerifyKeyed(HS256, two HS256 keys of kid k) = %v, want an ambiguous ErrKeyNotFound", err)
	}
	// The set's own resolution refuses it, so no Resolver built on it can
	// try both.
	if vs, err := set.Resolve(context.Background(), "k", jws.HS256); !errors.Is(err, jws.ErrKeyNotFound) || vs != nil {
		t.Errorf("Resolve(k, HS256) = %v, %v, want an ambiguous ErrKeyNotFound", vs, err)
	}
	// The algorithm only one of them serves still works.
	hs512 := rawToken(t, mustSigner(t, fxOct, jws.HS512), `{"alg":"HS512","kid":"k"}`, "x")
	if _, _, err := jws.VerifyKeyed(context.Background(), set, hs512); err != nil {
		t.Errorf("VerifyKeyed(HS512) = %v", err)
	}
	if _, err := jwk.NewSet(set.Keys()...); !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf("NewSet(ambiguous keys) = %v, want ErrInvalidKey", err)
	}
}

func TestNewSet(t *testing.T) {
	rsaPriv := mustParseKey(t, withMembers(fxRSAPrivate, `"kid":"rsa","alg":"RS256"`))
	edPriv, err := jwk.NewKey(mustParseKey(t, fxOKPPrivate).CryptoKey(), jws.EdDSA, "")
	if err != nil {
		t.Fatal(err)
	}
	// A service publishes the public halves of its signing keys.
	var pubs []*jwk.Key
	for _, k := range []*jwk.Key{rsaPriv, edPriv} {
		p, err := k.Public()
		if err != nil {
			t.Fatal(err)
		}
		pubs = append(pubs, p)
	}
	set, err := jwk.NewSet(pubs...)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(doc), `"d"`) {
		t.Errorf("published set has private members: %s", doc)
	}
	again := mustParseSet(t, doc)
	if got := mustMarshal(t, again); got != string(doc) || len(again.Skipped()) != 0 {
		t.Errorf("ParseSet(MarshalJSON) = %s, skipped %v; want %s", got, again.Skipped(), doc)
	}
	// Tokens signed with the private keys verify against the published set.
	for _, k := range []*jwk.Key{rsaPriv, edPriv} {
		s, err := k.Signer()
		if err != nil {
			t.Fatal(err)
		}
		tok, err := jws.Sign(s, jws.Header{KeyID: k.KeyID()}, []byte("hello"))
		if err != nil {
			t.Fatal(err)
		}
		if _, p, err := jws.VerifyKeyed(context.Background(), again, tok); err != nil || string(p) != "hello" {
			t.Errorf("VerifyKeyed(%s token) = %q, %v", s.Algorithm(), p, err)
		}
	}
	// A set of private keys verifies too.
	if _, err := jwk.NewSet(rsaPriv, edPriv); err != nil {
		t.Errorf("NewSet(private keys) = %v", err)
	}
	// The set keeps its own slice.
	in := []*jwk.Key{pubs[0], pubs[1]}
	s2, _ := jwk.NewSet(in...)
	in[0] = nil
	if s2.Keys()[0] == nil {
		t.Error("NewSet aliases its argument")
	}

	single, err := jwk.NewSet(mustParseKey(t, fxOKPPublic))
	if err != nil {
		t.Fatalf("NewSet(one key without kid) = %v", err)
	}
	if vs, err := single.Resolve(context.Background(), "", jws.EdDSA); err != nil || len(vs) != 2 || vs[0].Algorithm() != jws.EdDSA || vs[1].Algorithm() != jws.Ed25519 {
		t.Errorf("Resolve(\"\") = %v, %v", vs, err)
	}

	for _, tt := range []struct {
		name string
		keys []*jwk.Key
	}{
		{"no key", nil},
		{"nil key", []*jwk.Key{pubs[0], nil}},
		{"zero key", []*jwk.Key{new(jwk.Key)}},
		{"encryption key", []*jwk.Key{mustParseKey(t, withMembers(fxECPublic, `"use":"enc","kid":"e"`))}},
		{"key without kid among others", []*jwk.Key{pubs[0], mustParseKey(t, fxOKPPublic)}},
		{"same kid, same algorithm", []*jwk.Key{pubs[1], edPriv}},
		{"key too short for every HMAC", []*jwk.Key{mustParseKey(t, `{"kty":"oct","k":"AAAA"}`)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := jwk.NewSet(tt.keys...)
			if !errors.Is(err, jws.ErrInvalidKey) || s != nil {
				t.Errorf("NewSet = %v, %v, want ErrInvalidKey", s, err)
			}
		})
	}
}

// TestSetUnmarshalJSON checks that a Set can be a field of a
// configuration struct decoded by encoding/json.
func TestSetUnmarshalJSON(t *testing.T) {
	var cfg struct {
		JWKS jwk.Set `json:"jwks"`
	}
	if err := json.Unmarshal([]byte(`{"jwks":`+string(jwkSet(withMembers(fxOKPPublic, `"kid":"a"`)))+`}`), &cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.JWKS.Resolve(context.Background(), "a", jws.EdDSA); err != nil {
		t.Errorf("Resolve = %v", err)
	}
	if err := json.Unmarshal([]byte(`{"jwks":{"keys":}}`), &cfg); err == nil {
		t.Errorf("Unmarshal(bad set) = %v, want an error", err)
	}
	if _, err := cfg.JWKS.Resolve(context.Background(), "a", jws.EdDSA); err != nil {
		t.Errorf("a failed Unmarshal changed the set: Resolve = %v", err)
	}
	// An empty set parses (RFC 7517 §5) and resolves nothing.
	if err := json.Unmarshal([]byte(`{"jwks":{"keys":[]}}`), &cfg); err != nil {
		t.Errorf("Unmarshal(empty set) = %v", err)
	}
	if _, err := cfg.JWKS.Resolve(context.Background(), "a", jws.EdDSA); !errors.Is(err, jws.ErrKeyNotFound) {
		t.Errorf("empty set: Resolve = %v, want ErrKeyNotFound", err)
	}
}

// TestSetConcurrent verifies tokens from many goroutines against one
// set; run with -race.
func TestSetConcurrent(t *testing.T) {
	set := mustParseSet(t, jwkSet(withMembers(fxECPublic, `"kid":"k"`), withMembers(fxRSAPublic, `"kid":"k"`), withMembers(fxOKPPublic, `"kid":"ed"`)))
	toks := []string{
		rawToken(t, mustSigner(t, fxECPrivate, jws.ES256), `{"alg":"ES256","kid":"k"}`, "1"),
		rawToken(t, mustSigner(t, fxRSAPrivate, jws.RS256), `{"alg":"RS256","kid":"k"}`, "2"),
		rawToken(t, mustSigner(t, fxOKPPrivate, jws.EdDSA), `{"alg":"EdDSA","kid":"ed"}`, "3"),
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 30 {
				tok := toks[(g+i)%len(toks)]
				if _, _, err := jws.VerifyKeyed(context.Background(), set, tok); err != nil {
					t.Errorf("VerifyKeyed = %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkSet(b *testing.B) {
	set := mustParseSet(b, jwkSet(
		withMembers(fxRSAPublic, `"kid":"rsa"`),
		withMembers(fxOKPPublic, `"kid":"ed","alg":"EdDSA"`),
	))
	tok := rawToken(b, mustSigner(b, fxOKPPrivate, jws.EdDSA), `{"alg":"EdDSA","kid":"ed"}`, `{"sub":"alice"}`)
	b.Run("Resolve", func(b *testing.B) {
		b.ReportAllocs()
		ctx := context.Background()
		for b.Loop() {
			if _, err := set.Resolve(ctx, "ed", jws.EdDSA); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("VerifyKeyed/EdDSA", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(tok)))
		for b.Loop() {
			if _, _, err := jws.VerifyKeyed(context.Background(), set, tok); err != nil {
				b.Fatal(err)
			}
		}
	})
	doc := mustMarshal(b, set)
	b.Run("ParseSet", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if _, err := jwk.ParseSet([]byte(doc)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSetProviderShapes parses key sets shaped like those identity
// providers publish (the key material is RFC 7517's), with their extra
// members, and verifies a token through each.
func TestSetProviderShapes(t *testing.T) {
	x5t := strings.Repeat("A", 27)
	x5tS256 := strings.Repeat("B", 42) + "A"
	const cert = "MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBBQUAMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDAeFw0xMzAyMjEyMzI5MTVaFw0xODA4MTQyMjI5MTVaMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAL64zn8/QnHYMeZ0LncoXaEde1fiLm1jHjmQsF/449IYALM9if6amFtPDy2yvz3YlRij66s5gyLCyO7ANuVRJx1NbgizcAblIgjtdf/u3WG7K+IiZhtELto/A7Fck9Ws6SQvzRvOE8uSirYbgmj6He4iO8NCyvaK0jIQRMMGQwsU1quGmFgHIXPLfnpnfajr1rVTAwtgV5LEZ4Iel+W1GC8ugMhyr4/p1MtcIM42EA8BzE6ZQqC7VPqPvEjZ2dbZkaBhPbiZAS3YeYBRDWm1p1OZtWamT3cEvqqPpnjL1XyW+oyVVkaZdklLQp2Btgt9qr21m42f4wTw+Xrp6rCKNb0CAwEAATANBgkqhkiG9w0BAQUFAAOCAQEAh8zGlfSlcI0o3rYDPBB07aXNswb4ECNIKG0CETTUxmXl9KUL+9gGlqCz5iWLOgWsnrcKcY0vXPG9J1r9AqBNTqNgHq2G03X09266X5CpOe1zFo+Owb1zxtp3PehFdfQJ610CDLEaS9V9Rqp17hCyybEpOGVwe8fnk+fbEL2Bo3UPGrpsHzUoaGpDftmWssZkhpBJKVMJyf/RuP2SmmaIzmnw9JiSlYhzo4tpzd5rFXhjRbg4zW9C+2qok+2+qDM1iJ684gPHMIY8aLWrdgQTxkumGmTqgawR+N5MDtdPTEQ0XfIBc2cJEUyMTY5MPvACWpkA6SdS4xSvdXK3IVfOWA=="
	rsaKey := func(members string) string { return withMembers(fxRSAPublic, members) }
	tests := []struct {
		name string
		doc  string
		kid  string
		alg  jws.Algorithm
	}{
		{"Microsoft Entra ID: no alg, x5c, issuer", `{"keys":[` +
			rsaKey(`"use":"sig","kid":"old","x5t":"`+x5t+`","x5c":["`+cert+`"],"cloud_instance_name":"microsoftonline.com","issuer":"https://login.microsoftonline.com/{tenantid}/v2.0"`) + `,` +
			rsaKey(`"use":"sig","kid":"nOo3ZDrODXEK1jKWhXslHR_KXEg","x5t":"`+x5t+`","x5c":["`+cert+`"],"issuer":"https://login.microsoftonline.com/{tenantid}/v2.0"`) + `]}`,
			"nOo3ZDrODXEK1jKWhXslHR_KXEg", jws.RS256},
		{"Google: alg, use", `{"keys":[` + rsaKey(`"alg":"RS256","use":"sig","kid":"a1b2c3"`) + `,` +
			`{"kty":"RSA","alg":"RS256","use":"sig","kid":"other","e":"AQAB","n":"` + b64(t, fxN, func(b []byte) []byte { b[10] ^= 1; return b }) + `"}]}`,
			"a1b2c3", jws.RS256},
		{"Auth0: x5c, x5t", `{"keys":[` + rsaKey(`"alg":"RS256","use":"sig","kid":"tenant-key","x5t":"`+x5t+`","x5c":["`+cert+`"]`) + `]}`,
			"tenant-key", jws.RS256},
		{"Keycloak: a signing key and an encryption key", `{"keys":[` +
			rsaKey(`"kid":"enc-key","use":"enc","alg":"RSA-OAEP","x5c":["`+cert+`"],"x5t":"`+x5t+`","x5t#S256":"`+x5tS256+`"`) + `,` +
			rsaKey(`"kid":"sig-key","use":"sig","alg":"PS256","x5c":["`+cert+`"],"x5t":"`+x5t+`","x5t#S256":"`+x5tS256+`"`) + `]}`,
			"sig-key", jws.PS256},
		{"Amazon Cognito", `{"keys":[` + rsaKey(`"alg":"RS256","kid":"cognito=","use":"sig"`) + `]}`, "cognito=", jws.RS256},
		{"Kubernetes service accounts", `{"keys":[` + rsaKey(`"use":"sig","alg":"RS256","kid":"k8s"`) + `,` + withMembers(fxECPublic, `"use":"sig","alg":"ES256","kid":"k8s-ec"`) + `]}`,
			"k8s-ec", jws.ES256},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := mustParseSet(t, []byte(tt.doc))
			for _, err := range set.Skipped() {
				t.Logf("skipped: %v", err)
			}
			signer := fxRSAPrivate
			if tt.alg == jws.ES256 {
				signer = fxECPrivate
			}
			tok := rawToken(t, mustSigner(t, signer, tt.alg), `{"alg":"`+string(tt.alg)+`","typ":"JWT","kid":"`+tt.kid+`"}`, `{"sub":"alice"}`)
			if _, p, err := jws.VerifyKeyed(context.Background(), set, tok); err != nil || string(p) != `{"sub":"alice"}` {
				t.Errorf("VerifyKeyed = %q, %v", p, err)
			}
			other := rawToken(t, mustSigner(t, signer, tt.alg), `{"alg":"`+string(tt.alg)+`","kid":"unknown"}`, `{}`)
			if _, _, err := jws.VerifyKeyed(context.Background(), set, other); !errors.Is(err, jws.ErrKeyNotFound) {
				t.Errorf("VerifyKeyed(unknown kid) = %v, want ErrKeyNotFound", err)
			}
		})
	}
}

// rawToken builds a token from a raw header and payload, signed by s, so
// that a test can make exactly one thing wrong.
func rawToken(t testing.TB, s jws.Signer, header, payload string) string {
	t.Helper()
	in := base64url.EncodeToString([]byte(header)) + "." + base64url.EncodeToString([]byte(payload))
	sig, err := s.AppendSignature(nil, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	return in + "." + base64url.EncodeToString(sig)
}
