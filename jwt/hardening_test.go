package jwt_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// TestVerifyDates pins issue 9's date rules through jwt.Verify: a present
// date of 0 is 1970-01-01 (so "exp":0 has expired, even when a missing
// expiry is allowed, and "nbf":0 and "iat":0 verify), and fractions compare
// exactly with the clock.
func TestVerifyDates(t *testing.T) {
	k := hmacKey(t)
	T := now.Unix()
	opts := func(allowMissingExpiry bool) *jwt.VerifyOptions {
		o := strictOptions()
		o.Claims.AllowMissingExpiry = allowMissingExpiry
		return o
	}
	tests := []struct {
		name     string
		dates    string // the date members of the claims
		noExpiry bool   // AllowMissingExpiry
		want     error  // nil means the token verifies
	}{
		{name: "nbf=0,iat=0", dates: fmt.Sprintf(`"exp":%d,"nbf":0,"iat":0`, T+60)},
		{name: "exp=0", dates: `"exp":0`, want: claims.ErrExpired},
		{name: "exp=0, missing expiry allowed", dates: `"exp":0`, noExpiry: true, want: claims.ErrExpired},
		{name: "exp=0.0, missing expiry allowed", dates: `"exp":0.0`, noExpiry: true, want: claims.ErrExpired},
		{name: "exp absent, missing expiry allowed", dates: `"nbf":0`, noExpiry: true},
		{name: "exp absent", dates: `"nbf":0`, want: claims.ErrMissing},
		{name: "exp=now+0.5s", dates: fmt.Sprintf(`"exp":%d.5`, T)},
		{name: "exp=now", dates: fmt.Sprintf(`"exp":%d`, T), want: claims.ErrExpired},
		{name: "nbf=now+0.5s", dates: fmt.Sprintf(`"exp":%d,"nbf":%d.5`, T+60, T), want: claims.ErrNotYetValid},
		{name: "nbf=now", dates: fmt.Sprintf(`"exp":%d,"nbf":%d`, T+60, T)},
		{name: "iat=now+0.5s", dates: fmt.Sprintf(`"exp":%d,"iat":%d.5`, T+60, T), want: claims.ErrIssuedInFuture},
		{name: "iat=now+1e-10s", dates: fmt.Sprintf(`"exp":%d,"iat":%d.0000000001`, T+60, T), want: claims.ErrIssuedInFuture},
		{name: "iat=now", dates: fmt.Sprintf(`"exp":%d,"iat":%d`, T+60, T)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := rawJWT(t, k, jws.Header{}, fmt.Sprintf(`{"iss":%q,"aud":"api",%s}`, issuer, tt.dates))
			got, err := jwt.Verify[userClaims](k, tok, opts(tt.noExpiry))
			if tt.want == nil {
				if err != nil || got == nil {
					t.Errorf("Verify(%s) = %v, %v, want claims", tt.dates, got, err)
				}
				return
			}
			if !errors.Is(err, tt.want) || got != nil {
				t.Errorf("Verify(%s) = %v, %v, want nil, %v", tt.dates, got, err, tt.want)
			}
		})
	}
}

// audShadow hides the registered "aud" behind its own field: a token for
// another audience would pass validation if this type were accepted.
type audShadow struct {
	claims.Registered
	Aud string `json:"aud"`
}

// nbfShadow hides "nbf", so that a far-future nbf would not be checked.
type nbfShadow struct {
	claims.Registered
	NotBefore int64 `json:"nbf"`
}

// TestShadowedClaimsType pins issue 9's rule that jwt.Verify and jwt.Sign
// refuse a claims type whose own field hides a registered claim, with an
// error naming the Go field and the claim.
func TestShadowedClaimsType(t *testing.T) {
	k := hmacKey(t)
	T := now.Unix()
	opts := strictOptions()
	tests := []struct {
		name    string
		payload string
		verify  func(token string) (any, error)
		sign    func() (string, error)
		field   string
		claim   string
	}{
		{
			name:    "aud",
			payload: fmt.Sprintf(`{"iss":%q,"aud":"someone-else","exp":%d}`, issuer, T+60),
			verify: func(tok string) (any, error) {
				c, err := jwt.Verify[audShadow](k, tok, opts)
				return c, err
			},
			sign: func() (string, error) {
				return jwt.Sign(k, jws.Header{}, audShadow{Registered: claims.Registered{Issuer: issuer}, Aud: "api"})
			},
			field: "Aud", claim: "aud",
		},
		{
			name:    "nbf",
			payload: fmt.Sprintf(`{"iss":%q,"aud":"api","exp":%d,"nbf":%d}`, issuer, T+60, T+3600),
			verify: func(tok string) (any, error) {
				c, err := jwt.Verify[nbfShadow](k, tok, opts)
				return c, err
			},
			sign: func() (string, error) {
				return jwt.Sign(k, jws.Header{}, &nbfShadow{NotBefore: T})
			},
			field: "NotBefore", claim: "nbf",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(what string, got any, err error) {
				t.Helper()
				if err == nil || !reflect.ValueOf(got).IsZero() {
					t.Errorf("%s = %v, %v, want an error", what, got, err)
					return
				}
				if msg := err.Error(); !strings.Contains(msg, "field "+tt.field+" ") || !strings.Contains(msg, `"`+tt.claim+`"`) {
					t.Errorf("%s error %q does not name field %s and claim %q", what, msg, tt.field, tt.claim)
				}
			}
			got, err := tt.verify(rawJWT(t, k, jws.Header{}, tt.payload))
			check("Verify", got, err)
			tok, err := tt.sign()
			check("Sign", tok, err)
		})
	}
}

