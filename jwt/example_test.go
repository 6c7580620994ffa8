package jwt_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// MyClaims is a custom claims type: the registered claims plus private ones.
type MyClaims struct {
	claims.Registered
	Name  string   `json:"name"`
	Roles []string `json:"roles,omitempty"`
}

// demoKey is for examples only: use 32 random bytes, kept secret.
var demoKey = []byte("demo key: never use this one!!!!")

// exampleNow is the examples' fixed clock.
func exampleNow() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }

func ExampleSign() {
	key, err := jws.NewHMAC(jws.HS256, demoKey)
	if err != nil {
		panic(err)
	}
	now := exampleNow()
	token, err := jwt.Sign(key, jws.Header{}, MyClaims{
		Registered: claims.Registered{
			Issuer:    "https://auth.example",
			Subject:   "ada",
			Audience:  claims.Audience{"api"},
			ExpiresAt: claims.NewNumericDate(now.Add(15 * time.Minute)),
			IssuedAt:  claims.NewNumericDate(now),
		},
		Name: "Ada Lovelace",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(token)
	// Output:
	// eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZSIsInN1YiI6ImFkYSIsImF1ZCI6ImFwaSIsImV4cCI6MTc5NTM0OTcwMCwiaWF0IjoxNzk1MzQ4ODAwLCJuYW1lIjoiQWRhIExvdmVsYWNlIn0.qmM8yho2lU7TfJapMZQ_YwiVpHFMz3-reOwfjUVKYrc
}

func ExampleVerify() {
	key, err := jws.NewHMAC(jws.HS256, demoKey)
	if err != nil {
		panic(err)
	}
	token := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZSIsInN1YiI6ImFkYSIsImF1ZCI6ImFwaSIsImV4cCI6MTc5NTM0OTcwMCwiaWF0IjoxNzk1MzQ4ODAwLCJuYW1lIjoiQWRhIExvdmVsYWNlIn0.qmM8yho2lU7TfJapMZQ_YwiVpHFMz3-reOwfjUVKYrc"

	c, err := jwt.Verify[MyClaims](key, token, &jwt.VerifyOptions{
		Claims: claims.Validator{
			Issuer:   "https://auth.example",
			Audience: "api",
			Now:      exampleNow, // leave nil to use time.Now
		},
	})
	if err != nil {
		fmt.Println("refused:", err)
		return
	}
	fmt.Println(c.Subject, c.Name, c.ExpiresAt.Time().Format(time.RFC3339))
	// Output:
	// ada Ada Lovelace 2026-11-22T12:15:00Z
}

// Services rotate keys: every token names its key with "kid", and the
// verifier is looked up by it. A retired key is simply not found.
func ExampleVerifyKeyed() {
	oldKey, _ := jws.NewHMAC(jws.HS256, []byte("key of October 2026, now retired"))
	curKey, _ := jws.NewHMAC(jws.HS256, []byte("key of November 2026, in service"))
	nextKey, _ := jws.NewHMAC(jws.HS256, []byte("key of December 2026, published!"))
	active := map[string][]jws.Verifier{"2026-11": {curKey}, "2026-12": {nextKey}}
	resolver := jws.ResolverFunc(func(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
		if vs, ok := active[kid]; ok {
			return vs, nil
		}
		return nil, fmt.Errorf("%w: %.64q", jws.ErrKeyNotFound, kid) // bounded: kid is the token's
	})
	ctx := context.Background() // the request's context, in a service

	c := MyClaims{Registered: claims.Registered{Subject: "ada", ExpiresAt: claims.NewNumericDate(exampleNow().Add(time.Hour))}}
	opts := &jwt.VerifyOptions{Claims: claims.Validator{Now: exampleNow}}
	for _, k := range []struct {
		kid string
		key *jws.HMAC
	}{{"2026-10", oldKey}, {"2026-11", curKey}, {"2026-12", nextKey}} {
		token, _ := jwt.Sign(k.key, jws.Header{KeyID: k.kid}, c)
		got, err := jwt.VerifyKeyed[MyClaims](ctx, resolver, token, opts)
		if err != nil {
			fmt.Println(k.kid, "refused:", err)
			continue
		}
		fmt.Println(k.kid, "accepted for", got.Subject)
	}
	// Output:
	// 2026-10 refused: jws: key not found: "2026-10"
	// 2026-11 accepted for ada
	// 2026-12 accepted for ada
}

// One errors.Is switch covers every failure, from the signature to the
// claims.
func Example_errors() {
	key, _ := jws.NewHMAC(jws.HS256, demoKey)
	otherKey, _ := jws.NewHMAC(jws.HS256, []byte("someone else's key, 32 bytes ..."))
	now := exampleNow()
	sign := func(k *jws.HMAC, typ string, exp time.Time, aud string) string {
		t, _ := jwt.Sign(k, jws.Header{Type: typ}, claims.Registered{
			Issuer: "https://auth.example", Audience: claims.Audience{aud}, ExpiresAt: claims.NewNumericDate(exp),
		})
		return t
	}
	opts := &jwt.VerifyOptions{
		Type:   "at+jwt",
		Claims: claims.Validator{Issuer: "https://auth.example", Audience: "api", Now: exampleNow},
	}
	for _, token := range []string{
		sign(key, "at+jwt", now.Add(time.Hour), "api"),
		sign(key, "at+jwt", now.Add(-time.Minute), "api"),
		sign(otherKey, "at+jwt", now.Add(time.Hour), "api"),
		sign(key, "at+jwt", now.Add(time.Hour), "billing"),
		sign(key, "refresh+jwt", now.Add(time.Hour), "api"),
		"not.a.token",
	} {
		_, err := jwt.Verify[claims.Registered](key, token, opts)
		switch {
		case err == nil:
			fmt.Println("ok")
		case errors.Is(err, claims.ErrExpired):
			fmt.Println("expired: ask the client to refresh")
		case errors.Is(err, jws.ErrInvalidSignature):
			fmt.Println("forged or corrupted")
		case errors.Is(err, claims.ErrAudience):
			fmt.Println("meant for another service:", err)
		case errors.Is(err, jwt.ErrType):
			fmt.Println("another kind of token:", err)
		default:
			fmt.Println("refused:", err)
		}
	}
	// Output:
	// ok
	// expired: ask the client to refresh
	// forged or corrupted
	// meant for another service: claims: aud: audience ["billing"] does not include "api"
	// another kind of token: jwt: unexpected token type: "refresh+jwt", want "at+jwt"
	// refused: jws: malformed input: header: base64url: illegal data at input byte 2
}

// Custom claims: embed claims.Registered and add your own fields. Claim
// names are matched exactly: "ROLES" never fills Roles.
func Example_customClaims() {
	key, _ := jws.NewHMAC(jws.HS256, demoKey)
	in := MyClaims{
		Registered: claims.Registered{Subject: "ada", ExpiresAt: claims.NewNumericDate(exampleNow().Add(time.Hour))},
		Name:       "Ada Lovelace",
		Roles:      []string{"admin", "editor"},
	}
	token, _ := jwt.Sign(key, jws.Header{}, in)
	out, err := jwt.Verify[MyClaims](key, token, &jwt.VerifyOptions{Claims: claims.Validator{Now: exampleNow}})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.Subject, out.Name, out.Roles)
	// Output:
	// ada Ada Lovelace [admin editor]
}

func ExampleBearerToken() {
	r, _ := http.NewRequest("GET", "https://api.example/me", nil)
	r.Header.Set("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln")
	token, err := jwt.BearerToken(r.Header.Get("Authorization"))
	fmt.Println(token, err)

	_, err = jwt.BearerToken("Basic dXNlcjpwYXNz")
	fmt.Println(err)
	_, err = jwt.BearerToken("")
	fmt.Println(errors.Is(err, jwt.ErrNoToken))
	// Output:
	// eyJhbGciOiJIUzI1NiJ9.e30.c2ln <nil>
	// jwt: malformed bearer credential: scheme is not Bearer
	// true
}

// AppendSign writes the token into a buffer the caller provides.
func ExampleAppendSign() {
	key, _ := jws.NewHMAC(jws.HS256, demoKey)
	c := claims.Registered{Subject: "ada", ExpiresAt: claims.NewNumericDate(exampleNow().Add(time.Hour))}
	buf := []byte("Bearer ")
	buf, err := jwt.AppendSign(buf, key, jws.Header{}, c)
	if err != nil {
		panic(err)
	}
	token, err := jwt.BearerToken(string(buf))
	if err != nil {
		panic(err)
	}
	got, err := jwt.Verify[claims.Registered](key, token, &jwt.VerifyOptions{Claims: claims.Validator{Now: exampleNow}})
	fmt.Println(got.Subject, err)
	// Output:
	// ada <nil>
}
