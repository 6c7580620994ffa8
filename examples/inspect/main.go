// Command inspect is a JWT debugger, like the one on jwt.io but offline: it
// decodes a token and prints its header and claims, with the dates spelled
// out, and can check its signature with a key you give it.
//
//	go run ./examples/inspect                        # the built-in sample token
//	go run ./examples/inspect eyJhbGciOi...          # a token as argument
//	pbpaste | go run ./examples/inspect              # a token on stdin
//	go run ./examples/inspect -key pub.pem -alg RS256 eyJhbGciOi...
//
// Decoding needs no key and proves nothing: anyone can write any header and
// claims. Only a signature checked with a key you trust makes them
// believable, and even then inspect checks ONLY the signature: it says
// nothing of expiry, issuer or audience. A service verifies tokens with
// jwt.Verify, which checks both.
//
// Exit status: 0 when the token decodes (and its signature verifies, if
// -key was given), 1 when it is malformed or does not verify, 2 on a usage
// error.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
)

// sampleToken is inspected when no token is given. It is a genuine HS256
// token: its secret is in testdata/sample-hs256.key, so
//
//	go run ./examples/inspect -key examples/inspect/testdata/sample-hs256.key -alg HS256
//
// verifies it. main_test.go checks that it matches its claims and secret.
const sampleToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InNhbXBsZS0yMDI1In0." + // header
	"eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjoiaHR0cHM6Ly9hcGkuZXhhbXBsZS5jb20iLCJleHAiOjE3NDA4MzQwMDAsImlhdCI6MTc0MDgzMDQwMCwianRpIjoiNGYxYzJkOWUtc2FtcGxlIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImFkbWluIjpmYWxzZX0." + // payload
	"2QNJq5UHu4ZUGtWppr-G79VIuUy_udOfh8qYjELI0ew" // signature

func main() {
	os.Exit(run(os.Args[1:], pipedStdin(), os.Stdout, os.Stderr))
}

// pipedStdin returns os.Stdin when it is a pipe or a file, and nil when it
// is a terminal (or /dev/null): the program should not sit waiting for
// someone to type a token.
func pipedStdin() io.Reader {
	fi, err := os.Stdin.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice != 0 {
		return nil
	}
	return os.Stdin
}

const usage = `usage: inspect [-now TIME] [-key FILE -alg ALG] [TOKEN]

Decodes the JWT TOKEN and prints its header and payload. Without TOKEN it
reads one from stdin; with nothing on stdin it shows a built-in sample.

Flags:
`

// run is the whole program, minus the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	keyFile := fs.String("key", "", "verify the signature with the key in `FILE`: a PEM public key or\ncertificate (RSA, ECDSA or Ed25519), or for HS256/384/512 the raw secret")
	alg := fs.String("alg", "", "verify with algorithm `ALG` (HS256, RS256, PS256, ES256, EdDSA, ...).\nRequired with -key: the token's own header never chooses it")
	nowFlag := fs.String("now", "", "show dates relative to `TIME` (RFC 3339) instead of the current time")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}

	now := time.Now()
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			fmt.Fprintf(stderr, "inspect: -now: %v\n", err)
			return 2
		}
		now = t
	}
	if (*keyFile == "") != (*alg == "") {
		fmt.Fprintln(stderr, "inspect: -key and -alg go together: the algorithm comes from you, never from the token")
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "inspect: give at most one token")
		return 2
	}

	token, err := readToken(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "inspect: reading stdin: %v\n", err)
		return 1
	}
	if token == "" {
		token = sampleToken
		fmt.Fprintln(stdout, "Note: no token given, so this is the built-in sample token (HS256; its")
		fmt.Fprintln(stdout, "secret is in examples/inspect/testdata/sample-hs256.key).")
		fmt.Fprintln(stdout)
	}

	if err := show(stdout, token, now); err != nil {
		fmt.Fprintf(stderr, "inspect: %v\n", err)
		return 1
	}

	if *keyFile == "" {
		fmt.Fprintln(stdout, "\nSignature: not checked (pass -key FILE -alg ALG to check it)")
		return 0
	}
	v, err := loadVerifier(*keyFile, jws.Algorithm(*alg))
	if err != nil {
		fmt.Fprintf(stderr, "inspect: %v\n", err)
		return 2
	}
	if _, _, err := jws.Verify(v, token); err != nil {
		fmt.Fprintf(stdout, "\nSignature: INVALID: %v\n", err)
		if strings.HasPrefix(*alg, "HS") && endsWithNewline(*keyFile) {
			fmt.Fprintln(stdout, "           (the key file ends with a newline, which is part of the secret)")
		}
		return 1
	}
	fmt.Fprintf(stdout, "\nSignature: VALID (%s, key %s)\n", v.Algorithm(), *keyFile)
	fmt.Fprintln(stdout, "           Only the signature was checked: the claims (exp, nbf, iss, aud, ...) were NOT validated.")
	return 0
}

