package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// now is the demo's fixed clock, so that the output is the same each run.
var now = time.Date(2025, time.March, 1, 12, 0, 0, 0, time.UTC)

// demo is the protected handler and the requests that exercise it.
type demo struct {
	handler http.Handler
	cases   []testCase
}

// testCase is one request and the response RFC 6750 asks for.
type testCase struct {
	name          string
	authorization string // the Authorization header; "" sends none
	wantStatus    int
	wantChallenge string // the exact WWW-Authenticate; "" means none
	wantBody      string // a substring of the body, for 200 responses
}

// check sends tc's request to h and returns the response, with an error
// describing the first way it differs from what tc wants.
func (tc testCase) check(h http.Handler) (*httptest.ResponseRecorder, error) {
	req := httptest.NewRequest(http.MethodGet, "/hello", nil)
	if tc.authorization != "" {
		req.Header.Set("Authorization", tc.authorization)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	if rec.Code != tc.wantStatus {
		return rec, fmt.Errorf("status %d, want %d", rec.Code, tc.wantStatus)
	}
	if got := rec.Header().Get("WWW-Authenticate"); got != tc.wantChallenge {
		return rec, fmt.Errorf("WWW-Authenticate %q, want %q", got, tc.wantChallenge)
	}
	if !strings.Contains(rec.Body.String(), tc.wantBody) {
		return rec, fmt.Errorf("body %q does not contain %q", rec.Body.String(), tc.wantBody)
	}
	return rec, nil
}

// newDemo builds the API's key and handler, and the tokens of each case.
func newDemo() (*demo, error) {
	// The issuer signs with an ES256 private key; the API holds only the
	// public half, so it can check tokens but not make them. A real API
	// loads the issuer's public key (often from its JWK Set) at startup.
	issuerKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	signer, err := jws.NewECDSASigner(jws.ES256, issuerKey)
	if err != nil {
		return nil, err
	}
	// A key the API does not trust, for the forged token.
	otherKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	forger, err := jws.NewECDSASigner(jws.ES256, otherKey)
	if err != nil {
		return nil, err
	}

	opts := &jwt.VerifyOptions{
		Type: "at+jwt", // only access tokens (RFC 9068), not ID or refresh tokens
		Claims: claims.Validator{
			Issuer:   issuer,
			Audience: audience,
			Now:      func() time.Time { return now }, // a real API leaves Now nil
		},
	}
	handler := requireBearer(signer.Verifier(), opts, http.HandlerFunc(hello))

	// token signs claims for user-42 with s, after edit has changed them.
	token := func(s jws.Signer, typ string, edit func(*UserClaims)) (string, error) {
		c := UserClaims{
			Registered: claims.Registered{
				Issuer:    issuer,
				Subject:   "user-42",
				Audience:  claims.Audience{audience},
				IssuedAt:  claims.NewNumericDate(now.Add(-time.Minute)),
				ExpiresAt: claims.NewNumericDate(now.Add(14 * time.Minute)),
			},
			Name: "Ada",
		}
		if edit != nil {
			edit(&c)
		}
		return jwt.Sign(s, jws.Header{Type: typ}, c)
	}
	var tokenErr error
	must := func(tok string, err error) string {
		if err != nil && tokenErr == nil {
			tokenErr = err
		}
		return tok
	}
	valid := must(token(signer, "at+jwt", nil))
	expired := must(token(signer, "at+jwt", func(c *UserClaims) {
		c.IssuedAt = claims.NewNumericDate(now.Add(-time.Hour))
		c.ExpiresAt = claims.NewNumericDate(now.Add(-45 * time.Minute))
	}))
	forged := must(token(forger, "at+jwt", nil))
	otherAPI := must(token(signer, "at+jwt", func(c *UserClaims) {
		c.Audience = claims.Audience{"https://billing.example.com"}
	}))
	idToken := must(token(signer, "JWT", nil))
	if tokenErr != nil {
		return nil, tokenErr
	}

	invalidToken := func(description string) string {
		return `Bearer realm="example", error="invalid_token", error_description="` + description + `"`
	}
	return &demo{
		handler: handler,
		cases: []testCase{
			{
				name:          "valid access token",
				authorization: "Bearer " + valid,
				wantStatus:    http.StatusOK,
				wantBody:      "Hello, Ada (user-42)!",
			},
			{
				name:          "no Authorization header (RFC 6750 §3.1: no error code)",
				wantStatus:    http.StatusUnauthorized,
				wantChallenge: `Bearer realm="example"`,
			},
			{
				name:          "not a bearer credential",
				authorization: "Basic YWRhOmh1bnRlcjI=",
				wantStatus:    http.StatusBadRequest,
				wantChallenge: `Bearer realm="example", error="invalid_request", error_description="The Authorization header is not a Bearer credential"`,
			},
			{
				name:          "expired token",
				authorization: "Bearer " + expired,
				wantStatus:    http.StatusUnauthorized,
				wantChallenge: invalidToken("The access token expired"),
			},
			{
				name:          "token signed by a key the API does not trust",
				authorization: "Bearer " + forged,
				wantStatus:    http.StatusUnauthorized,
				wantChallenge: invalidToken("The access token is invalid"),
			},
			{
				name:          "token meant for another API",
				authorization: "Bearer " + otherAPI,
				wantStatus:    http.StatusUnauthorized,
				wantChallenge: invalidToken("The access token is not meant for this API"),
			},
			{
				name:          `token of another type ("typ":"JWT", not "at+jwt")`,
				authorization: "Bearer " + idToken,
				wantStatus:    http.StatusUnauthorized,
				wantChallenge: invalidToken("The token is not an access token"),
			},
		},
	}, nil
}
