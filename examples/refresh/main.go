// Command refresh walks through the login flow most services build on
// JWTs: a short-lived access token for calling APIs, and a long-lived
// refresh token for getting new access tokens without logging in again.
//
//	go run ./examples/refresh
//
// It shows, on a simulated clock:
//
//   - login: the auth server issues an access token (typ "at+jwt", expires
//     in 5 minutes) and a refresh token (typ "refresh+jwt", expires in 7
//     days, with a "jti" recorded in a server-side store);
//   - the API accepting the access token, then refusing it once expired;
//   - refresh with rotation: the refresh token is traded for a new pair and
//     its "jti" is revoked, so replaying it fails (claims.ErrID);
//   - explicit typing: a refresh token is refused by the API and an access
//     token is refused by the refresh endpoint (jwt.ErrType);
//   - logout: revoking the current refresh token.
//
// It exits with status 1 if any step behaves otherwise.
//
// # One key or two?
//
// This demo signs both kinds of token with one Ed25519 key, as many auth
// servers do (one key, published for the APIs to verify with). APIs hold
// only the public half, so they cannot mint tokens. What keeps the two
// kinds apart is explicit typing (RFC 8725 §3.11): each verifier requires
// its own "typ", so a refresh token never passes as an access token even
// though its signature is good. The audiences differ too, as a second
// guard. Using a second key for refresh tokens, known only to the auth
// server, is a sound and stricter choice: a refresh token presented to an
// API would then fail the signature check before its type is even read.
// Keep the "typ" check either way.
package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// Names and lifetimes. An access token cannot be revoked before it expires
// (the API checks it without asking anyone), so it lives minutes; a refresh
// token is checked against the store on every use, so it can live days.
const (
	issuer          = "https://auth.example.com"
	apiAudience     = "https://api.example.com"
	refreshAudience = "https://auth.example.com/token" // only the token endpoint accepts refresh tokens

	accessType  = "at+jwt"      // RFC 9068 §2.1
	refreshType = "refresh+jwt" // our own name: any value the access-token check refuses will do

	accessLifetime  = 5 * time.Minute
	refreshLifetime = 7 * 24 * time.Hour
)

func main() {
	log.SetFlags(0)

	// A simulated clock, so the demo can wait six minutes instantly.
	clock := &simClock{t: time.Date(2025, time.March, 1, 9, 0, 0, 0, time.UTC)}

	// A real service loads its key from a secret store; this demo makes a
	// fresh one on every run.
	_, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	signer, err := jws.NewEd25519Signer(private)
	if err != nil {
		log.Fatal(err)
	}
	auth := &authServer{signer: signer, verifier: signer.Verifier(), store: newRefreshStore(), now: clock.Now}
	api := &apiServer{verifier: signer.Verifier(), now: clock.Now} // the API only gets the public half

	step("Login as user-42 at %s", clock.Now().Format(time.RFC3339))
	pair, err := auth.login("user-42")
	mustSucceed("login", err)
	fmt.Printf("  access token:  typ %q, expires in %v\n", accessType, accessLifetime)
	fmt.Printf("  refresh token: typ %q, expires in %d days, jti %s\n", refreshType, refreshLifetime/(24*time.Hour), pair.refreshID)

	step("Call the API with the access token")
	c, err := api.authorize(pair.access)
	mustSucceed("API call", err)
	fmt.Printf("  OK: the API serves %s (scope %q)\n", c.Subject, c.Scope)

	clock.advance(6 * time.Minute)
	step("Call the API again, 6 minutes later (%s)", clock.Now().Format(time.RFC3339))
	_, err = api.authorize(pair.access)
	mustFail("expired access token", err, claims.ErrExpired)
	fmt.Println("  -> the client should now use its refresh token")

	step("Trade the refresh token for a new pair (rotation)")
	old := pair
	pair, err = auth.refresh(old.refresh)
	mustSucceed("refresh", err)
	fmt.Printf("  old refresh jti %s is now revoked\n", old.refreshID)
	fmt.Printf("  new refresh jti %s\n", pair.refreshID)
	c, err = api.authorize(pair.access)
	mustSucceed("API call with the new access token", err)
	fmt.Printf("  OK: the new access token works for %s\n", c.Subject)

	step("Replay the old refresh token (as a thief who copied it would)")
	_, err = auth.refresh(old.refresh)
	mustFail("replayed refresh token", err, claims.ErrID)

	step("Present the refresh token to the API as if it were an access token")
	_, err = api.authorize(pair.refresh)
	mustFail("refresh token at the API", err, jwt.ErrType)

	step("Present the access token to the refresh endpoint")
	_, err = auth.refresh(pair.access)
	mustFail("access token at the refresh endpoint", err, jwt.ErrType)

	step("Log out: revoke the current refresh token")
	mustSucceed("logout", auth.logout(pair.refresh))
	fmt.Printf("  logged out: jti %s is removed from the store\n", pair.refreshID)
	_, err = auth.refresh(pair.refresh)
	mustFail("refresh after logout", err, claims.ErrID)
	// The access token is not revoked: the API checks it without asking the
	// auth server. That is why it must be short-lived.
	_, err = api.authorize(pair.access)
	mustSucceed("access token after logout", err)
	fmt.Printf("  note: the last access token still works until it expires (at most %v);\n", accessLifetime)
	fmt.Println("        that is the price of tokens the API checks on its own, and why they are short-lived")

	fmt.Println("\nAll steps behaved as expected.")
}

// step prints the title of a step of the flow.
func step(format string, args ...any) {
	fmt.Printf("\n== "+format+"\n", args...)
}

// mustSucceed stops the program if a step that should work failed.
func mustSucceed(what string, err error) {
	if err != nil {
		log.Fatalf("  FAIL: %s: %v", what, err)
	}
}

// mustFail prints the error of a step that should fail, and stops the
// program if it succeeded or failed for another reason than want.
func mustFail(what string, err, want error) {
	if err == nil {
		log.Fatalf("  FAIL: %s was accepted", what)
	}
	if !errors.Is(err, want) {
		log.Fatalf("  FAIL: %s: got %v, want an error matching %v", what, err, want)
	}
	fmt.Printf("  refused as expected: %v\n", err)
}

// simClock is a clock that only moves when told to.
type simClock struct{ t time.Time }

func (c *simClock) Now() time.Time { return c.t }

func (c *simClock) advance(d time.Duration) { c.t = c.t.Add(d) }