// TestVerifyNegativeMaxSize pins issue 9's rule that a negative MaxSize is
// a configuration error, as a negative Leeway is, not the default.
func TestVerifyNegativeMaxSize(t *testing.T) {
	k := hmacKey(t)
	c := validClaims()
	tok, err := jwt.Sign(k, jws.Header{}, &c)
	if err != nil {
		t.Fatal(err)
	}
	resolver := jws.ResolverFunc(func(context.Context, string, jws.Algorithm) ([]jws.Verifier, error) {
		return []jws.Verifier{k}, nil
	})
	tests := []struct {
		maxSize int
		wantErr string // "" means the token verifies
	}{
		{maxSize: -1, wantErr: "jwt: invalid VerifyOptions: negative MaxSize"},
		{maxSize: -len(tok), wantErr: "jwt: invalid VerifyOptions: negative MaxSize"},
		{maxSize: math.MinInt, wantErr: "jwt: invalid VerifyOptions: negative MaxSize"},
		{maxSize: 0},
		{maxSize: len(tok)},
	}
	for _, tt := range tests {
		opts := strictOptions()
		opts.MaxSize = tt.maxSize
		got, err := jwt.Verify[userClaims](k, tok, opts)
		got2, err2 := jwt.VerifyKeyed[userClaims](context.Background(), resolver, tok, opts)
		for _, r := range []struct {
			fn  string
			got *userClaims
			err error
		}{{"Verify", got, err}, {"VerifyKeyed", got2, err2}} {
			if tt.wantErr == "" {
				if r.err != nil || r.got == nil {
					t.Errorf("%s(MaxSize %d) = %v, %v, want claims", r.fn, tt.maxSize, r.got, r.err)
				}
				continue
			}
			if r.err == nil || r.err.Error() != tt.wantErr || r.got != nil {
				t.Errorf("%s(MaxSize %d) = %v, %v, want nil, %q", r.fn, tt.maxSize, r.got, r.err, tt.wantErr)
			}
			for _, sentinel := range []error{jws.ErrTooLarge, jws.ErrMalformed, claims.ErrMalformed} {
				if errors.Is(r.err, sentinel) {
					t.Errorf("%s(MaxSize %d) = %v, which wraps %v", r.fn, tt.maxSize, r.err, sentinel)
				}
			}
		}
	}
}

// TestTypeFoldsASCIIOnly pins issue 9's rule that "typ" is compared with
// ASCII case folding only (RFC 6838 §4.2): Unicode simple folding would let
// "ſ" (U+017F) match "s" and the Kelvin sign match "k".
func TestTypeFoldsASCIIOnly(t *testing.T) {
	k := hmacKey(t)
	c := validClaims()
	tests := []struct {
		typ, want string
		ok        bool
	}{
		{"secevent+jwt", "secevent+jwt", true},
		{"SecEvent+JWT", "secevent+jwt", true},
		{"APPLICATION/secevent+jwt", "secevent+jwt", true},
		{"secevent+jwt", "Application/SECEVENT+jwt", true},
		{"\u017fecevent+jwt", "secevent+jwt", false},
		{"secevent+jwt", "\u017fecevent+jwt", false},
		{"application/\u017fecevent+jwt", "secevent+jwt", false},
		{"\u212a+jwt", "k+jwt", false},
		{"\u212a+jwt", "\u212a+jwt", true}, // equal bytes
		{"token", "tokén", false},
	}
	for _, tt := range tests {
		tok, err := jwt.Sign(k, jws.Header{Type: tt.typ}, &c)
		if err != nil {
			t.Fatal(err)
		}
		opts := strictOptions()
		opts.Type = tt.want
		got, err := jwt.Verify[userClaims](k, tok, opts)
		if tt.ok != (err == nil) || (err != nil && !errors.Is(err, jwt.ErrType)) || (err == nil) != (got != nil) {
			t.Errorf("Verify(typ %+q, want %+q) = %v, %v; want ok=%v", tt.typ, tt.want, got, err, tt.ok)
		}
	}
}
