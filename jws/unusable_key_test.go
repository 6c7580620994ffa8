package jws_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// unusableSigners returns every nil or zero Signer a caller can hold by
// mistake: a typed nil pointer and the zero value of each of the package's
// signer types, and the nil Signer NewSigner returns beside its error.
func unusableSigners(t *testing.T) []struct {
	name string
	s    jws.Signer
} {
	failed, err := jws.NewSigner(jws.RS256, nil)
	if err == nil {
		t.Fatal("NewSigner(RS256, nil) succeeded")
	}
	ss := []struct {
		name string
		s    jws.Signer
	}{
		{"(*HMAC)(nil)", (*jws.HMAC)(nil)},
		{"&HMAC{}", &jws.HMAC{}},
		{"(*RSASigner)(nil)", (*jws.RSASigner)(nil)},
		{"&RSASigner{}", &jws.RSASigner{}},
		{"(*ECDSASigner)(nil)", (*jws.ECDSASigner)(nil)},
		{"&ECDSASigner{}", &jws.ECDSASigner{}},
		{"(*Ed25519Signer)(nil)", (*jws.Ed25519Signer)(nil)},
		{"&Ed25519Signer{}", &jws.Ed25519Signer{}},
		{"NewSigner's result on error", failed},
		{"Signer(nil)", nil},
	}
	for _, s := range mldsaZeroSigners() {
		ss = append(ss, struct {
			name string
			s    jws.Signer
		}{fmt.Sprintf("%T zero or nil", s), s})
	}
	return ss
}

// unusableVerifiers returns every nil or zero Verifier a caller can hold
// by mistake, including the Verifier method's result on a nil or zero
// signer.
func unusableVerifiers() []struct {
	name string
	v    jws.Verifier
} {
	vs := []struct {
		name string
		v    jws.Verifier
	}{
		{"(*HMAC)(nil)", (*jws.HMAC)(nil)},
		{"&HMAC{}", &jws.HMAC{}},
		{"(*RSAVerifier)(nil)", (*jws.RSAVerifier)(nil)},
		{"&RSAVerifier{}", &jws.RSAVerifier{}},
		{"(*ECDSAVerifier)(nil)", (*jws.ECDSAVerifier)(nil)},
		{"&ECDSAVerifier{}", &jws.ECDSAVerifier{}},
		{"(*Ed25519Verifier)(nil)", (*jws.Ed25519Verifier)(nil)},
		{"&Ed25519Verifier{}", &jws.Ed25519Verifier{}},
		{"Verifier(nil)", nil},
	}
	for _, v := range mldsaZeroVerifiers() {
		vs = append(vs, struct {
			name string
			v    jws.Verifier
		}{fmt.Sprintf("%T zero or nil", v), v})
	}
	// The Verifier method of every nil or zero signer.
	for _, s := range append([]jws.Signer{
		(*jws.HMAC)(nil), &jws.HMAC{},
		(*jws.RSASigner)(nil), &jws.RSASigner{},
		(*jws.ECDSASigner)(nil), &jws.ECDSASigner{},
		(*jws.Ed25519Signer)(nil), &jws.Ed25519Signer{},
	}, mldsaZeroSigners()...) {
		name := fmt.Sprintf("(%T)(nil).Verifier()", s)
		if !isNil(s) {
			name = "(&" + fmt.Sprintf("%T", s)[1:] + "{}).Verifier()"
		}
		vs = append(vs, struct {
			name string
			v    jws.Verifier
		}{name, s.Verifier()})
	}
	return vs
}

// empty reports whether v, a result returned beside an error, is the
// zero value: nil, a nil pointer or slice, or "".
func empty(v any) bool {
	switch v := v.(type) {
	case []byte:
		return v == nil
	case string:
		return v == ""
	}
	return isNil(v)
}

// noPanic runs f and turns a panic into a test failure.
func noPanic(t *testing.T, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panicked: %v", r)
		}
	}()
	f()
}

