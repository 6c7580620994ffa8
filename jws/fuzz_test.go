package jws_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
)

// FuzzVerify checks that Verify never panics, returns nothing on error, and
// that a token it accepts re-signs to the same bytes with the deterministic
// algorithms (HMAC, RSA PKCS#1 v1.5, Ed25519), agrees with ParseUnverified,
// and survives a Sign round trip of its header.
func FuzzVerify(f *testing.F) {
	k := keys(f)
	rs, err := jws.NewRSASigner(jws.RS256, k.rsa)
	if err != nil {
		f.Fatal(err)
	}
	ed, err := jws.NewEd25519Signer(k.ed25519)
	if err != nil {
		f.Fatal(err)
	}
	signers := []jws.Signer{k.hmac, rs, ed}
	for _, s := range signers {
		for _, h := range []jws.Header{{}, {Type: "JWT", KeyID: "k\u00e9"}, {ContentType: "JWT"}} {
			tok, err := jws.Sign(s, h, []byte(`{"sub":"1234567890","exp":1516239022}`))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(tok)
		}
		f.Add(rawToken(f, s, `{"alg":"`+string(s.Algorithm())+`","x":{"y":[1,"\u00e9"]}}`, "payload"))
		f.Add(rawToken(f, s, `{"alg":"`+string(s.Algorithm())+`","alg":"none"}`, "{}"))
	}
	f.Add("eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UifQ.")
	f.Add("a.b.c")
	f.Add("..")
	f.Fuzz(func(t *testing.T, token string) {
		for _, s := range signers {
			v := publicVerifier(t, s)
			h, payload, err := jws.Verify(v, token)
			if err != nil {
				if diff := cmp.Diff(jws.Header{}, h); diff != "" || payload != nil {
					t.Fatalf("Verify(%q) = %v with a result: header %s payload %q", token, err, diff, payload)
				}
				continue
			}
			if h.Algorithm != s.Algorithm() {
				t.Fatalf("Verify(%q) accepted alg %q with a %s verifier", token, h.Algorithm, s.Algorithm())
			}
			last := lastDot(token)
			sig, err := s.AppendSignature(nil, []byte(token[:last]))
			if err != nil {
				t.Fatal(err)
			}
			if resigned := token[:last+1] + base64url.EncodeToString(sig); resigned != token {
				t.Fatalf("Verify accepted %q but re-signing gives %q", token, resigned)
			}
			uh, up, err := jws.ParseUnverified(token)
			if err != nil || string(up) != string(payload) || !cmp.Equal(h, uh) {
				t.Fatalf("ParseUnverified(%q) = %v, %q, %v; Verify gave %v, %q", token, uh, up, err, h, payload)
			}
			// The header Verify returned signs into a token that verifies
			// to the same header and payload.
			again, err := jws.Sign(s, h, payload)
			if err != nil {
				t.Fatalf("Sign(header of an accepted token %+v) = %v", h, err)
			}
			h2, p2, err := jws.Verify(v, again)
			if err != nil || string(p2) != string(payload) || !cmp.Equal(h, h2) {
				t.Fatalf("Verify(Sign(Verify(%q))) = %v, %q, %v", token, h2, p2, err)
			}
		}
	})
}
