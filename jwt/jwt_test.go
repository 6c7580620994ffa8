package jwt_test

import (
	"context"
	"crypto/elliptic"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/internal/testkeys"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// userClaims is the typical claims type: the registered claims and two
// private ones.
type userClaims struct {
	claims.Registered
	Name  string `json:"name"`
	Admin bool   `json:"admin"`
}

var (
	now    = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	clock  = func() time.Time { return now }
	issuer = "https://auth.example"
)

func validClaims() userClaims {
	return userClaims{
		Registered: claims.Registered{
			Issuer:    issuer,
			Subject:   "user-42",
			Audience:  claims.Audience{"api"},
			ExpiresAt: claims.NewNumericDate(now.Add(time.Hour)),
			NotBefore: claims.NewNumericDate(now.Add(-time.Minute)),
			IssuedAt:  claims.NewNumericDate(now.Add(-time.Minute)),
			ID:        "jti-1",
		},
		Name:  "Ada",
		Admin: true,
	}
}

func strictOptions() *jwt.VerifyOptions {
	return &jwt.VerifyOptions{Claims: claims.Validator{Issuer: issuer, Audience: "api", Now: clock}}
}

type keyPair struct {
	s jws.Signer
	v jws.Verifier
}

var pairsOnce = sync.OnceValue(func() []keyPair {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	h, err := jws.NewHMAC(jws.HS256, []byte("0123456789abcdef0123456789abcdef"))
	must(err)
	// The committed test keys (internal/testkeys).
	rk, ek, edk := testkeys.RSA(0), testkeys.ECDSA(elliptic.P256(), 0), testkeys.Ed25519(0)
	rs, err := jws.NewRSASigner(jws.RS256, rk)
	must(err)
	ps, err := jws.NewRSASigner(jws.PS256, rk)
	must(err)
	es, err := jws.NewECDSASigner(jws.ES256, ek)
	must(err)
	ed, err := jws.NewEd25519Signer(edk)
	must(err)
	return []keyPair{{h, h}, {rs, rs.Verifier()}, {ps, ps.Verifier()}, {es, es.Verifier()}, {ed, ed.Verifier()}}
})

func hmacKey(t testing.TB) *jws.HMAC {
	t.Helper()
	return pairsOnce()[0].s.(*jws.HMAC)
}

func TestSignVerifyEveryFamily(t *testing.T) {
	want := validClaims()
	for _, p := range pairsOnce() {
		t.Run(string(p.s.Algorithm()), func(t *testing.T) {
			tok, err := jwt.Sign(p.s, jws.Header{KeyID: "k1"}, want)
			if err != nil {
				t.Fatalf("Sign = %v", err)
			}
			got, err := jwt.Verify[userClaims](p.v, tok, strictOptions())
			if err != nil {
				t.Fatalf("Verify = %v", err)
			}
			if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("claims mismatch (-want +got):\n%s", diff)
			}
			h, _, err := jws.ParseUnverified(tok)
			if err != nil || h.Type != "JWT" || h.KeyID != "k1" {
				t.Errorf("header = %+v, %v; want typ JWT and kid k1", h, err)
			}
			// Through a resolver as well.
			resolver := jws.ResolverFunc(func(_ context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
				if kid == "k1" && alg == p.v.Algorithm() {
					return []jws.Verifier{p.v}, nil
				}
				return nil, jws.ErrKeyNotFound
			})
			got, err = jwt.VerifyKeyed[userClaims](context.Background(), resolver, tok, strictOptions())
			if err != nil || got.Name != "Ada" {
				t.Errorf("VerifyKeyed = %v, %v", got, err)
			}
		})
	}
}

func TestSignTyp(t *testing.T) {
	k := hmacKey(t)
	for _, tt := range []struct{ in, want string }{{"", "JWT"}, {"at+jwt", "at+jwt"}, {"JOSE", "JOSE"}} {
		tok, err := jwt.Sign(k, jws.Header{Type: tt.in}, validClaims())
		if err != nil {
			t.Fatal(err)
		}
		h, _, _ := jws.ParseUnverified(tok)
		if h.Type != tt.want {
			t.Errorf("Sign(Header{Type: %q}) typ = %q, want %q", tt.in, h.Type, tt.want)
		}
	}
}

