package jws_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
)

// TestHeaderFoldedNamesAndB64 pins two header rules of issue 9: a member
// whose name folds to a registered name under Unicode simple folding (the
// Kelvin sign U+212A folds to 'k') is refused like "KID"; and RFC 7797's
// "b64" is refused with or without "crit", since signet implements no
// unencoded payload (RFC 7797 §6 makes "b64" without "crit" malformed).
func TestHeaderFoldedNamesAndB64(t *testing.T) {
	k := keys(t)
	hs := k.hmac
	tests := []struct {
		name   string
		header string
		want   error  // nil means accepted
		msg    string // substring of the error
	}{
		{name: "Kelvin kid", header: "{\"alg\":\"HS256\",\"\u212Aid\":\"x\"}", want: jws.ErrMalformed, msg: `"\u212aid" differs from a registered name only in case`},
		{name: "Kelvin kid escaped", header: `{"alg":"HS256","\u212Aid":"x"}`, want: jws.ErrMalformed, msg: "only in case"},
		{name: "Kelvin KID alone", header: "{\"alg\":\"HS256\",\"\u212AID\":\"x\"}", want: jws.ErrMalformed, msg: "only in case"},
		{name: "KID", header: `{"alg":"HS256","KID":"x"}`, want: jws.ErrMalformed, msg: "only in case"},
		{name: "B64", header: `{"alg":"HS256","B64":false}`, want: jws.ErrMalformed, msg: "only in case"},
		{name: "kid and Kelvin kid", header: "{\"alg\":\"HS256\",\"kid\":\"a\",\"\u212Aid\":\"b\"}", want: jws.ErrMalformed, msg: "only in case"},
		{name: "Kelvin kidx is another name", header: "{\"alg\":\"HS256\",\"\u212Aidx\":\"x\"}"},
		{name: "long name", header: `{"alg":"HS256","critcritcrit":1}`},
		{name: "x5t kept", header: `{"alg":"HS256","x5t":"abc"}`},

		{name: "b64 false without crit", header: `{"alg":"HS256","b64":false}`, want: jws.ErrMalformed, msg: `"b64" (RFC 7797 unencoded payload) is not supported`},
		{name: "b64 true without crit", header: `{"alg":"HS256","b64":true}`, want: jws.ErrMalformed, msg: `"b64"`},
		{name: "b64 false with crit", header: `{"alg":"HS256","b64":false,"crit":["b64"]}`, want: jws.ErrMalformed, msg: `"b64"`},
		{name: "crit before b64", header: `{"alg":"HS256","crit":["b64"],"b64":false}`, want: jws.ErrMalformed, msg: "does not implement"},
		{name: "b64 a string", header: `{"alg":"HS256","b64":"x"}`, want: jws.ErrMalformed, msg: `"b64"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := rawToken(t, hs, tt.header, `{}`)
			h, p, err := jws.Verify(hs, tok)
			h2, p2, err2 := jws.ParseUnverified(tok)
			for _, r := range []struct {
				fn  string
				h   jws.Header
				p   []byte
				err error
			}{{"Verify", h, p, err}, {"ParseUnverified", h2, p2, err2}} {
				if tt.want == nil {
					if r.err != nil || r.h.Algorithm != jws.HS256 {
						t.Errorf("%s(%s) = %v, %v, want the header", r.fn, tt.header, r.h, r.err)
					}
					continue
				}
				if !errors.Is(r.err, tt.want) || !strings.Contains(r.err.Error(), tt.msg) || r.h.Algorithm != "" || r.p != nil {
					t.Errorf("%s(%s) = %v, %q, %v, want %v containing %q", r.fn, tt.header, r.h, r.p, r.err, tt.want, tt.msg)
				}
			}
		})
	}
	// The algorithm check still comes first (RFC 7515 §5.2 order).
	rsV, err := jws.NewRSAVerifier(jws.RS256, &k.rsa.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := jws.Verify(rsV, rawToken(t, hs, `{"alg":"HS256","b64":false}`, `{}`)); !errors.Is(err, jws.ErrAlgorithmMismatch) {
		t.Errorf("Verify(RS256 verifier, HS256 token with b64) = %v, want ErrAlgorithmMismatch", err)
	}
}

// TestSignRefusesFoldedNamesAndB64 checks that Sign never writes a header
// Verify refuses: no "b64" and no folded registered name in Header.Extra.
func TestSignRefusesFoldedNamesAndB64(t *testing.T) {
	k := keys(t)
	for _, name := range []string{"b64", "B64", "\u212Aid", "\u212AID", "cr\u0131t"} {
		h := jws.Header{Extra: map[string]json.RawMessage{name: json.RawMessage(`false`)}}
		tok, err := jws.Sign(k.hmac, h, []byte(`{}`))
		if name == "cr\u0131t" { // dotless i does not fold to i: another name
			if err != nil {
				t.Errorf("Sign(Extra %+q) = %v, want a token", name, err)
			}
			continue
		}
		if !errors.Is(err, jws.ErrMalformed) || tok != "" {
			t.Errorf("Sign(Extra %+q) = %q, %v, want ErrMalformed", name, tok, err)
		}
	}
}

// TestCritErrorBounded checks that the error for a "crit" list, which comes
// from the token, is bounded and in ASCII however many names it lists and
// however long and foreign they are, like the other token-sourced values
// in errors.
func TestCritErrorBounded(t *testing.T) {
	hs := keys(t).hmac
	long := strings.Repeat("\u212A\u202e", 20)
	names := make([]string, 200)
	for i := range names {
		names[i] = long
	}
	crit, err := json.Marshal(names)
	if err != nil {
		t.Fatal(err)
	}
	tok := rawToken(t, hs, `{"alg":"HS256","crit":`+string(crit)+`}`, `{}`)
	_, _, err = jws.Verify(hs, tok)
	if !errors.Is(err, jws.ErrMalformed) || !strings.Contains(err.Error(), `"crit" lists 200 names`) {
		t.Fatalf("Verify(crit of 200 names) = %.200v, want ErrMalformed saying how many names", err)
	}
	if msg := err.Error(); len(msg) > 800 {
		t.Errorf("the crit error is %d bytes long, want at most 800", len(msg))
	}
	for _, r := range err.Error() {
		if r >= 0x80 {
			t.Errorf("the crit error holds the non-ASCII rune %U: %.200q", r, err.Error())
			break
		}
	}
	_, _, err = jws.Verify(hs, rawToken(t, hs, `{"alg":"HS256","crit":["exp"]}`, `{}`))
	if !errors.Is(err, jws.ErrMalformed) || !strings.Contains(err.Error(), `"crit" lists "exp", which signet does not implement`) {
		t.Errorf("Verify(crit [exp]) = %v", err)
	}
}
