// Command quickstart is the five-minute tour of signet: it signs a JWT,
// looks inside it, verifies it, and shows three tokens being refused.
//
//	go run ./examples/quickstart
//
// The program uses a fixed clock and fixed claims, so its output is the
// same on every run; it says so beside the token it prints, which has
// therefore expired by the real clock. It exits with status 1 if anything behaves other than
// as described, so CI can run it as a test.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// demoKey is the HMAC secret shared by the issuer and the API.
//
// DEMO ONLY. Never embed a real key in source code: load it from a secret
// manager or the environment, and generate it with crypto/rand (32 random
// bytes or more for HS256; signet refuses shorter keys).
var demoKey = []byte("signet-quickstart-DEMO-ONLY-key-do-not-use-in-production")

// The names this demo's issuer and API are known by.
const (
	issuer   = "https://auth.example.com"
	audience = "https://api.example.com"
)

// UserClaims is what our tokens carry: the registered claims (iss, sub,
// aud, exp, ...) plus two private claims of our own. Embedding
// claims.Registered is what lets jwt.Verify validate the token.
type UserClaims struct {
	claims.Registered
	Name  string `json:"name"`
	Admin bool   `json:"admin"`
}

// now is the demo's fixed "current time". A real service leaves
// Validator.Now nil, which means time.Now.
var now = time.Date(2025, time.March, 1, 12, 0, 0, 0, time.UTC)

func main() {
	log.SetFlags(0)

	// 1. Make a key. The key fixes the algorithm: this HMAC signs and
	// verifies HS256 and nothing else, whatever a token's header says.
	key, err := jws.NewHMAC(jws.HS256, demoKey)
	if err != nil {
		log.Fatalf("NewHMAC: %v", err)
	}

	// 2. Sign a token. The zero jws.Header is fine: "alg" comes from the
	// key and "typ" defaults to "JWT".
	token, err := jwt.Sign(key, jws.Header{}, UserClaims{
		Registered: claims.Registered{
			Issuer:    issuer,
			Subject:   "user-42",
			Audience:  claims.Audience{audience},
			IssuedAt:  claims.NewNumericDate(now),
			ExpiresAt: claims.NewNumericDate(now.Add(15 * time.Minute)),
		},
		Name: "Ada Lovelace",
	})
	if err != nil {
		log.Fatalf("Sign: %v", err)
	}
	section("1. Signed an HS256 token (header.payload.signature)")
	fmt.Println(token)
	fmt.Printf("\nNote: this demo runs on a fixed clock (%s) so that its\n", now.Format(time.RFC3339))
	fmt.Printf("output is the same on every run. The token expired at %s,\n", now.Add(15*time.Minute).Format(time.RFC3339))
	fmt.Println("so anything that checks it against the real clock (jwt.Verify, or")
	fmt.Println("go run ./examples/inspect TOKEN) rightly reports it expired.")

	// 3. Look inside. A JWT is signed, not encrypted: anyone holding it
	// can read it. ParseUnverified decodes it WITHOUT checking the
	// signature, which is fine for display and never for a decision.
	header, payload, err := jws.ParseUnverified(token)
	if err != nil {
		log.Fatalf("ParseUnverified: %v", err)
	}
	section("2. Decoded with jws.ParseUnverified (NOT verified: do not trust this)")
	fmt.Printf("header:  alg=%s typ=%s\n", header.Algorithm, header.Type)
	pretty, err := indentJSON(payload, "         ")
	if err != nil {
		log.Fatalf("payload is not JSON: %v", err)
	}
	fmt.Printf("payload: %s\n", pretty)

	// 4. Verify. This checks the signature AND validates the claims in one
	// call: exp is required and must be in the future, iss must be our
	// issuer, and aud must name this API. Now pins the clock for the demo.
	opts := &jwt.VerifyOptions{
		Claims: claims.Validator{
			Issuer:   issuer,
			Audience: audience,
			Now:      func() time.Time { return now },
		},
	}
	c, err := jwt.Verify[UserClaims](key, token, opts)
	if err != nil {
		log.Fatalf("Verify refused a good token: %v", err)
	}
	section("3. Verified with jwt.Verify (signature + claims)")
	fmt.Printf("OK: subject %q, name %q, admin %v, expires %s\n",
		c.Subject, c.Name, c.Admin, c.ExpiresAt.Time().Format(time.RFC3339))

	// 5. Three tokens that must be refused. Each case prints the error and
	// which sentinel errors.Is found: that is how a service decides what
	// to do (ask for a refresh, log an attack, ...).
	section("4. Tokens that are refused")

	// a. Someone edits the payload to make themselves admin. The signature
	// no longer matches, so the token is refused before the claims are
	// even read.
	forged := withPayload(token, strings.Replace(string(payload), `"admin":false`, `"admin":true`, 1))
	if forged == token {
		log.Fatal("could not tamper with the payload")
	}
	_, err = jwt.Verify[UserClaims](key, forged, opts)
	expectRefused(`tampered payload ("admin":false -> true)`, err, jws.ErrInvalidSignature)

	// b. The same good token, an hour later: it expired after 15 minutes.
	later := *opts
	later.Claims.Now = func() time.Time { return now.Add(time.Hour) }
	_, err = jwt.Verify[UserClaims](key, token, &later)
	expectRefused("the good token, one hour later", err, claims.ErrExpired)

	// c. A genuine token from our issuer, but meant for another service.
	// Without the audience check, any service sharing the issuer could
	// replay it against ours.
	other, err := jwt.Sign(key, jws.Header{}, UserClaims{
		Registered: claims.Registered{
			Issuer:    issuer,
			Subject:   "user-42",
			Audience:  claims.Audience{"https://billing.example.com"},
			IssuedAt:  claims.NewNumericDate(now),
			ExpiresAt: claims.NewNumericDate(now.Add(15 * time.Minute)),
		},
		Name: "Ada Lovelace",
	})
	if err != nil {
		log.Fatalf("Sign: %v", err)
	}
	_, err = jwt.Verify[UserClaims](key, other, opts)
	expectRefused("a token for https://billing.example.com", err, claims.ErrAudience)

	fmt.Println()
	fmt.Println("All checks passed.")
}