// endsWithNewline reports whether file ends with a newline.
func endsWithNewline(file string) bool {
	data, err := os.ReadFile(file)
	return err == nil && bytes.HasSuffix(data, []byte("\n"))
}

// readToken returns arg, or else what stdin holds, without surrounding
// space. It returns "" when there is neither.
func readToken(arg string, stdin io.Reader) (string, error) {
	if arg != "" || stdin == nil {
		return strings.TrimSpace(arg), nil
	}
	// Read a little more than the largest token signet accepts, so that an
	// oversized one is reported as such rather than cut short.
	data, err := io.ReadAll(io.LimitReader(stdin, 2*jws.DefaultMaxSize))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(data)), nil
}

// show prints token's header and payload, decoded but not verified.
func show(w io.Writer, token string, now time.Time) error {
	// ParseUnverified decodes strictly, as verification would, but checks
	// no signature: fine for display, never for a decision.
	_, payload, err := jws.ParseUnverified(token)
	if err != nil {
		return err
	}
	// ParseUnverified returns the header as a struct; show the JSON as it
	// is in the token instead, in its own order and with every member.
	encodedHeader, _, _ := strings.Cut(token, ".")
	header, err := base64url.DecodeString(encodedHeader)
	if err != nil {
		return err // cannot happen after ParseUnverified succeeded
	}

	fmt.Fprintln(w, "Header (decoded, NOT verified):")
	fmt.Fprintln(w, indent(header))
	fmt.Fprintln(w, "\nPayload (decoded, NOT verified):")
	if !json.Valid(payload) {
		// A JWS may sign any bytes; a JWT's payload is always JSON.
		fmt.Fprintf(w, "%q\n(not JSON, so not a JWT claims set)\n", payload)
		return nil
	}
	fmt.Fprintln(w, indent(payload))
	return showDates(w, payload, now)
}

// indent returns JSON data indented for reading.
func indent(data []byte) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, "", "  "); err != nil {
		return string(data)
	}
	return buf.String()
}

// showDates prints exp, nbf and iat as UTC times and relative to now.
func showDates(w io.Writer, payload []byte, now time.Time) error {
	var set claims.Set
	if err := claims.Decode(payload, &set); err != nil {
		return err
	}
	r, err := set.Registered()
	if err != nil {
		return err
	}
	dates := []struct {
		name, meaning string
		date          claims.NumericDate
	}{
		{"exp", "expires", r.ExpiresAt},
		{"nbf", "not before", r.NotBefore},
		{"iat", "issued at", r.IssuedAt},
	}
	header := false
	for _, d := range dates {
		if d.date.IsZero() {
			continue
		}
		if !header {
			fmt.Fprintf(w, "\nDates (UTC; relative to %s):\n", now.UTC().Format(time.RFC3339))
			header = true
		}
		t := d.date.Time()
		fmt.Fprintf(w, "  %s  %-10s  %s  (%s)\n", d.name, d.meaning, t.Format(time.RFC3339), relative(t, now))
	}
	return nil
}

// relative describes t as seen from now: "in 1h30m0s", "2h0m0s ago" or,
// beyond two days, "about 3 days ago".
func relative(t, now time.Time) string {
	d := t.Sub(now).Round(time.Second)
	ago := d < 0
	if ago {
		d = -d
	}
	var s string
	switch {
	case d == 0:
		return "now"
	case d < 48*time.Hour:
		s = d.String()
	default:
		s = fmt.Sprintf("about %d days", d/(24*time.Hour))
	}
	if ago {
		return s + " ago"
	}
	return "in " + s
}

// loadVerifier builds a verifier for alg from the key in file: the raw
// secret for HMAC algorithms, a PEM public key or certificate for the
// others (jws.ParsePEMVerifier, which refuses private keys: a debugger has
// no business holding one).
func loadVerifier(file string, alg jws.Algorithm) (jws.Verifier, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	switch alg {
	case jws.HS256, jws.HS384, jws.HS512:
		// Every byte of the file is the secret, a final newline included.
		return jws.NewHMAC(alg, data)
	}
	v, err := jws.ParsePEMVerifier(alg, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return v, nil
}