// dupMarshaler encodes to an object with a duplicate member name.
type dupMarshaler struct{}

func (dupMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"exp":1,"exp":2}`), nil }

func TestSignRefusesNonObjects(t *testing.T) {
	k := hmacKey(t)
	for _, c := range []any{nil, 42, "claims", []string{"a"}, (*userClaims)(nil), dupMarshaler{}, json.RawMessage(`{"a":1} x`)} {
		tok, err := jwt.Sign(k, jws.Header{}, c)
		if !errors.Is(err, jwt.ErrNotObject) && !(err != nil && strings.Contains(err.Error(), "jwt: encoding claims")) || tok != "" {
			t.Errorf("Sign(%#v) = %q, %v, want an error", c, tok, err)
		}
		b, err := jwt.AppendSign(nil, k, jws.Header{}, c)
		if err == nil || b != nil {
			t.Errorf("AppendSign(%#v) = %q, %v, want nil and an error", c, b, err)
		}
	}
	if _, err := jwt.Sign(k, jws.Header{}, dupMarshaler{}); !errors.Is(err, jwt.ErrNotObject) {
		t.Errorf("Sign(duplicate members) = %v, want ErrNotObject", err)
	}
	if _, err := jwt.Sign(k, jws.Header{}, make(chan int)); err == nil {
		t.Errorf("Sign(chan) = nil error")
	}
	// Maps and pointers to structs are fine.
	if _, err := jwt.Sign(k, jws.Header{}, map[string]any{"sub": "x"}); err != nil {
		t.Errorf("Sign(map) = %v", err)
	}
	c := validClaims()
	if _, err := jwt.Sign(k, jws.Header{}, &c); err != nil {
		t.Errorf("Sign(&claims) = %v", err)
	}
}

// rawJWT signs an arbitrary payload, to test what Verify makes of it.
func rawJWT(t testing.TB, s jws.Signer, h jws.Header, payload string) string {
	t.Helper()
	tok, err := jws.Sign(s, h, []byte(payload))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestVerifyErrors checks that every rule reaches the caller as its
// sentinel, and that Verify returns nil with every error.
func TestVerifyErrors(t *testing.T) {
	k := hmacKey(t)
	other, err := jws.NewHMAC(jws.HS256, []byte("another 32-byte key for testing!"))
	if err != nil {
		t.Fatal(err)
	}
	hs384, err := jws.NewHMAC(jws.HS384, make([]byte, 48))
	if err != nil {
		t.Fatal(err)
	}
	sign := func(mutate func(*userClaims)) string {
		c := validClaims()
		mutate(&c)
		tok, err := jwt.Sign(k, jws.Header{}, c)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	good := sign(func(*userClaims) {})
	exp := now.Add(time.Hour).Unix()
	tests := []struct {
		name  string
		v     jws.Verifier
		token string
		opts  *jwt.VerifyOptions
		want  error
	}{
		{"bad signature", other, good, strictOptions(), jws.ErrInvalidSignature},
		{"other algorithm", hs384, good, strictOptions(), jws.ErrAlgorithmMismatch},
		{"malformed", k, good + ".", strictOptions(), jws.ErrMalformed},
		{"too large for MaxSize", k, good, &jwt.VerifyOptions{MaxSize: 100, Claims: strictOptions().Claims}, jws.ErrTooLarge},
		{"expired", k, sign(func(c *userClaims) { c.ExpiresAt = claims.NewNumericDate(now) }), strictOptions(), claims.ErrExpired},
		{"not yet valid", k, sign(func(c *userClaims) { c.NotBefore = claims.NewNumericDate(now.Add(time.Second)) }), strictOptions(), claims.ErrNotYetValid},
		{"issued in the future", k, sign(func(c *userClaims) { c.IssuedAt = claims.NewNumericDate(now.Add(time.Minute)) }), strictOptions(), claims.ErrIssuedInFuture},
		{"too old", k, good, &jwt.VerifyOptions{Claims: claims.Validator{Issuer: issuer, Audience: "api", Now: clock, MaxAge: time.Second}}, claims.ErrTooOld},
		{"missing exp", k, sign(func(c *userClaims) { c.ExpiresAt = claims.NumericDate{} }), strictOptions(), claims.ErrMissing},
		{"wrong issuer", k, sign(func(c *userClaims) { c.Issuer = "https://evil.example" }), strictOptions(), claims.ErrIssuer},
		{"wrong subject", k, good, &jwt.VerifyOptions{Claims: claims.Validator{Issuer: issuer, Audience: "api", Subject: "user-1", Now: clock}}, claims.ErrSubject},
		{"wrong audience", k, sign(func(c *userClaims) { c.Audience = claims.Audience{"billing"} }), strictOptions(), claims.ErrAudience},
		{"audience not expected", k, good, &jwt.VerifyOptions{Claims: claims.Validator{Issuer: issuer, Now: clock}}, claims.ErrAudience},
		{"nil options: real clock, exp required", k, good, nil, claims.ErrExpired},
		{"revoked jti", k, good, &jwt.VerifyOptions{Claims: claims.Validator{Issuer: issuer, Audience: "api", Now: clock, CheckID: func(string) error { return errors.New("revoked") }}}, claims.ErrID},
		{"duplicate claim", k, rawJWT(t, k, jws.Header{}, fmt.Sprintf(`{"iss":%q,"aud":"api","exp":%d,"exp":%d}`, issuer, exp, exp)), strictOptions(), claims.ErrMalformed},
		{"case-variant claim", k, rawJWT(t, k, jws.Header{}, fmt.Sprintf(`{"ISS":%q,"aud":"api","exp":%d}`, issuer, exp)), strictOptions(), claims.ErrMalformed},
		{"payload not JSON", k, rawJWT(t, k, jws.Header{}, `hello`), strictOptions(), claims.ErrMalformed},
		{"payload an array", k, rawJWT(t, k, jws.Header{}, `[1]`), strictOptions(), claims.ErrMalformed},
		{"exp a string", k, rawJWT(t, k, jws.Header{}, fmt.Sprintf(`{"iss":%q,"aud":"api","exp":"%d"}`, issuer, exp)), strictOptions(), claims.ErrMalformed},
		{"typ required, absent", k, rawJWT(t, k, jws.Header{}, `{}`), &jwt.VerifyOptions{Type: "at+jwt"}, jwt.ErrType},
		{"typ required, other", k, good, &jwt.VerifyOptions{Type: "at+jwt", Claims: strictOptions().Claims}, jwt.ErrType},
		{"nil verifier", nil, good, strictOptions(), jws.ErrInvalidKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jwt.Verify[userClaims](tt.v, tt.token, tt.opts)
			if !errors.Is(err, tt.want) || got != nil {
				t.Errorf("Verify = %v, %v, want nil, %v", got, err, tt.want)
			}
			// The claims type for claims unknown at compile time keeps
			// every check.
			dyn, err := jwt.Verify[claims.Dynamic](tt.v, tt.token, tt.opts)
			if !errors.Is(err, tt.want) || dyn != nil {
				t.Errorf("Verify[claims.Dynamic] = %v, %v, want nil, %v", dyn, err, tt.want)
			}
			if tt.v == nil {
				return
			}
			resolver := jws.ResolverFunc(func(context.Context, string, jws.Algorithm) ([]jws.Verifier, error) { return []jws.Verifier{tt.v}, nil })
			got, err = jwt.VerifyKeyed[userClaims](context.Background(), resolver, tt.token, tt.opts)
			if !errors.Is(err, tt.want) || got != nil {
				t.Errorf("VerifyKeyed = %v, %v, want nil, %v", got, err, tt.want)
			}
		})
	}
}

// TestVerifyDynamic checks that claims unknown at compile time come out of
// one Verify call: the registered claims validated, the others as raw JSON.
func TestVerifyDynamic(t *testing.T) {
	for _, p := range pairsOnce() {
		t.Run(string(p.s.Algorithm()), func(t *testing.T) {
			tok, err := jwt.Sign(p.s, jws.Header{Type: "at+jwt"}, validClaims())
			if err != nil {
				t.Fatal(err)
			}
			opts := strictOptions()
			opts.Type = "at+jwt"
			c, err := jwt.Verify[claims.Dynamic](p.v, tok, opts)
			if err != nil {
				t.Fatalf("Verify[claims.Dynamic] = %v", err)
			}
			if diff := cmp.Diff(validClaims().Registered, c.Registered); diff != "" {
				t.Errorf("registered claims mismatch (-want +got):\n%s", diff)
			}
			name, err := claims.Get[string](c.Extra, "name")
			if err != nil || name != "Ada" {
				t.Errorf("Get(name) = %q, %v; want Ada", name, err)
			}
			admin, err := claims.Get[bool](c.Extra, "admin")
			if err != nil || !admin {
				t.Errorf("Get(admin) = %v, %v; want true", admin, err)
			}
			if len(c.Extra) != 2 {
				t.Errorf("Extra = %v, want name and admin only", c.Extra)
			}
			// A Dynamic signs back to the same claims.
			again, err := jwt.Sign(p.s, jws.Header{Type: "at+jwt"}, c)
			if err != nil {
				t.Fatal(err)
			}
			u, err := jwt.Verify[userClaims](p.v, again, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(validClaims(), *u); diff != "" {
				t.Errorf("re-signed claims mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExplicitTyping(t *testing.T) {
	k := hmacKey(t)
	c := validClaims()
	access, _ := jwt.Sign(k, jws.Header{Type: "at+jwt"}, c)
	refresh, _ := jwt.Sign(k, jws.Header{Type: "refresh+jwt"}, c)
	appType, _ := jwt.Sign(k, jws.Header{Type: "application/AT+JWT"}, c)
	opts := func(typ string) *jwt.VerifyOptions {
		o := strictOptions()
		o.Type = typ
		return o
	}
	tests := []struct {
		token, typ string
		ok         bool
	}{
		{access, "at+jwt", true},
		{access, "AT+JWT", true},
		{access, "application/at+jwt", true},
		{appType, "at+jwt", true},
		{access, "refresh+jwt", false},
		{refresh, "at+jwt", false},
		{refresh, "refresh+jwt", true},
		{access, "", true}, // no Type: any typ
		{access, "application/", false},
	}
	for _, tt := range tests {
		got, err := jwt.Verify[userClaims](k, tt.token, opts(tt.typ))
		if tt.ok != (err == nil) || (err != nil && !errors.Is(err, jwt.ErrType)) || (err == nil) != (got != nil) {
			h, _, _ := jws.ParseUnverified(tt.token)
			t.Errorf("Verify(typ %q, want %q) = %v, %v; want ok=%v", h.Type, tt.typ, got, err, tt.ok)
		}
	}
}

// TestSignatureBeforeClaims checks that nothing of a forged token's payload
// is looked at: a forged token with a malformed payload reports the
// signature, not the payload.
func TestSignatureBeforeClaims(t *testing.T) {
	k := hmacKey(t)
	tok := rawJWT(t, k, jws.Header{}, `not json`)
	forged := tok[:strings.LastIndexByte(tok, '.')+1] + base64url.EncodeToString(make([]byte, 32))
	if _, err := jwt.Verify[userClaims](k, forged, nil); !errors.Is(err, jws.ErrInvalidSignature) {
		t.Errorf("Verify(forged, bad payload) = %v, want ErrInvalidSignature", err)
	}
	// The typ check comes after the signature too.
	if _, err := jwt.Verify[userClaims](k, forged, &jwt.VerifyOptions{Type: "x"}); !errors.Is(err, jws.ErrInvalidSignature) {
		t.Errorf("Verify(forged, typ) = %v, want ErrInvalidSignature", err)
	}
}

func TestConcurrentVerify(t *testing.T) {
	k := hmacKey(t)
	tok, err := jwt.Sign(k, jws.Header{}, validClaims())
	if err != nil {
		t.Fatal(err)
	}
	opts := strictOptions()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				c, err := jwt.Verify[userClaims](k, tok, opts)
				if err != nil || c.Name != "Ada" {
					t.Errorf("Verify = %v, %v", c, err)
					return
				}
				if _, err := jwt.Sign(k, jws.Header{}, c); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestBearerToken(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"Bearer abc.def.ghi", "abc.def.ghi", nil},
		{"bearer abc", "abc", nil},
		{"BEARER   abc", "abc", nil},
		{"Bearer a-b_c~d+e/f==", "a-b_c~d+e/f==", nil},
		{"", "", jwt.ErrNoToken},
		{"Bearer", "", jwt.ErrMalformedBearer},
		{"Bearer ", "", jwt.ErrMalformedBearer},
		{"Bearerabc", "", jwt.ErrMalformedBearer},
		{"Basic dXNlcjpwYXNz", "", jwt.ErrMalformedBearer},
		{"Token abc", "", jwt.ErrMalformedBearer},
		{" Bearer abc", "", jwt.ErrMalformedBearer},
		{"Bearer abc ", "", jwt.ErrMalformedBearer},
		{"Bearer\tabc", "", jwt.ErrMalformedBearer},
		{"Bearer abc def", "", jwt.ErrMalformedBearer},
		{"Bearer abc,def", "", jwt.ErrMalformedBearer},
		{"Bearer =abc", "", jwt.ErrMalformedBearer},
		{"Bearer ab=c", "", jwt.ErrMalformedBearer},
		{"Bearer abc\n", "", jwt.ErrMalformedBearer},
		{"Bearer abc\x00", "", jwt.ErrMalformedBearer},
		{"Bearer é", "", jwt.ErrMalformedBearer},
	}
	for _, tt := range tests {
		got, err := jwt.BearerToken(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("BearerToken(%q) = %q, %v, want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// FuzzBearerToken checks BearerToken against the RFC 6750 grammar written
// as a second, independent parser.
func FuzzBearerToken(f *testing.F) {
	for _, s := range []string{"Bearer abc", "bearer  a.b.c==", "Basic x", "Bearer a b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := jwt.BearerToken(in)
		scheme, rest, ok := strings.Cut(in, " ")
		rest = strings.TrimLeft(rest, " ")
		body := strings.TrimRight(rest, "=")
		valid := ok && strings.EqualFold(scheme, "Bearer") && body != "" &&
			strings.Trim(body, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/") == ""
		if valid != (err == nil) {
			t.Fatalf("BearerToken(%q) = %q, %v; the grammar says valid=%v", in, got, err, valid)
		}
		if err != nil && got != "" {
			t.Fatalf("BearerToken(%q) = %q with error %v", in, got, err)
		}
		if err == nil && got != rest {
			t.Fatalf("BearerToken(%q) = %q, want %q", in, got, rest)
		}
	})
}

// TestTypeErrorQuoted checks that a token's "typ" appears in the error
// escaped to ASCII and cut short, so that a hostile token cannot flood or
// forge log lines.
func TestTypeErrorQuoted(t *testing.T) {
	k := hmacKey(t)
	typ := "\u202eevil\n" + strings.Repeat("x", 1000)
	tok := rawJWT(t, k, jws.Header{Type: typ}, `{}`)
	_, err := jwt.Verify[claims.Registered](k, tok, &jwt.VerifyOptions{Type: "at+jwt"})
	if !errors.Is(err, jwt.ErrType) {
		t.Fatalf("Verify = %v, want ErrType", err)
	}
	msg := err.Error()
	if len(msg) > 200 || !strings.Contains(msg, `"\u202eevil\nxxx`) || strings.ContainsAny(msg, "\n\u202e") {
		t.Errorf("Verify error = %q: want the typ escaped and cut short", msg)
	}
}
