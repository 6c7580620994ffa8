package jws_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/internal/testkeys"
	"github.com/signet-go/signet/jws"
)

// testKeys holds one key of each family, generated once per test binary.
type testKeys struct {
	hmac    *jws.HMAC
	rsa     *rsa.PrivateKey
	ecdsa   *ecdsa.PrivateKey
	ed25519 ed25519.PrivateKey
}

var keysOnce = sync.OnceValue(func() *testKeys {
	h, err := jws.NewHMAC(jws.HS256, []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		panic(err)
	}
	// The committed test keys (internal/testkeys).
	rk, ek, edk := testkeys.RSA(0), testkeys.ECDSA(elliptic.P256(), 0), testkeys.Ed25519(0)
	return &testKeys{hmac: h, rsa: rk, ecdsa: ek, ed25519: edk}
})

func keys(t testing.TB) *testKeys {
	t.Helper()
	return keysOnce()
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

func TestSignVerifyAllAlgorithms(t *testing.T) {
	k := keys(t)
	rs := func(alg jws.Algorithm) jws.Signer {
		s, err := jws.NewRSASigner(alg, k.rsa)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	ec := func(alg jws.Algorithm, c elliptic.Curve) jws.Signer {
		s, err := jws.NewECDSASigner(alg, testkeys.ECDSA(c, 0))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	hm := func(alg jws.Algorithm, n int) jws.Signer {
		h, err := jws.NewHMAC(alg, make([]byte, n))
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	ed, err := jws.NewEd25519Signer(k.ed25519)
	if err != nil {
		t.Fatal(err)
	}
	ed25519Alg, err := jws.NewSigner(jws.Ed25519, k.ed25519)
	if err != nil {
		t.Fatal(err)
	}
	signers := []jws.Signer{
		hm(jws.HS256, 32), hm(jws.HS384, 48), hm(jws.HS512, 64),
		rs(jws.RS256), rs(jws.RS384), rs(jws.RS512), rs(jws.PS256), rs(jws.PS384), rs(jws.PS512),
		ec(jws.ES256, elliptic.P256()), ec(jws.ES384, elliptic.P384()), ec(jws.ES512, elliptic.P521()),
		ed, ed25519Alg,
	}
	payload := []byte(`{"sub":"1234567890","name":"John Doe","iat":1516239022}`)
	h := jws.Header{KeyID: "k1", Type: "JWT", ContentType: "example", Extra: map[string]json.RawMessage{
		"x5t":     json.RawMessage(`"dGh1bWI"`),
		"private": json.RawMessage(`{"a":[1,2]}`),
	}}
	for _, s := range signers {
		t.Run(string(s.Algorithm()), func(t *testing.T) {
			v := publicVerifier(t, s)
			tok, err := jws.Sign(s, h, payload)
			if err != nil {
				t.Fatalf("Sign = %v", err)
			}
			gotH, gotP, err := jws.Verify(v, tok)
			if err != nil {
				t.Fatalf("Verify(%q) = %v", tok, err)
			}
			want := h
			want.Algorithm = s.Algorithm()
			if diff := cmp.Diff(want, gotH); diff != "" {
				t.Errorf("header mismatch (-want +got):\n%s", diff)
			}
			if string(gotP) != string(payload) {
				t.Errorf("payload = %q, want %q", gotP, payload)
			}
			// A flipped bit in any part is refused.
			for i := range tok {
				if tok[i] == '.' {
					continue
				}
				bad := []byte(tok)
				bad[i] ^= 0x01
				if h, p, err := jws.Verify(v, string(bad)); err == nil || p != nil || h.Algorithm != "" {
					t.Fatalf("Verify(token with byte %d changed) = %v, %q, %v; want an error and nothing else", i, h, p, err)
				}
			}
		})
	}
}

func TestSignGolden(t *testing.T) {
	// An HS256 token built by hand with encoding/base64 and crypto/hmac
	// (the peerbench reference does the same) must be what Sign produces.
	k := keys(t)
	payload := `{"iss":"joe","exp":1300819380}`
	want := rawToken(t, k.hmac, `{"alg":"HS256","typ":"JWT"}`, payload)
	got, err := jws.Sign(k.hmac, jws.Header{Type: "JWT"}, []byte(payload))
	if err != nil || got != want {
		t.Errorf("Sign = %q, %v, want %q", got, err, want)
	}
	got2, err := jws.AppendSign([]byte("prefix:"), k.hmac, jws.Header{Type: "JWT"}, []byte(payload))
	if err != nil || string(got2) != "prefix:"+want {
		t.Errorf("AppendSign = %q, %v, want %q", got2, err, "prefix:"+want)
	}
	tests := []struct {
		h    jws.Header
		want string
	}{
		{jws.Header{}, `{"alg":"HS256"}`},
		{jws.Header{Algorithm: jws.HS256, KeyID: "a\"b\\c\n\x01é"}, `{"alg":"HS256","kid":"a\"b\\c\n\u0001é"}`},
		{jws.Header{Type: "at+jwt", ContentType: "JWT", KeyID: "k"}, `{"alg":"HS256","typ":"at+jwt","cty":"JWT","kid":"k"}`},
		{jws.Header{Extra: map[string]json.RawMessage{"b": json.RawMessage(`1`), "a": json.RawMessage(` [true] `)}}, `{"alg":"HS256","a": [true] ,"b":1}`},
	}
	for _, tt := range tests {
		got, err := jws.Sign(k.hmac, tt.h, []byte("x"))
		if err != nil {
			t.Errorf("Sign(%+v) = %v", tt.h, err)
			continue
		}
		hdr, _ := base64url.DecodeString(got[:strings.IndexByte(got, '.')])
		if string(hdr) != tt.want {
			t.Errorf("Sign(%+v) header = %s, want %s", tt.h, hdr, tt.want)
		}
	}
}

func TestSignErrors(t *testing.T) {
	k := keys(t)
	tests := []struct {
		name string
		s    jws.Signer
		h    jws.Header
		want error
	}{
		{"nil signer", nil, jws.Header{}, jws.ErrInvalidKey},
		{"alg differs", k.hmac, jws.Header{Algorithm: jws.RS256}, jws.ErrAlgorithmMismatch},
		{"alg none", k.hmac, jws.Header{Algorithm: "none"}, jws.ErrAlgorithmMismatch},
		{"kid not UTF-8", k.hmac, jws.Header{KeyID: "\xff"}, jws.ErrMalformed},
		{"typ not UTF-8", k.hmac, jws.Header{Type: "\xc3"}, jws.ErrMalformed},
		{"extra shadows alg", k.hmac, jws.Header{Extra: map[string]json.RawMessage{"alg": json.RawMessage(`"none"`)}}, jws.ErrMalformed},
		{"extra shadows ALG", k.hmac, jws.Header{Extra: map[string]json.RawMessage{"ALG": json.RawMessage(`"none"`)}}, jws.ErrMalformed},
		{"extra sets crit", k.hmac, jws.Header{Extra: map[string]json.RawMessage{"crit": json.RawMessage(`["b64"]`)}}, jws.ErrMalformed},
		{"extra not JSON", k.hmac, jws.Header{Extra: map[string]json.RawMessage{"x": json.RawMessage(`{`)}}, jws.ErrMalformed},
		{"extra empty value", k.hmac, jws.Header{Extra: map[string]json.RawMessage{"x": nil}}, jws.ErrMalformed},
		{"extra two values", k.hmac, jws.Header{Extra: map[string]json.RawMessage{"x": json.RawMessage(`1,"y":2`)}}, jws.ErrMalformed},
		{"extra name not UTF-8", k.hmac, jws.Header{Extra: map[string]json.RawMessage{"\xff": json.RawMessage(`1`)}}, jws.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := jws.Sign(tt.s, tt.h, []byte("{}"))
			if !errors.Is(err, tt.want) || tok != "" {
				t.Errorf("Sign = %q, %v, want \"\", %v", tok, err, tt.want)
			}
			b, err := jws.AppendSign([]byte("x"), tt.s, tt.h, []byte("{}"))
			if !errors.Is(err, tt.want) || b != nil {
				t.Errorf("AppendSign = %q, %v, want nil, %v", b, err, tt.want)
			}
		})
	}
}

// TestVerifyMalformed is the table of hostile and malformed tokens, each
// with the sentinel it must produce.
func TestVerifyMalformed(t *testing.T) {
	k := keys(t)
	hs := k.hmac
	good := rawToken(t, hs, `{"alg":"HS256","typ":"JWT"}`, `{"sub":"x"}`)
	parts := strings.Split(good, ".") // test code: the input is ours
	hs384, err := jws.NewHMAC(jws.HS384, make([]byte, 48))
	if err != nil {
		t.Fatal(err)
	}
	rsV, err := jws.NewRSAVerifier(jws.RS256, &k.rsa.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	// The classic algorithm confusion: an HS256 token whose secret is the
	// RSA public key's PEM, presented to the RSA verifier.
	der, err := x509.MarshalPKIXPublicKey(&k.rsa.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	confused, err := jws.NewHMAC(jws.HS256, pemKey)
	if err != nil {
		t.Fatal(err)
	}
	confusedTok := rawToken(t, confused, `{"alg":"HS256","typ":"JWT"}`, `{"sub":"admin"}`)
	noneTok := func(alg string, sig string) string {
		return base64url.EncodeToString([]byte(`{"alg":"`+alg+`"}`)) + "." + parts[1] + "." + sig
	}
	enc := func(s string) string { return base64url.EncodeToString([]byte(s)) }

	tests := []struct {
		name  string
		v     jws.Verifier
		token string
		want  error
	}{
		{"empty", hs, "", jws.ErrMalformed},
		{"one part", hs, parts[0], jws.ErrMalformed},
		{"two parts", hs, parts[0] + "." + parts[1], jws.ErrMalformed},
		{"four parts", hs, good + ".x", jws.ErrMalformed},
		{"five parts (JWE)", hs, good + ".x.y", jws.ErrMalformed},
		{"only dots", hs, "..", jws.ErrMalformed},
		{"many dots", hs, strings.Repeat(".", 10000), jws.ErrMalformed},
		{"empty signature", hs, parts[0] + "." + parts[1] + ".", jws.ErrInvalidSignature},
		{"empty header", hs, "." + parts[1] + "." + parts[2], jws.ErrMalformed},
		{"padding on header", hs, parts[0] + "=." + parts[1] + "." + parts[2], jws.ErrMalformed},
		{"padding on signature", hs, good + "=", jws.ErrMalformed},
		{"standard alphabet", hs, strings.NewReplacer("-", "+", "_", "/").Replace(good), jws.ErrMalformed},
		{"leading space", hs, " " + good, jws.ErrMalformed},
		{"trailing newline", hs, good + "\n", jws.ErrMalformed},
		{"CRLF inside", hs, parts[0][:4] + "\r\n" + parts[0][4:] + "." + parts[1] + "." + parts[2], jws.ErrMalformed},
		{"space inside", hs, parts[0] + "." + parts[1][:3] + " " + parts[1][3:] + "." + parts[2], jws.ErrMalformed},
		{"non-canonical last char", hs, parts[0] + "." + parts[1] + "." + parts[2][:len(parts[2])-1] + "l", jws.ErrMalformed},
		{"length 4k+1", hs, parts[0] + "." + parts[1] + "." + parts[2] + "AA", jws.ErrMalformed},
		{"header not JSON", hs, rawToken(t, hs, `alg=HS256`, `{}`), jws.ErrMalformed},
		{"header array", hs, rawToken(t, hs, `["HS256"]`, `{}`), jws.ErrMalformed},
		{"header with BOM", hs, rawToken(t, hs, "\ufeff{\"alg\":\"HS256\"}", `{}`), jws.ErrMalformed},
		{"header trailing data", hs, rawToken(t, hs, `{"alg":"HS256"}{}`, `{}`), jws.ErrMalformed},
		{"header trailing garbage", hs, rawToken(t, hs, `{"alg":"HS256"} x`, `{}`), jws.ErrMalformed},
		{"header invalid UTF-8", hs, rawToken(t, hs, "{\"alg\":\"HS256\",\"kid\":\"\xff\"}", `{}`), jws.ErrMalformed},
		{"header no alg", hs, rawToken(t, hs, `{"typ":"JWT"}`, `{}`), jws.ErrMalformed},
		{"alg not a string", hs, rawToken(t, hs, `{"alg":256}`, `{}`), jws.ErrMalformed},
		{"alg null", hs, rawToken(t, hs, `{"alg":null}`, `{}`), jws.ErrMalformed},
		{"alg array", hs, rawToken(t, hs, `{"alg":["HS256"]}`, `{}`), jws.ErrMalformed},
		{"kid not a string", hs, rawToken(t, hs, `{"alg":"HS256","kid":1}`, `{}`), jws.ErrMalformed},
		{"typ not a string", hs, rawToken(t, hs, `{"alg":"HS256","typ":true}`, `{}`), jws.ErrMalformed},
		{"cty not a string", hs, rawToken(t, hs, `{"alg":"HS256","cty":{}}`, `{}`), jws.ErrMalformed},
		{"duplicate alg", hs, rawToken(t, hs, `{"alg":"HS256","alg":"HS256"}`, `{}`), jws.ErrMalformed},
		{"duplicate alg, second none", hs, rawToken(t, hs, `{"alg":"HS256","alg":"none"}`, `{}`), jws.ErrMalformed},
		{"duplicate alg by escape", hs, rawToken(t, hs, `{"alg":"HS256","\u0061lg":"HS256"}`, `{}`), jws.ErrMalformed},
		{"duplicate kid", hs, rawToken(t, hs, `{"alg":"HS256","kid":"a","kid":"b"}`, `{}`), jws.ErrMalformed},
		{"case-variant ALG", hs, rawToken(t, hs, `{"alg":"HS256","ALG":"none"}`, `{}`), jws.ErrMalformed},
		{"case-variant Alg only", hs, rawToken(t, hs, `{"Alg":"HS256"}`, `{}`), jws.ErrMalformed},
		{"case-variant Kid", hs, rawToken(t, hs, `{"alg":"HS256","Kid":"x"}`, `{}`), jws.ErrMalformed},
		{"case-variant CRIT", hs, rawToken(t, hs, `{"alg":"HS256","CRIT":["exp"]}`, `{}`), jws.ErrMalformed},
		{"crit lists a name", hs, rawToken(t, hs, `{"alg":"HS256","crit":["exp"],"exp":1}`, `{}`), jws.ErrMalformed},
		{"crit b64 (RFC 7797)", hs, rawToken(t, hs, `{"alg":"HS256","b64":false,"crit":["b64"]}`, `{}`), jws.ErrMalformed},
		{"crit empty", hs, rawToken(t, hs, `{"alg":"HS256","crit":[]}`, `{}`), jws.ErrMalformed},
		{"crit not an array", hs, rawToken(t, hs, `{"alg":"HS256","crit":"exp"}`, `{}`), jws.ErrMalformed},
		{"crit array of numbers", hs, rawToken(t, hs, `{"alg":"HS256","crit":[1]}`, `{}`), jws.ErrMalformed},
		{"deeply nested header", hs, rawToken(t, hs, `{"alg":"HS256","x":`+strings.Repeat("[", 100)+strings.Repeat("]", 100)+`}`, `{}`), jws.ErrMalformed},
		{"alg none", hs, noneTok("none", ""), jws.ErrAlgorithmMismatch},
		{"alg None", hs, noneTok("None", ""), jws.ErrAlgorithmMismatch},
		{"alg NONE", hs, noneTok("NONE", ""), jws.ErrAlgorithmMismatch},
		{"alg nOnE with a signature", hs, noneTok("nOnE", parts[2]), jws.ErrAlgorithmMismatch},
		{"alg none to RSA", rsV, noneTok("none", ""), jws.ErrAlgorithmMismatch},
		{"alg empty", hs, noneTok("", ""), jws.ErrAlgorithmMismatch},
		{"alg hs256 (case)", hs, rawToken(t, hs, `{"alg":"hs256"}`, `{}`), jws.ErrAlgorithmMismatch},
		{"alg of another HMAC size", hs384, good, jws.ErrAlgorithmMismatch},
		{"alg of another family", rsV, good, jws.ErrAlgorithmMismatch},
		{"HS256 with the RSA public key PEM as secret", rsV, confusedTok, jws.ErrAlgorithmMismatch},
		{"alg mismatch wins over crit", rsV, rawToken(t, hs, `{"alg":"HS256","crit":["b64"]}`, `{}`), jws.ErrAlgorithmMismatch},
		{"wrong signature", hs, parts[0] + "." + parts[1] + "." + enc(strings.Repeat("x", 32)), jws.ErrInvalidSignature},
		{"short signature", hs, parts[0] + "." + parts[1] + "." + parts[2][:20], jws.ErrInvalidSignature},
		{"long signature", hs, parts[0] + "." + parts[1] + "." + enc(strings.Repeat("x", 33)), jws.ErrInvalidSignature},
		{"payload swapped", hs, parts[0] + "." + enc(`{"sub":"y"}`) + "." + parts[2], jws.ErrInvalidSignature},
		{"too large", hs, parts[0] + "." + strings.Repeat("A", jws.DefaultMaxSize) + "." + parts[2], jws.ErrTooLarge},
		{"nil verifier", nil, good, jws.ErrInvalidKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, p, err := jws.Verify(tt.v, tt.token)
			if !errors.Is(err, tt.want) {
				t.Errorf("Verify(%.80q) = %v, want %v", tt.token, err, tt.want)
			}
			if diff := cmp.Diff(jws.Header{}, h); diff != "" || p != nil {
				t.Errorf("Verify returned a result with its error: header (-want +got):\n%s payload %q", diff, p)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "jws: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if tt.v == nil {
				return
			}
			// VerifyKeyed applies the same checks.
			if _, _, err := jws.VerifyKeyed(context.Background(), only(tt.v), tt.token); !errors.Is(err, tt.want) {
				t.Errorf("VerifyKeyed(%.80q) = %v, want %v", tt.token, err, tt.want)
			}
		})
	}
	if _, _, err := jws.Verify(hs, good); err != nil {
		t.Fatalf("Verify(good) = %v: the table's base token is wrong", err)
	}
}

func TestLimits(t *testing.T) {
	k := keys(t)
	big := rawToken(t, k.hmac, `{"alg":"HS256"}`, `{"x":"`+strings.Repeat("a", 100_000)+`"}`)
	if _, _, err := jws.Verify(k.hmac, big); !errors.Is(err, jws.ErrTooLarge) {
		t.Errorf("Verify(%d bytes) = %v, want ErrTooLarge", len(big), err)
	}
	if _, _, err := jws.ParseUnverified(big); !errors.Is(err, jws.ErrTooLarge) {
		t.Errorf("ParseUnverified(%d bytes) = %v, want ErrTooLarge", len(big), err)
	}
	l := jws.Limits{MaxSize: len(big)}
	if _, _, err := l.Verify(k.hmac, big); err != nil {
		t.Errorf("Limits{MaxSize: %d}.Verify = %v", len(big), err)
	}
	l.MaxSize = len(big) - 1
	if _, _, err := l.Verify(k.hmac, big); !errors.Is(err, jws.ErrTooLarge) {
		t.Errorf("Limits{MaxSize: %d}.Verify = %v, want ErrTooLarge", l.MaxSize, err)
	}
	small := rawToken(t, k.hmac, `{"alg":"HS256"}`, `{}`)
	if _, _, err := (jws.Limits{MaxSize: 10}).VerifyKeyed(context.Background(), only(k.hmac), small); !errors.Is(err, jws.ErrTooLarge) {
		t.Errorf("Limits{MaxSize: 10}.VerifyKeyed = %v, want ErrTooLarge", err)
	}
}

// TestLimitsNegative pins issue 9's rule that a negative MaxSize is a
// configuration error, not the default, for every entry point.
func TestLimitsNegative(t *testing.T) {
	k := keys(t)
	small := rawToken(t, k.hmac, `{"alg":"HS256"}`, `{}`)
	for _, max := range []int{-1, -len(small), math.MinInt} {
		l := jws.Limits{MaxSize: max}
		for name, call := range map[string]func() (jws.Header, []byte, error){
			"Verify":          func() (jws.Header, []byte, error) { return l.Verify(k.hmac, small) },
			"VerifyKeyed":     func() (jws.Header, []byte, error) { return l.VerifyKeyed(context.Background(), only(k.hmac), small) },
			"ParseUnverified": func() (jws.Header, []byte, error) { return l.ParseUnverified(small) },
		} {
			h, p, err := call()
			if err == nil || err.Error() != "jws: invalid Limits: negative MaxSize" || h.Algorithm != "" || p != nil {
				t.Errorf("Limits{MaxSize: %d}.%s = %v, %q, %v, want the negative MaxSize error", max, name, h, p, err)
			}
			if errors.Is(err, jws.ErrTooLarge) || errors.Is(err, jws.ErrMalformed) {
				t.Errorf("Limits{MaxSize: %d}.%s = %v, which wraps a sentinel", max, name, err)
			}
		}
	}
}

// only returns a Resolver that gives v for every token.
func only(v jws.Verifier) jws.Resolver {
	return jws.ResolverFunc(func(context.Context, string, jws.Algorithm) ([]jws.Verifier, error) {
		return []jws.Verifier{v}, nil
	})
}

// ctxKey is the type of a context value the resolver tests pass through.
type ctxKey struct{}

func TestVerifyKeyed(t *testing.T) {
	k := keys(t)
	other, err := jws.NewHMAC(jws.HS256, []byte("another key of thirty-two bytes!"))
	if err != nil {
		t.Fatal(err)
	}
	rsV, err := jws.NewRSAVerifier(jws.RS256, &k.rsa.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	byKID := map[string]jws.Verifier{"k1": k.hmac, "k2": other, "rsa": rsV}
	type call struct {
		KID, Alg, Ctx string
	}
	var seen []call
	resolver := jws.ResolverFunc(func(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
		tag, _ := ctx.Value(ctxKey{}).(string)
		seen = append(seen, call{kid, string(alg), tag})
		if v, ok := byKID[kid]; ok {
			return []jws.Verifier{v}, nil
		}
		return nil, fmt.Errorf("%w: %q", jws.ErrKeyNotFound, kid)
	})
	ctx := context.WithValue(context.Background(), ctxKey{}, "request 1")
	tok1, _ := jws.Sign(k.hmac, jws.Header{KeyID: "k1"}, []byte("one"))
	tok2, _ := jws.Sign(other, jws.Header{KeyID: "k2"}, []byte("two"))
	for _, tt := range []struct{ tok, want string }{{tok1, "one"}, {tok2, "two"}} {
		if _, p, err := jws.VerifyKeyed(ctx, resolver, tt.tok); err != nil || string(p) != tt.want {
			t.Errorf("VerifyKeyed = %q, %v, want %q", p, err, tt.want)
		}
	}
	if diff := cmp.Diff([]call{{"k1", "HS256", "request 1"}, {"k2", "HS256", "request 1"}}, seen); diff != "" {
		t.Errorf("resolver saw (-want +got):\n%s", diff)
	}

	// The resolver only ever sees the kid and alg, even when the header
	// carries jku/x5u/jwk/x5c pointing elsewhere.
	seen = nil
	hostile := rawToken(t, k.hmac, `{"alg":"HS256","kid":"k1","jku":"https://evil.example/jwks","x5u":"https://evil.example/x5u","jwk":{"kty":"oct","k":"AAAA"},"x5c":["AAAA"]}`, `{}`)
	h, _, err := jws.VerifyKeyed(ctx, resolver, hostile)
	if err != nil {
		t.Fatalf("VerifyKeyed(hostile headers) = %v", err)
	}
	if diff := cmp.Diff([]call{{"k1", "HS256", "request 1"}}, seen); diff != "" {
		t.Errorf("resolver saw (-want +got):\n%s", diff)
	}
	if len(h.Extra) != 4 {
		t.Errorf("Extra = %v, want the 4 unused parameters kept as data", h.Extra)
	}

	hs384, err := jws.NewHMAC(jws.HS384, []byte("a key of forty-eight bytes for HS384, not less!!"))
	if err != nil {
		t.Fatal(err)
	}
	candidates := func(vs ...jws.Verifier) jws.Resolver {
		return jws.ResolverFunc(func(context.Context, string, jws.Algorithm) ([]jws.Verifier, error) { return vs, nil })
	}
	tests := []struct {
		name     string
		resolver jws.Resolver
		token    string
		want     error
	}{
		{"unknown kid", resolver, rawToken(t, k.hmac, `{"alg":"HS256","kid":"k9"}`, `{}`), jws.ErrKeyNotFound},
		{"no kid", resolver, rawToken(t, k.hmac, `{"alg":"HS256"}`, `{}`), jws.ErrKeyNotFound},
		{"kid of another key", resolver, rawToken(t, k.hmac, `{"alg":"HS256","kid":"k2"}`, `{}`), jws.ErrInvalidSignature},
		{"kid of a key of another algorithm", resolver, rawToken(t, k.hmac, `{"alg":"HS256","kid":"rsa"}`, `{}`), jws.ErrAlgorithmMismatch},
		{"no candidate, no error", candidates(), tok1, jws.ErrKeyNotFound},
		{"a nil candidate", candidates(nil), tok1, jws.ErrKeyNotFound},
		{"a zero candidate", candidates(new(jws.HMAC)), tok1, jws.ErrKeyNotFound},
		{"a zero candidate for alg \"\"", candidates(new(jws.HMAC)), rawToken(t, k.hmac, `{"alg":"","kid":"k1"}`, `{}`), jws.ErrKeyNotFound},
		{"no candidate of the token's alg", candidates(rsV, hs384), tok1, jws.ErrAlgorithmMismatch},
		{"two candidates of the token's alg", candidates(k.hmac, other), tok1, jws.ErrKeyNotFound},
		{"the token's alg picks the wrong key of its family", candidates(rsV, other, hs384), tok1, jws.ErrInvalidSignature},
		{"resolver fails with its own error", jws.ResolverFunc(func(context.Context, string, jws.Algorithm) ([]jws.Verifier, error) {
			return nil, errors.New("backend down")
		}), tok1, jws.ErrKeyNotFound},
		{"resolver fails with a jws error", jws.ResolverFunc(func(context.Context, string, jws.Algorithm) ([]jws.Verifier, error) { return nil, jws.ErrInvalidKey }), tok1, jws.ErrInvalidKey},
		{"nil resolver", nil, tok1, jws.ErrKeyNotFound},
		{"nil ResolverFunc", jws.ResolverFunc(nil), tok1, jws.ErrKeyNotFound},
		{"malformed before resolving", resolver, "a.b", jws.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, p, err := jws.VerifyKeyed(ctx, tt.resolver, tt.token)
			if !errors.Is(err, tt.want) {
				t.Errorf("VerifyKeyed = %v, want %v", err, tt.want)
			}
			if h.Algorithm != "" || p != nil {
				t.Errorf("VerifyKeyed returned a result with its error")
			}
		})
	}

	// Among several candidates, the one of the token's alg verifies it.
	if _, p, err := jws.VerifyKeyed(ctx, candidates(rsV, hs384, k.hmac), tok1); err != nil || string(p) != "one" {
		t.Errorf("VerifyKeyed(three candidates) = %q, %v, want \"one\"", p, err)
	}
	// A resolver's own error is kept for errors.Is.
	down := errors.New("backend down")
	_, _, err = jws.VerifyKeyed(ctx, jws.ResolverFunc(func(context.Context, string, jws.Algorithm) ([]jws.Verifier, error) { return nil, down }), tok1)
	if !errors.Is(err, down) || !errors.Is(err, jws.ErrKeyNotFound) {
		t.Errorf("VerifyKeyed(failing resolver) = %v, want ErrKeyNotFound wrapping its error", err)
	}
}

func TestParseUnverified(t *testing.T) {
	k := keys(t)
	tok, err := jws.Sign(k.hmac, jws.Header{KeyID: "k1", Type: "JWT"}, []byte(`{"sub":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	// A wrong signature does not matter to ParseUnverified...
	forged := tok[:lastDot(tok)+1] + "AAAA"
	h, p, err := jws.ParseUnverified(forged)
	if err != nil || h.KeyID != "k1" || h.Type != "JWT" || h.Algorithm != jws.HS256 || string(p) != `{"sub":"x"}` {
		t.Errorf("ParseUnverified = %+v, %q, %v", h, p, err)
	}
	// ...but strict decoding does.
	for _, bad := range []string{"a.b", tok + "=", rawToken(t, k.hmac, `{"alg":"HS256","alg":"none"}`, `{}`), rawToken(t, k.hmac, `{"alg":"HS256","crit":["x"]}`, `{}`)} {
		if h, p, err := jws.ParseUnverified(bad); !errors.Is(err, jws.ErrMalformed) || p != nil || h.Algorithm != "" {
			t.Errorf("ParseUnverified(%q) = %v, %q, %v, want ErrMalformed and nothing else", bad, h, p, err)
		}
	}
	// An unknown algorithm is reported as is, for a debugger to show.
	if h, _, err := jws.ParseUnverified(rawToken(t, k.hmac, `{"alg":"XYZ"}`, `{}`)); err != nil || h.Algorithm != "XYZ" {
		t.Errorf("ParseUnverified(alg XYZ) = %v, %v", h, err)
	}
}

func TestConcurrentSignVerify(t *testing.T) {
	k := keys(t)
	rsS, err := jws.NewRSASigner(jws.PS256, k.rsa)
	if err != nil {
		t.Fatal(err)
	}
	signers := []jws.Signer{k.hmac, rsS}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := signers[g%len(signers)]
			v := publicVerifier(t, s)
			for i := range 20 {
				payload := fmt.Appendf(nil, `{"g":%d,"i":%d}`, g, i)
				tok, err := jws.Sign(s, jws.Header{}, payload)
				if err != nil {
					t.Error(err)
					return
				}
				if _, p, err := jws.Verify(v, tok); err != nil || string(p) != string(payload) {
					t.Errorf("Verify = %q, %v", p, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop values at random")
	}
	k := keys(t)
	payload := []byte(`{"iss":"https://issuer.example","sub":"user-42","aud":"api","exp":1700003600,"name":"Ada","admin":true}`)
	tok, err := jws.Sign(k.hmac, jws.Header{Type: "JWT"}, payload)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() {
		if _, _, err := jws.Verify(k.hmac, tok); err != nil {
			t.Fatal(err)
		}
	}); n > 1 {
		t.Errorf("HS256 Verify allocates %v times, want at most 1", n)
	}
	buf := make([]byte, 0, 1024)
	if n := testing.AllocsPerRun(100, func() {
		if _, err := jws.AppendSign(buf[:0], k.hmac, jws.Header{Type: "JWT"}, payload); err != nil {
			t.Fatal(err)
		}
	}); n > 0 {
		t.Errorf("HS256 AppendSign into a large enough buffer allocates %v times, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		if _, err := jws.Sign(k.hmac, jws.Header{Type: "JWT"}, payload); err != nil {
			t.Fatal(err)
		}
	}); n > 1 {
		t.Errorf("HS256 Sign allocates %v times, want at most 1", n)
	}
}