// expectRefused prints how a token was refused, and stops the program if it
// was accepted or refused for another reason than want.
func expectRefused(what string, err, want error) {
	fmt.Printf("\n%s\n", what)
	if err == nil {
		log.Fatalf("  FAIL: the token was accepted")
	}
	sentinel, action := classify(err)
	fmt.Printf("  refused: %v\n", err)
	fmt.Printf("  errors.Is matched %s: %s\n", sentinel, action)
	if !errors.Is(err, want) {
		log.Fatalf("  FAIL: want an error matching %v", want)
	}
}

// classify is the errors.Is switch a service writes after jwt.Verify: it
// returns the sentinel err matches and what to do about it. Errors wrap
// their sentinel, so compare with errors.Is, never with == or the text.
func classify(err error) (sentinel, action string) {
	switch {
	case errors.Is(err, claims.ErrExpired):
		return "claims.ErrExpired", "ask the client to get a fresh token"
	case errors.Is(err, jws.ErrInvalidSignature):
		return "jws.ErrInvalidSignature", "forged or corrupted: refuse it, and log it"
	case errors.Is(err, jws.ErrAlgorithmMismatch):
		return "jws.ErrAlgorithmMismatch", "signed with another algorithm or key type: refuse it"
	case errors.Is(err, claims.ErrAudience):
		return "claims.ErrAudience", "meant for another service: refuse it"
	case errors.Is(err, claims.ErrIssuer):
		return "claims.ErrIssuer", "from an issuer we do not trust: refuse it"
	case errors.Is(err, jwt.ErrType):
		return "jwt.ErrType", "another kind of token: refuse it"
	default:
		return "none of the above", "malformed, too large, ...: refuse it"
	}
}

// withPayload returns token with its payload replaced by payload, keeping
// the original header and signature: what an attacker editing a token does.
func withPayload(token, payload string) string {
	parts := strings.SplitN(token, ".", 3) // fine for a token we made ourselves
	return parts[0] + "." + base64url.EncodeToString([]byte(payload)) + "." + parts[2]
}

// indentJSON returns data as indented JSON, each line after the first
// starting with prefix.
func indentJSON(data []byte, prefix string) (string, error) {
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, prefix, "  "); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func section(title string) {
	fmt.Printf("\n== %s\n", title)
}
