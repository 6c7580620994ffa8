// Command httpauth protects an HTTP handler with bearer tokens (RFC 6750)
// and exercises it in memory with net/http/httptest: no server listens and
// nothing touches the network.
//
//	go run ./examples/httpauth
//
// The middleware takes the token from the Authorization header with
// jwt.BearerToken, verifies it with jwt.Verify (signature, issuer,
// audience, expiry and "typ"), and hands the claims to the handler through
// the request context. Failures are answered as RFC 6750 §3 says: 401 with
// a WWW-Authenticate challenge, carrying error="invalid_token" when a token
// was presented and refused, or 400 with error="invalid_request" when the
// Authorization header is not a bearer credential at all.
//
// The program prints the status and challenge of each request and exits
// with status 1 if one differs from what the RFC asks for.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// The realm this API names in its challenges, and what it expects of
// tokens.
const (
	realm    = "example"
	issuer   = "https://auth.example.com"
	audience = "https://api.example.com"
)

// UserClaims are the claims the API reads from an access token.
type UserClaims struct {
	claims.Registered
	Name string `json:"name"`
}

// requireBearer returns middleware that lets a request reach next only with
// a valid access token, and puts the token's claims in the request context
// (read them with claimsFrom).
func requireBearer(v jws.Verifier, opts *jwt.VerifyOptions, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, err := jwt.BearerToken(r.Header.Get("Authorization"))
		switch {
		case errors.Is(err, jwt.ErrNoToken):
			// No credentials at all: a bare challenge, with no error code
			// (RFC 6750 §3.1), tells the client how to authenticate.
			challenge(w, http.StatusUnauthorized, "", "")
			return
		case err != nil:
			// Something other than a bearer credential (another scheme, a
			// token with spaces...): the request itself is wrong.
			challenge(w, http.StatusBadRequest, "invalid_request", "The Authorization header is not a Bearer credential")
			return
		}
		c, err := jwt.Verify[UserClaims](v, token, opts)
		if err != nil {
			challenge(w, http.StatusUnauthorized, "invalid_token", describe(err))
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), claimsKey{}, c)))
	})
}

// describe returns the error_description sent to the client for a refused
// token. It is a fixed phrase per kind of failure, never err.Error(): the
// error text is for our logs, may name internals, and signature failures
// should stay vague to the outside world.
func describe(err error) string {
	switch {
	case errors.Is(err, claims.ErrExpired):
		return "The access token expired"
	case errors.Is(err, claims.ErrAudience):
		return "The access token is not meant for this API"
	case errors.Is(err, jwt.ErrType):
		return "The token is not an access token"
	default: // a bad signature, a malformed token, a wrong issuer, ...
		return "The access token is invalid"
	}
}

// challenge writes an error response with a WWW-Authenticate: Bearer
// challenge (RFC 6750 §3). code and description are left out when empty.
func challenge(w http.ResponseWriter, status int, code, description string) {
	var b strings.Builder
	fmt.Fprintf(&b, "Bearer realm=%q", realm)
	if code != "" {
		fmt.Fprintf(&b, `, error="%s"`, code)
	}
	if description != "" {
		fmt.Fprintf(&b, `, error_description="%s"`, descriptionChars(description))
	}
	w.Header().Set("WWW-Authenticate", b.String())
	http.Error(w, http.StatusText(status), status)
}

// descriptionChars drops the characters RFC 6750 §3 does not allow in
// error_description (it allows %x20-21 / %x23-5B / %x5D-7E: printable ASCII
// without '"' and '\'), so the header can never be broken by its content.
func descriptionChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7E || r == '"' || r == '\\' {
			return -1
		}
		return r
	}, s)
}

// claimsKey is the context key for the verified claims. An unexported type
// means no other package can collide with it.
type claimsKey struct{}

// claimsFrom returns the claims requireBearer verified for r.
func claimsFrom(r *http.Request) *UserClaims {
	c, _ := r.Context().Value(claimsKey{}).(*UserClaims)
	return c
}

// hello is the protected handler: it only ever runs with verified claims.
func hello(w http.ResponseWriter, r *http.Request) {
	c := claimsFrom(r)
	fmt.Fprintf(w, "Hello, %s (%s)! Your token is valid until %s.\n",
		c.Name, c.Subject, c.ExpiresAt.Time().Format(time.RFC3339))
}

func main() {
	d, err := newDemo()
	if err != nil {
		fmt.Println("setup:", err)
		os.Exit(1)
	}
	failures := 0
	for _, tc := range d.cases {
		fmt.Printf("\n== %s\n", tc.name)
		if tc.authorization == "" {
			fmt.Println("   Authorization: (none)")
		} else {
			fmt.Printf("   Authorization: %s\n", abbreviate(tc.authorization))
		}
		rec, err := tc.check(d.handler)
		fmt.Printf("   -> %d %s\n", rec.Code, http.StatusText(rec.Code))
		if ch := rec.Header().Get("WWW-Authenticate"); ch != "" {
			fmt.Printf("   WWW-Authenticate: %s\n", ch)
		}
		if rec.Code == http.StatusOK {
			fmt.Printf("   body: %s", rec.Body.String())
		}
		if err != nil {
			fmt.Printf("   FAIL: %v\n", err)
			failures++
		}
	}
	if failures > 0 {
		fmt.Printf("\n%d case(s) failed\n", failures)
		os.Exit(1)
	}
	fmt.Println("\nAll responses are as RFC 6750 describes.")
}

// abbreviate shortens long header values for printing.
func abbreviate(s string) string {
	if len(s) <= 60 {
		return s
	}
	return s[:45] + "..." + s[len(s)-12:]
}