// TestUnusableSigner passes every nil or zero Signer to every signing
// entry point, and calls its methods directly: each returns an error
// wrapping ErrInvalidKey and nothing beside it, and none panics.
func TestUnusableSigner(t *testing.T) {
	c := claims.Registered{Subject: "user-42"}
	entries := []struct {
		name string
		call func(s jws.Signer) (any, error)
	}{
		{"jws.Sign", func(s jws.Signer) (any, error) {
			tok, err := jws.Sign(s, jws.Header{}, []byte(`{}`))
			return tok, err
		}},
		{"jws.AppendSign", func(s jws.Signer) (any, error) {
			return jws.AppendSign([]byte("prefix"), s, jws.Header{}, []byte(`{}`))
		}},
		{"jwt.Sign", func(s jws.Signer) (any, error) {
			tok, err := jwt.Sign(s, jws.Header{}, &c)
			return tok, err
		}},
		{"jwt.AppendSign", func(s jws.Signer) (any, error) {
			return jwt.AppendSign([]byte("prefix"), s, jws.Header{}, &c)
		}},
		{"AppendSignature", func(s jws.Signer) (any, error) {
			if s == nil {
				return nil, jws.ErrInvalidKey // nothing to call
			}
			return s.AppendSignature([]byte("prefix"), []byte(signingInput))
		}},
	}
	for _, k := range unusableSigners(t) {
		for _, e := range entries {
			t.Run(k.name+"/"+e.name, func(t *testing.T) {
				noPanic(t, func() {
					got, err := e.call(k.s)
					if !errors.Is(err, jws.ErrInvalidKey) {
						t.Fatalf("err = %v, want an error wrapping ErrInvalidKey", err)
					}
					if !strings.HasPrefix(err.Error(), "jws: ") && !strings.HasPrefix(err.Error(), "jwt: ") {
						t.Errorf("err = %q, want a package prefix", err)
					}
					if !empty(got) {
						t.Errorf("returned %q beside the error, want nothing", got)
					}
				})
			})
		}
		t.Run(k.name+"/Verifier", func(t *testing.T) {
			if k.s == nil {
				t.Skip("a nil interface has no methods to call")
			}
			noPanic(t, func() {
				if v := k.s.Verifier(); v != nil {
					t.Errorf("Verifier() = %#v, want nil for an unusable key", v)
				}
			})
		})
		t.Run(k.name+"/Algorithm", func(t *testing.T) {
			if k.s == nil {
				t.Skip("a nil interface has no methods to call")
			}
			noPanic(t, func() {
				if alg := k.s.Algorithm(); alg != "" {
					t.Errorf("Algorithm() = %q, want \"\" for an unusable key", alg)
				}
			})
		})
	}
}

// TestUnusableVerifier passes every nil or zero Verifier to every
// verifying entry point, directly and as what a key lookup returns for an
// attacker-chosen kid: each returns an error wrapping ErrInvalidKey
// (ErrKeyNotFound from a lookup) and nothing beside it, and none panics.
// The tokens include one whose "alg" is empty, the Algorithm of a zero
// Verifier, and one with an empty signature, the size of a zero
// Verifier's signatures.
func TestUnusableVerifier(t *testing.T) {
	hs, err := jws.NewHMAC(jws.HS256, []byte(strings.Repeat("k", 32)))
	if err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{
		"HS256":               rawToken(t, hs, `{"alg":"HS256","kid":"k1"}`, `{"sub":"user-42"}`),
		"empty alg":           rawToken(t, hs, `{"alg":"","kid":"k1"}`, `{"sub":"user-42"}`),
		"empty alg, no sig":   base64url.EncodeToString([]byte(`{"alg":"","kid":"k1"}`)) + "." + base64url.EncodeToString([]byte(`{}`)) + ".",
		"RS256, no signature": base64url.EncodeToString([]byte(`{"alg":"RS256","kid":"k1"}`)) + "." + base64url.EncodeToString([]byte(`{}`)) + ".",
	}
	opts := &jwt.VerifyOptions{Claims: claims.Validator{AllowMissingExpiry: true}}
	entries := []struct {
		name   string
		lookup bool // whether v reaches the entry point through a Resolver
		call   func(v jws.Verifier, tok string) (any, error)
	}{
		{"jws.Verify", false, func(v jws.Verifier, tok string) (any, error) {
			_, p, err := jws.Verify(v, tok)
			return p, err
		}},
		{"jws.Limits.Verify", false, func(v jws.Verifier, tok string) (any, error) {
			_, p, err := jws.Limits{MaxSize: 1 << 10}.Verify(v, tok)
			return p, err
		}},
		{"jws.VerifyKeyed", true, func(v jws.Verifier, tok string) (any, error) {
			_, p, err := jws.VerifyKeyed(context.Background(), only(v), tok)
			return p, err
		}},
		{"jwt.Verify", false, func(v jws.Verifier, tok string) (any, error) {
			return jwt.Verify[claims.Registered](v, tok, opts)
		}},
		{"jwt.VerifyKeyed", true, func(v jws.Verifier, tok string) (any, error) {
			return jwt.VerifyKeyed[claims.Registered](context.Background(), only(v), tok, opts)
		}},
		{"VerifySignature", false, func(v jws.Verifier, tok string) (any, error) {
			if v == nil {
				return nil, jws.ErrInvalidKey // nothing to call
			}
			last := strings.LastIndexByte(tok, '.')
			sig, err := base64url.DecodeString(tok[last+1:])
			if err != nil {
				return nil, err
			}
			return nil, v.VerifySignature([]byte(tok[:last]), sig)
		}},
	}
	for _, k := range unusableVerifiers() {
		for _, e := range entries {
			for tname, tok := range tokens {
				t.Run(k.name+"/"+e.name+"/"+tname, func(t *testing.T) {
					noPanic(t, func() {
						got, err := e.call(k.v, tok)
						want := jws.ErrInvalidKey
						if e.lookup {
							want = jws.ErrKeyNotFound
						}
						if !errors.Is(err, want) {
							t.Fatalf("err = %v, want an error wrapping %v", err, want)
						}
						if !empty(got) {
							t.Errorf("returned %v beside the error, want nothing", got)
						}
					})
				})
			}
		}
		t.Run(k.name+"/Algorithm", func(t *testing.T) {
			if k.v == nil {
				t.Skip("a nil interface has no methods to call")
			}
			noPanic(t, func() {
				if alg := k.v.Algorithm(); alg != "" {
					t.Errorf("Algorithm() = %q, want \"\" for an unusable key", alg)
				}
			})
		})
	}
}
