package jwk_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// Key material of the RFC examples, for building JWKs in tests.
const (
	// RFC 7517 Appendix A.1 / A.2 RSA key (2048 bits; also RFC 7638 §3.1).
	fxN  = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
	fxD  = "X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_YSfqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwFs9tv8d_cPVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojPLu4sbg1U2jx4IBTNBznbJSzFHK66jT8bgkuqsk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6mqnOYtqc0X4jfcKoAC8Q"
	fxP  = "83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnwD20R-60eTDmD2ujnMt5PoqMrm8RfmNhVWDtjjMmCMjOpSXicFHj7XOuVIYQyqVWlWEh6dN36GVZYk93N8Bc9vY41xy8B9RzzOGVQzXvNEvn7O0nVbfs"
	fxQ  = "3dfOR9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqjVZQO1dIrdwgTnCdpYzBcOfW5r370AFXjiWft_NGEiovonizhKpo9VVS78TzFgxkIdrecRezsZ-1kYd_s1qDbxtkDEgfAITAG9LUnADun4vIcb6yelxk"
	fxDP = "G4sPXkc6Ya9y8oJW9_ILj4xuppu0lzi_H7VTkS8xj5SdX3coE0oimYwxIi2emTAue0UOa5dpgFGyBJ4c8tQ2VF402XRugKDTP8akYhFo5tAA77Qe_NmtuYZc3C3m3I24G2GvR5sSDxUyAN2zq8Lfn9EUms6rY3Ob8YeiKkTiBj0"
	fxDQ = "s9lAH9fggBsoFR8Oac2R_E2gw282rT2kGOAhvIllETE1efrA6huUUvMfBcMpn8lqeW6vzznYY5SSQF7pMdC_agI3nG8Ibp1BUb0JUiraRNqUfLhcQb_d9GF4Dh7e74WbRsobRonujTYN1xCaP6TO61jvWrX-L18txXw494Q_cgk"
	fxQI = "GyM_p6JrXySiz1toFgKbWV-JdI3jQ4ypu9rbMWx3rQJBfmt0FoYzgUIZEVFEcOqwemRN81zoDAaa-Bk0KWNGDjJHZDdDmFhW3AN7lI-puxk_mHZGJ11rxyR8O55XLSe3SPmRfKwZI6yU24ZxvQKFYItdldUKGzO6Ia6zTKhAVRU"
	// RFC 7515 Appendix A.2 RSA key: another key, for mismatches.
	fxOtherD = "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ"
	fxOtherP = "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc"
	// RFC 7517 Appendix A.1 / A.2 P-256 key.
	fxX  = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"
	fxY  = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"
	fxED = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE"
	// RFC 7515 Appendix A.3 P-256 private scalar: another key.
	fxOtherED = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
	// RFC 8037 Appendix A.1 Ed25519 key.
	fxOKPX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
	fxOKPD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
	// RFC 7515 Appendix A.1 HMAC key (64 octets).
	fxK = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
)

// JWKs built from the values above.
const (
	fxRSAPublic  = `{"kty":"RSA","n":"` + fxN + `","e":"AQAB"}`
	fxRSAPrivate = `{"kty":"RSA","n":"` + fxN + `","e":"AQAB","d":"` + fxD + `","p":"` + fxP + `","q":"` + fxQ + `","dp":"` + fxDP + `","dq":"` + fxDQ + `","qi":"` + fxQI + `"}`
	fxECPublic   = `{"kty":"EC","crv":"P-256","x":"` + fxX + `","y":"` + fxY + `"}`
	fxECPrivate  = `{"kty":"EC","crv":"P-256","x":"` + fxX + `","y":"` + fxY + `","d":"` + fxED + `"}`
	fxOKPPublic  = `{"kty":"OKP","crv":"Ed25519","x":"` + fxOKPX + `"}`
	fxOKPPrivate = `{"kty":"OKP","crv":"Ed25519","x":"` + fxOKPX + `","d":"` + fxOKPD + `"}`
	fxOct        = `{"kty":"oct","k":"` + fxK + `"}`
)

// withMembers returns the JWK jwk with extra members added after "{".
func withMembers(doc, members string) string {
	return "{" + members + "," + doc[1:]
}

// b64 re-encodes a transformation of the base64url value s.
func b64(t testing.TB, s string, f func([]byte) []byte) string {
	t.Helper()
	b, err := base64url.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return base64url.EncodeToString(f(b))
}

func mustParseKey(t testing.TB, doc string) *jwk.Key {
	t.Helper()
	k, err := jwk.ParseKey([]byte(doc))
	if err != nil {
		t.Fatalf("ParseKey(%s) = %v", doc, err)
	}
	return k
}

// mustMarshal returns the JSON of a Key or Set, private members included.
func mustMarshal(t testing.TB, v interface{ MarshalPrivate() ([]byte, error) }) string {
	t.Helper()
	b, err := v.MarshalPrivate()
	if err != nil {
		t.Fatalf("MarshalPrivate = %v", err)
	}
	return string(b)
}

func readRFCFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "rfc", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rfcJWKCase is one example of rfc7517.json or rfc7638.json (data.cases).
type rfcJWKCase struct {
	Name     string          `json:"name"`
	JWK      json.RawMessage `json:"jwk"`
	JWKS     json.RawMessage `json:"jwks"`
	Expected json.RawMessage `json:"expected"`
}

// kidResolver returns a Resolver that resolves kid in set whatever the
// token's "kid", for tokens whose kid is not in their protected header.
func kidResolver(set *jwk.Set, kid string) jws.Resolver {
	return jws.ResolverFunc(func(ctx context.Context, _ string, alg jws.Algorithm) ([]jws.Verifier, error) {
		return set.Resolve(ctx, kid, alg)
	})
}

func readRFCJWKCases(t testing.TB, name string) []rfcJWKCase {
	t.Helper()
	var doc struct {
		Data struct {
			Cases []rfcJWKCase `json:"cases"`
		} `json:"data"`
	}
	if err := json.Unmarshal(readRFCFile(t, name), &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(doc.Data.Cases) == 0 {
		t.Fatalf("%s: no cases", name)
	}
	return doc.Data.Cases
}

// checkRFCExpectations compares k with the facts an RFC example states.
func checkRFCExpectations(t *testing.T, k *jwk.Key, expected json.RawMessage) {
	t.Helper()
	var exp map[string]json.RawMessage
	if err := json.Unmarshal(expected, &exp); err != nil {
		t.Fatal(err)
	}
	str := func(name string) (string, bool) {
		raw, ok := exp[name]
		if !ok {
			return "", false
		}
		var s *string
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatalf("expected %s: %v", name, err)
		}
		if s == nil {
			return "", true
		}
		return *s, true
	}
	for _, c := range []struct {
		name string
		got  string
	}{
		{"kid", k.KeyID()}, {"kty", k.KeyType()}, {"alg", string(k.Algorithm())}, {"use", k.Use()},
	} {
		if want, ok := str(c.name); ok && c.got != want {
			t.Errorf("%s = %q, want %q", c.name, c.got, want)
		}
	}
	if want, ok := str("thumbprint_sha256"); ok {
		tp, err := k.Thumbprint(crypto.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		if got := base64url.EncodeToString(tp); got != want {
			t.Errorf("thumbprint = %s, want %s", got, want)
		}
	}
	if raw, ok := exp["private"]; ok {
		var want bool
		json.Unmarshal(raw, &want)
		if k.IsPrivate() != want {
			t.Errorf("IsPrivate() = %v, want %v", k.IsPrivate(), want)
		}
	}
	if raw, ok := exp["rsa_bits"]; ok {
		var want int
		json.Unmarshal(raw, &want)
		var n *big.Int
		switch key := k.CryptoKey().(type) {
		case *rsa.PublicKey:
			n = key.N
		case *rsa.PrivateKey:
			n = key.N
		default:
			t.Fatalf("Key() = %T, want an RSA key", key)
		}
		if n.BitLen() != want {
			t.Errorf("modulus of %d bits, want %d", n.BitLen(), want)
		}
	}
	if raw, ok := exp["key_bytes"]; ok {
		var want int
		json.Unmarshal(raw, &want)
		if got, _ := k.CryptoKey().([]byte); len(got) != want {
			t.Errorf("oct key of %d bytes, want %d", len(got), want)
		}
	}
}

// TestParseKeyRFC7517 parses the examples of RFC 7517 Appendices A, B and
// C.1 and checks what the RFC states about each key.
func TestParseKeyRFC7517(t *testing.T) {
	cases := readRFCJWKCases(t, "rfc7517.json")
	publicOf := map[string]string{} // "A.1 keys[i]" -> marshalled public key
	parsed := 0
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			section := strings.Fields(c.Name)[0]
			var raws []json.RawMessage
			var exps []json.RawMessage
			if c.JWKS != nil {
				var set struct{ Keys []json.RawMessage }
				var exp struct{ Keys []json.RawMessage }
				if err := json.Unmarshal(c.JWKS, &set); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(c.Expected, &exp); err != nil {
					t.Fatal(err)
				}
				raws, exps = set.Keys, exp.Keys
			} else {
				raws, exps = []json.RawMessage{c.JWK}, []json.RawMessage{c.Expected}
			}
			for i, raw := range raws {
				k, err := jwk.ParseKey(raw)
				if err != nil {
					t.Fatalf("ParseKey(keys[%d]) = %v", i, err)
				}
				parsed++
				checkRFCExpectations(t, k, exps[i])
				if k.KeyType() != "oct" {
					pub, err := k.Public()
					if err != nil {
						t.Fatal(err)
					}
					name := section + " keys[" + string(rune('0'+i)) + "]"
					publicOf[name] = mustMarshal(t, pub)
					var exp struct {
						PublicMatches string `json:"public_matches"`
					}
					json.Unmarshal(exps[i], &exp)
					if exp.PublicMatches != "" {
						if want, ok := publicOf[exp.PublicMatches]; !ok {
							t.Errorf("no parsed key %q", exp.PublicMatches)
						} else if got := publicOf[name]; got != want {
							t.Errorf("Public() = %s, want the key of %s: %s", got, exp.PublicMatches, want)
						}
					}
				}
			}
		})
	}
	if parsed != 8 {
		t.Errorf("parsed %d keys, want the 8 of RFC 7517 A.1, A.2, A.3, B and C.1", parsed)
	}
	t.Logf("RFC 7517: %d JWKs parsed", parsed)
}

// TestRFC7517Specifics checks what each RFC 7517 example means for JWS:
// which keys verify, which a key set skips, and the X.509 members of B.
func TestRFC7517Specifics(t *testing.T) {
	cases := map[string]rfcJWKCase{}
	for _, c := range readRFCJWKCases(t, "rfc7517.json") {
		cases[strings.Fields(c.Name)[0]] = c
	}

	t.Run("A.1 set: the EC key is for encryption and skipped", func(t *testing.T) {
		set, err := jwk.ParseSet(cases["A.1"].JWKS)
		if err != nil {
			t.Fatal(err)
		}
		if got := kidsOf(set.Keys()); !cmp.Equal(got, []string{"2011-04-29"}) {
			t.Errorf("Keys() kids = %q, want [2011-04-29]", got)
		}
		skipped := set.Skipped()
		if len(skipped) != 1 || !errors.Is(skipped[0], jws.ErrInvalidKey) || !strings.Contains(skipped[0].Error(), `keys[0] (kid "1")`) {
			t.Errorf("Skipped() = %v, want the EC key refused for its use", skipped)
		}
		vs, err := set.Resolve(context.Background(), "2011-04-29", jws.RS256)
		if err != nil || len(vs) != 1 || vs[0].Algorithm() != jws.RS256 {
			t.Errorf("Resolve(2011-04-29) = %v, %v, want one RS256 Verifier", vs, err)
		}
	})

	t.Run("A.2 private keys sign what A.1 public keys verify", func(t *testing.T) {
		priv, err := jwk.ParseSet(cases["A.2"].JWKS)
		if err != nil {
			t.Fatal(err)
		}
		pub, err := jwk.ParseSet(cases["A.1"].JWKS)
		if err != nil {
			t.Fatal(err)
		}
		s, err := priv.Keys()[0].Signer()
		if err != nil {
			t.Fatal(err)
		}
		tok := rawToken(t, s, `{"alg":"RS256","kid":"2011-04-29"}`, "A.2")
		if _, p, err := jws.VerifyKeyed(context.Background(), pub, tok); err != nil || string(p) != "A.2" {
			t.Errorf("VerifyKeyed = %q, %v", p, err)
		}
	})

	t.Run("A.3 symmetric keys", func(t *testing.T) {
		var set struct{ Keys []json.RawMessage }
		json.Unmarshal(cases["A.3"].JWKS, &set)
		kw := mustParseKey(t, string(set.Keys[0]))
		if _, err := kw.Verifier(); !errors.Is(err, jws.ErrUnsupportedAlgorithm) {
			t.Errorf("A128KW key: Verifier() = %v, want ErrUnsupportedAlgorithm", err)
		}
		if _, err := kw.VerifierFor(jws.HS256); !errors.Is(err, jws.ErrAlgorithmMismatch) {
			t.Errorf("A128KW key: VerifierFor(HS256) = %v, want ErrAlgorithmMismatch", err)
		}
		hk := mustParseKey(t, string(set.Keys[1]))
		if _, err := hk.Verifier(); !errors.Is(err, jws.ErrUnsupportedAlgorithm) {
			t.Errorf("key without alg: Verifier() = %v, want ErrUnsupportedAlgorithm", err)
		}
		v, err := hk.VerifierFor(jws.HS256)
		if err != nil {
			t.Fatal(err)
		}
		// The RFC 7515 A.1 token is signed with this key.
		const tok = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
		if _, _, err := jws.Verify(v, tok); err != nil {
			t.Errorf("Verify(RFC 7515 A.1 token) = %v", err)
		}
		// In a set, the A128KW key is skipped and the HMAC key, without
		// "alg", serves the HS* its 64 bytes allow; the token has no kid,
		// so name the key's.
		ks, err := jwk.ParseSet(cases["A.3"].JWKS)
		if err != nil {
			t.Fatal(err)
		}
		if len(ks.Keys()) != 1 || len(ks.Skipped()) != 1 || !errors.Is(ks.Skipped()[0], jws.ErrUnsupportedAlgorithm) {
			t.Errorf("ParseSet(A.3): %d keys, skipped %v", len(ks.Keys()), ks.Skipped())
		}
		if _, _, err := jws.VerifyKeyed(context.Background(), kidResolver(ks, hk.KeyID()), tok); err != nil {
			t.Errorf("VerifyKeyed(RFC 7515 A.1 token) = %v", err)
		}
	})

	t.Run("B certificate chain is kept as data", func(t *testing.T) {
		k := mustParseKey(t, string(cases["B"].JWK))
		x := k.X509()
		if len(x.Chain) != 1 {
			t.Fatalf("X509().Chain has %d certificates, want 1", len(x.Chain))
		}
		cert, err := x509.ParseCertificate(x.Chain[0])
		if err != nil {
			t.Fatal(err)
		}
		if got, want := cert.Subject.String(), "CN=Brian Campbell,O=Ping Identity Corp.,L=Denver,ST=CO,C=US"; got != want {
			t.Errorf("certificate subject = %q, want %q", got, want)
		}
		if !cert.PublicKey.(*rsa.PublicKey).Equal(k.CryptoKey()) {
			t.Error("the certificate's key differs from the JWK's")
		}
		if _, err := k.VerifierFor(jws.RS256); err != nil {
			t.Errorf("VerifierFor(RS256) = %v; an expired certificate must not matter", err)
		}
		// x5c round-trips as standard base64.
		var orig, again struct {
			X5C []string `json:"x5c"`
		}
		json.Unmarshal(cases["B"].JWK, &orig)
		json.Unmarshal([]byte(mustMarshal(t, k)), &again)
		if diff := cmp.Diff(orig.X5C, again.X5C); diff != "" {
			t.Errorf("x5c mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("C.1 plaintext key is for encryption", func(t *testing.T) {
		k := mustParseKey(t, string(cases["C.1"].JWK))
		if !k.IsPrivate() || k.Use() != "enc" {
			t.Errorf("IsPrivate() = %v, Use() = %q", k.IsPrivate(), k.Use())
		}
		if _, err := k.VerifierFor(jws.RS256); !errors.Is(err, jws.ErrInvalidKey) {
			t.Errorf("VerifierFor(RS256) = %v, want ErrInvalidKey (use enc)", err)
		}
		if _, err := k.SignerFor(jws.RS256); !errors.Is(err, jws.ErrInvalidKey) {
			t.Errorf("SignerFor(RS256) = %v, want ErrInvalidKey (use enc)", err)
		}
		// A set of it parses (RFC 7517 §5: skip what cannot be used) and
		// says why its kid resolves to nothing.
		set, err := jwk.ParseSet([]byte(`{"keys":[` + string(cases["C.1"].JWK) + `]}`))
		if err != nil || len(set.Keys()) != 0 || len(set.Skipped()) != 1 {
			t.Fatalf("ParseSet(C.1) = %v, %v, want a set with one skipped key", set, err)
		}
		if _, err := set.Resolve(context.Background(), k.KeyID(), jws.RS256); !errors.Is(err, jws.ErrKeyNotFound) || !errors.Is(err, jws.ErrInvalidKey) || !strings.Contains(err.Error(), `"enc"`) {
			t.Errorf("Resolve(c1) = %v, want ErrKeyNotFound and ErrInvalidKey saying use is \"enc\"", err)
		}
	})
}

func kidsOf(keys []*jwk.Key) []string {
	var kids []string
	for _, k := range keys {
		kids = append(kids, k.KeyID())
	}
	return kids
}

// jwkVector is a signature example of rfc7515.json, rfc7519.json,
// rfc7797.json or rfc8037.json.
type jwkVector struct {
	Name                    string          `json:"name"`
	Alg                     json.RawMessage `json:"alg"`
	JWK                     json.RawMessage `json:"jwk"`
	JWKS                    json.RawMessage `json:"jwks"`
	Serialization           string          `json:"serialization"`
	Token                   json.RawMessage `json:"token"`
	ExpectedPayloadRaw      string          `json:"expected_payload_raw"`
	VerificationMustSucceed bool            `json:"verification_must_succeed"`
	RequiresB64             bool            `json:"requires_b64_support"`
}

// TestJWKRFCVectors parses the key of every signature example of RFC 7515,
// RFC 7519, RFC 7797 and RFC 8037 as a JWK and verifies the example's token
// with it: compact tokens with Key.VerifierFor (the JWKs have no "alg"),
// and each signature of the JSON serializations of RFC 7515 A.6 and A.7,
// turned into a compact token, through a Set and VerifyKeyed.
// Deterministic algorithms re-sign to the same signature with Key.SignerFor.
func TestJWKRFCVectors(t *testing.T) {
	counts := map[string]int{}
	for _, file := range []string{"rfc7515.json", "rfc7519.json", "rfc7797.json", "rfc8037.json"} {
		var doc struct{ Vectors []jwkVector }
		if err := json.Unmarshal(readRFCFile(t, file), &doc); err != nil {
			t.Fatal(err)
		}
		for _, v := range doc.Vectors {
			t.Run(v.Name, func(t *testing.T) {
				if string(v.JWK) == "null" || (v.JWK == nil && v.JWKS == nil) {
					counts["no key (unsecured or JWE)"]++
					return
				}
				switch v.Serialization {
				case "compact":
					testJWKCompactVector(t, v, counts)
				default:
					testJWKJSONVector(t, v, counts)
				}
			})
		}
	}
	t.Logf("RFC vectors with JWKs: %v", counts)
	if counts["compact verified"] != 9 || counts["JSON signature verified"] != 3 {
		t.Errorf("counts = %v, want 9 compact tokens and 3 JSON signatures verified", counts)
	}
}

func testJWKCompactVector(t *testing.T, v jwkVector, counts map[string]int) {
	var alg jws.Algorithm
	var token string
	if err := json.Unmarshal(v.Alg, &alg); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(v.Token, &token); err != nil {
		t.Fatal(err)
	}
	k, err := jwk.ParseKey(v.JWK)
	if err != nil {
		t.Fatalf("ParseKey = %v", err)
	}
	counts["JWK parsed"]++
	if _, err := k.Verifier(); !errors.Is(err, jws.ErrUnsupportedAlgorithm) {
		t.Errorf("Verifier() of a JWK without alg = %v, want ErrUnsupportedAlgorithm", err)
	}
	verifiers := []*jwk.Key{k}
	if k.KeyType() != "oct" {
		pub, err := k.Public()
		if err != nil {
			t.Fatal(err)
		}
		verifiers = append(verifiers, pub)
	}
	for _, key := range verifiers {
		ver, err := key.VerifierFor(alg)
		if err != nil {
			t.Fatalf("VerifierFor(%s) = %v", alg, err)
		}
		_, payload, err := jws.Verify(ver, token)
		if v.RequiresB64 {
			// RFC 7797 b64=false needs "crit", which signet refuses.
			if !errors.Is(err, jws.ErrMalformed) {
				t.Errorf("Verify(b64=false token) = %v, want ErrMalformed", err)
			}
			counts["b64=false refused"]++
			return
		}
		if err != nil || string(payload) != v.ExpectedPayloadRaw {
			t.Fatalf("Verify = %q, %v, want %q", payload, err, v.ExpectedPayloadRaw)
		}
	}
	counts["compact verified"]++
	if !k.IsPrivate() {
		return
	}
	s, err := k.SignerFor(alg)
	if err != nil {
		t.Fatalf("SignerFor(%s) = %v", alg, err)
	}
	last := strings.LastIndexByte(token, '.')
	sig, err := s.AppendSignature(nil, []byte(token[:last]))
	if err != nil {
		t.Fatal(err)
	}
	resigned := token[:last+1] + base64url.EncodeToString(sig)
	switch alg {
	case jws.HS256, jws.RS256, jws.EdDSA:
		if resigned != token {
			t.Errorf("re-signed token = %q, want %q", resigned, token)
		}
		counts["re-signed identically"]++
	default:
		ver, _ := k.VerifierFor(alg)
		if _, _, err := jws.Verify(ver, resigned); err != nil {
			t.Errorf("Verify(re-signed) = %v", err)
		}
	}
}

func testJWKJSONVector(t *testing.T, v jwkVector, counts map[string]int) {
	type signature struct {
		Protected string            `json:"protected"`
		Header    map[string]string `json:"header"`
		Signature string            `json:"signature"`
	}
	var tok struct {
		Payload    string      `json:"payload"`
		Signatures []signature `json:"signatures"`
		signature
	}
	if err := json.Unmarshal(v.Token, &tok); err != nil {
		t.Fatal(err)
	}
	if v.RequiresB64 {
		// An unencoded payload has no compact form signet verifies.
		counts["b64=false refused"]++
		return
	}
	sigs := tok.Signatures
	if sigs == nil {
		sigs = []signature{tok.signature}
	}
	jwks := v.JWKS
	if jwks == nil {
		jwks = json.RawMessage(`{"keys":[` + string(v.JWK) + `]}`)
	}
	set, err := jwk.ParseSet(jwks)
	if err != nil {
		t.Fatalf("ParseSet = %v", err)
	}
	counts["JWK parsed"] += len(set.Keys())
	for _, s := range sigs {
		// The kid is in the unprotected header, which a compact token
		// does not have: hand it to the resolver.
		compact := s.Protected + "." + tok.Payload + "." + s.Signature
		_, payload, err := jws.VerifyKeyed(context.Background(), kidResolver(set, s.Header["kid"]), compact)
		if err != nil || string(payload) != v.ExpectedPayloadRaw {
			t.Errorf("VerifyKeyed(signature of kid %q) = %q, %v", s.Header["kid"], payload, err)
			continue
		}
		counts["JSON signature verified"]++
	}
}

// TestParseKeyMalformed checks the error of each kind of bad JWK.
func TestParseKeyMalformed(t *testing.T) {
	for _, tt := range malformedJWKs(t) {
		t.Run(tt.name, func(t *testing.T) {
			k, err := jwk.ParseKey([]byte(tt.jwk))
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseKey(%s) = %v, want %v", tt.jwk, err, tt.want)
			}
			if k != nil {
				t.Errorf("ParseKey returned a key with its error")
			}
			if !strings.HasPrefix(err.Error(), "jwk: ") {
				t.Errorf("error %q lacks the \"jwk: \" prefix", err)
			}
			// In a set, the key is skipped for the same reason.
			set, err := jwk.ParseSet([]byte(`{"keys":[` + fxOKPPublic + `,` + tt.jwk + `]}`))
			if err != nil {
				if !strings.HasPrefix(tt.name, "syntax:") || !errors.Is(err, jws.ErrMalformed) {
					t.Fatalf("ParseSet = %v", err)
				}
				return // the whole document is not strict JSON
			}
			if s := set.Skipped(); len(s) != 1 || !errors.Is(s[0], tt.want) || !strings.Contains(s[0].Error(), "keys[1]") {
				t.Errorf("Skipped() = %v, want one error wrapping %v for keys[1]", s, tt.want)
			}
		})
	}
}

type malformedJWK struct {
	name string
	jwk  string
	want error
}

// malformedJWKs returns JWKs that ParseKey must refuse, with the sentinel
// of each refusal. Names starting with "syntax:" are not strict JSON, which
// makes a whole JWK Set holding them malformed.
func malformedJWKs(t testing.TB) []malformedJWK {
	r := strings.NewReplacer
	short := func(n int) func([]byte) []byte { return func(b []byte) []byte { return b[:n] } }
	lead0 := func(b []byte) []byte { return append([]byte{0}, b...) }
	return []malformedJWK{
		{"syntax: empty", ``, jws.ErrMalformed},
		{"syntax: not an object", `["kty"]`, jws.ErrMalformed},
		{"syntax: trailing data", fxOKPPublic + `x`, jws.ErrMalformed},
		{"syntax: byte-order mark", "\xef\xbb\xbf" + fxOKPPublic, jws.ErrMalformed},
		{"syntax: invalid UTF-8", withMembers(fxOKPPublic, "\"kid\":\"\xff\""), jws.ErrMalformed},
		{"syntax: duplicate kty", withMembers(fxOKPPublic, `"kty":"OKP"`), jws.ErrMalformed},
		{"syntax: duplicate x", withMembers(fxOKPPublic, `"x":"`+fxOKPX+`"`), jws.ErrMalformed},
		{"syntax: duplicate after unescaping", withMembers(fxOKPPublic, `"\u006bty":"OKP"`), jws.ErrMalformed},
		{"syntax: duplicate in an unknown member", withMembers(fxOKPPublic, `"ext":{"a":1,"a":2}`), jws.ErrMalformed},
		{"syntax: nesting too deep", withMembers(fxOKPPublic, `"ext":`+strings.Repeat("[", 40)+strings.Repeat("]", 40)), jws.ErrMalformed},
		{"missing kty", `{"crv":"Ed25519","x":"` + fxOKPX + `"}`, jws.ErrMalformed},
		{"kty not a string", r(`"kty":"OKP"`, `"kty":1`).Replace(fxOKPPublic), jws.ErrMalformed},
		{"kty null", r(`"kty":"OKP"`, `"kty":null`).Replace(fxOKPPublic), jws.ErrMalformed},
		{"unknown kty", r(`"kty":"OKP"`, `"kty":"OKP2"`).Replace(fxOKPPublic), jws.ErrUnsupportedAlgorithm},
		{"kty in the wrong case", r(`"kty":"RSA"`, `"kty":"rsa"`).Replace(fxRSAPublic), jws.ErrUnsupportedAlgorithm},
		{"KTY instead of kty", r(`"kty"`, `"KTY"`).Replace(fxOKPPublic), jws.ErrMalformed},
		{"KTY beside kty", withMembers(fxOKPPublic, `"KTY":"oct"`), jws.ErrMalformed},
		{"Kid", withMembers(fxOKPPublic, `"Kid":"a"`), jws.ErrMalformed},
		{"X beside x", withMembers(fxOKPPublic, `"X":"`+fxOKPX+`"`), jws.ErrMalformed},
		{"kelvin-sign kty", withMembers(fxOKPPublic, "\"\u212aty\":\"oct\""), jws.ErrMalformed},
		{"kid not a string", withMembers(fxOKPPublic, `"kid":7`), jws.ErrMalformed},
		{"alg not a string", withMembers(fxOKPPublic, `"alg":["EdDSA"]`), jws.ErrMalformed},
		{"use not a string", withMembers(fxOKPPublic, `"use":true`), jws.ErrMalformed},
		{"key_ops not an array", withMembers(fxOKPPublic, `"key_ops":"verify"`), jws.ErrMalformed},
		{"key_ops with a number", withMembers(fxOKPPublic, `"key_ops":["verify",1]`), jws.ErrMalformed},
		{"key_ops with null", withMembers(fxOKPPublic, `"key_ops":[null]`), jws.ErrMalformed},
		{"key_ops with a duplicate", withMembers(fxOKPPublic, `"key_ops":["verify","verify"]`), jws.ErrMalformed},

		{"RSA missing n", `{"kty":"RSA","e":"AQAB"}`, jws.ErrMalformed},
		{"RSA missing e", `{"kty":"RSA","n":"` + fxN + `"}`, jws.ErrMalformed},
		{"RSA n a number", `{"kty":"RSA","n":12345,"e":"AQAB"}`, jws.ErrMalformed},
		{"RSA n empty", `{"kty":"RSA","n":"","e":"AQAB"}`, jws.ErrMalformed},
		{"RSA n padded", r(`"e":"AQAB"`, `"e":"AQAB"`, fxN, fxN+"==").Replace(fxRSAPublic), jws.ErrMalformed},
		{"RSA n with '+'", r("0vx7", "0vx+").Replace(fxRSAPublic), jws.ErrMalformed},
		{"RSA n with '/'", r("_BJ", "/BJ").Replace(fxRSAPublic), jws.ErrMalformed},
		{"RSA n with a space", r("0vx7", "0vx 7").Replace(fxRSAPublic), jws.ErrMalformed},
		{"RSA n with an escaped newline", r("0vx7", `0vx\n7`).Replace(fxRSAPublic), jws.ErrMalformed},
		{"RSA e with padding", r(`"AQAB"`, `"AQ=="`).Replace(fxRSAPublic), jws.ErrMalformed},
		{"RSA 1024 bits", r(fxN, b64(t, fxN, short(128))).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA 1024 bits without alg in a private key", r(fxN, b64(t, fxN, short(128))).Replace(fxRSAPrivate), jws.ErrInvalidKey},
		{"RSA leading zero dropping below 2048 bits", r(fxN, b64(t, fxN, func(b []byte) []byte { return lead0(b[:255]) })).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA two leading zeros", r(fxN, b64(t, fxN, func(b []byte) []byte { return lead0(lead0(b)) })).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA modulus over 8192 bits", r(fxN, b64(t, fxN, func(b []byte) []byte { return bytes.Repeat(b, 5) })).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA e=0", r(`"AQAB"`, `"AA"`).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA e=1", r(`"AQAB"`, `"AQ"`).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA e=2", r(`"AQAB"`, `"Ag"`).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA e even", r(`"AQAB"`, `"AQAA"`).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA e=2^31+1", r(`"AQAB"`, `"gAAAAQ"`).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA e of 5 octets", r(`"AQAB"`, `"AQAAAAE"`).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA e with a leading zero", r(`"AQAB"`, `"AAEAAQ"`).Replace(fxRSAPublic), jws.ErrInvalidKey},
		{"RSA d of another key", r(fxD, fxOtherD).Replace(fxRSAPrivate), jws.ErrInvalidKey},
		{"RSA p of another key (p·q ≠ n)", r(fxP, fxOtherP).Replace(fxRSAPrivate), jws.ErrInvalidKey},
		{"RSA p and q swapped", r(`"p":"`+fxP, `"p":"`+fxQ, `"q":"`+fxQ, `"q":"`+fxP).Replace(fxRSAPrivate), jws.ErrInvalidKey},
		{"RSA wrong dp", r(fxDP, fxDQ).Replace(fxRSAPrivate), jws.ErrInvalidKey},
		{"RSA wrong qi", r(fxQI, b64(t, fxQI, func(b []byte) []byte { b[len(b)-1] ^= 1; return b })).Replace(fxRSAPrivate), jws.ErrInvalidKey},
		{"RSA private without primes", `{"kty":"RSA","n":"` + fxN + `","e":"AQAB","d":"` + fxD + `"}`, jws.ErrInvalidKey},
		{"RSA private with some CRT members", `{"kty":"RSA","n":"` + fxN + `","e":"AQAB","d":"` + fxD + `","p":"` + fxP + `","q":"` + fxQ + `"}`, jws.ErrMalformed},
		{"RSA primes without d", `{"kty":"RSA","n":"` + fxN + `","e":"AQAB","p":"` + fxP + `","q":"` + fxQ + `"}`, jws.ErrMalformed},
		{"RSA multi-prime", withMembers(fxRSAPrivate, `"oth":[{"r":"AQ","d":"AQ","t":"AQ"}]`), jws.ErrInvalidKey},
		{"RSA d a number", r(`"d":"`+fxD+`"`, `"d":1`).Replace(fxRSAPrivate), jws.ErrMalformed},
		{"RSA with k", withMembers(fxRSAPublic, `"k":"AAAA"`), jws.ErrMalformed},
		{"RSA with crv", withMembers(fxRSAPublic, `"crv":"P-256"`), jws.ErrMalformed},

		{"EC missing crv", `{"kty":"EC","x":"` + fxX + `","y":"` + fxY + `"}`, jws.ErrMalformed},
		{"EC missing x", `{"kty":"EC","crv":"P-256","y":"` + fxY + `"}`, jws.ErrMalformed},
		{"EC missing y", `{"kty":"EC","crv":"P-256","x":"` + fxX + `"}`, jws.ErrMalformed},
		{"EC crv not a string", r(`"P-256"`, `256`).Replace(fxECPublic), jws.ErrMalformed},
		{"EC unknown crv", r(`"P-256"`, `"P-192"`).Replace(fxECPublic), jws.ErrUnsupportedAlgorithm},
		{"EC secp256k1", r(`"P-256"`, `"secp256k1"`).Replace(fxECPublic), jws.ErrUnsupportedAlgorithm},
		{"EC Ed25519 curve", r(`"P-256"`, `"Ed25519"`).Replace(fxECPublic), jws.ErrUnsupportedAlgorithm},
		{"EC point not on the curve", r(fxY, "5"+fxY[1:]).Replace(fxECPublic), jws.ErrInvalidKey},
		{"EC x of 31 octets", r(fxX, b64(t, fxX, func(b []byte) []byte { return b[1:] })).Replace(fxECPublic), jws.ErrInvalidKey},
		{"EC x of 33 octets", r(fxX, b64(t, fxX, lead0)).Replace(fxECPublic), jws.ErrInvalidKey},
		{"EC P-256 point on P-384", r(`"P-256"`, `"P-384"`).Replace(fxECPublic), jws.ErrInvalidKey},
		{"EC x with trailing bits", r(fxX, fxX[:42]+"5").Replace(fxECPublic), jws.ErrMalformed},
		{"EC d of another key", r(fxED, fxOtherED).Replace(fxECPrivate), jws.ErrInvalidKey},
		{"EC d of 31 octets", r(fxED, b64(t, fxED, func(b []byte) []byte { return b[1:] })).Replace(fxECPrivate), jws.ErrInvalidKey},
		{"EC d zero", r(fxED, strings.Repeat("A", 43)).Replace(fxECPrivate), jws.ErrInvalidKey},
		{"EC with n", withMembers(fxECPublic, `"n":"AQAB"`), jws.ErrMalformed},

		{"OKP missing crv", `{"kty":"OKP","x":"` + fxOKPX + `"}`, jws.ErrMalformed},
		{"OKP missing x", `{"kty":"OKP","crv":"Ed25519"}`, jws.ErrMalformed},
		{"OKP Ed448", `{"kty":"OKP","crv":"Ed448","x":"` + strings.Repeat("A", 76) + `"}`, jws.ErrUnsupportedAlgorithm},
		{"OKP X25519", r(`"Ed25519"`, `"X25519"`).Replace(fxOKPPublic), jws.ErrUnsupportedAlgorithm},
		{"OKP P-256 curve", r(`"Ed25519"`, `"P-256"`).Replace(fxOKPPublic), jws.ErrUnsupportedAlgorithm},
		{"OKP x of 31 octets", r(fxOKPX, b64(t, fxOKPX, short(31))).Replace(fxOKPPublic), jws.ErrInvalidKey},
		{"OKP d of another key", r(fxOKPD, fxOtherED).Replace(fxOKPPrivate), jws.ErrInvalidKey},
		{"OKP d of 64 octets", r(fxOKPD, b64(t, fxOKPD, func(b []byte) []byte { return append(b, b...) })).Replace(fxOKPPrivate), jws.ErrInvalidKey},
		{"OKP with y", withMembers(fxOKPPublic, `"y":"`+fxY+`"`), jws.ErrMalformed},

		{"oct missing k", `{"kty":"oct","alg":"HS256"}`, jws.ErrMalformed},
		{"oct empty k", `{"kty":"oct","k":""}`, jws.ErrMalformed},
		{"oct k a number", `{"kty":"oct","k":0}`, jws.ErrMalformed},
		{"oct k with trailing bits", r(fxK, fxK[:85]+"x").Replace(fxOct), jws.ErrMalformed},
		{"oct too short for HS256", withMembers(`{"kty":"oct","k":"`+strings.Repeat("A", 42)+`"}`, `"alg":"HS256"`), jws.ErrInvalidKey},
		{"oct too short for HS512", withMembers(`{"kty":"oct","k":"`+strings.Repeat("A", 43)+`"}`, `"alg":"HS512"`), jws.ErrInvalidKey},
		{"oct with x", withMembers(fxOct, `"x":"`+fxOKPX+`"`), jws.ErrMalformed},

		{"alg RS256 on an EC key", withMembers(fxECPublic, `"alg":"RS256"`), jws.ErrInvalidKey},
		{"alg ES384 on a P-256 key", withMembers(fxECPublic, `"alg":"ES384"`), jws.ErrInvalidKey},
		{"alg HS256 on an RSA key", withMembers(fxRSAPublic, `"alg":"HS256"`), jws.ErrInvalidKey},
		{"alg EdDSA on an oct key", withMembers(fxOct, `"alg":"EdDSA"`), jws.ErrInvalidKey},
		{"alg RS256 on an Ed25519 key", withMembers(fxOKPPublic, `"alg":"RS256"`), jws.ErrInvalidKey},
	}
}

// TestParseKeyLenient checks the two documented leniencies and that
// unknown members are ignored.
func TestParseKeyLenient(t *testing.T) {
	want := mustParseKey(t, fxRSAPrivate)
	lead0 := func(b []byte) []byte { return append([]byte{0}, b...) }
	for _, tt := range []struct{ name, jwk string }{
		{"n with one leading zero", strings.Replace(fxRSAPrivate, fxN, b64(t, fxN, lead0), 1)},
		{"d, p, q, dp, dq, qi with leading zeros", strings.NewReplacer(
			fxD, b64(t, fxD, lead0), fxP, b64(t, fxP, lead0), fxQ, b64(t, fxQ, lead0),
			fxDP, b64(t, fxDP, lead0), fxDQ, b64(t, fxDQ, lead0), fxQI, b64(t, fxQI, lead0)).Replace(fxRSAPrivate)},
		{"unknown members", withMembers(fxRSAPrivate, `"ext":true,"x5t#S512":"AA","kidx":{"a":[1,{"b":null}]},"":0`)},
		{"whitespace", strings.NewReplacer(`":`, `" : `, `,`, " ,\n\t").Replace(fxRSAPrivate)},
		{"escaped characters", strings.NewReplacer(`"kty"`, `"\u006b\u0074y"`, `"RSA"`, `"\u0052SA"`).Replace(fxRSAPrivate)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k := mustParseKey(t, tt.jwk)
			if diff := cmp.Diff(mustMarshal(t, want), mustMarshal(t, k)); diff != "" {
				t.Errorf("MarshalJSON mismatch (-want +got):\n%s", diff)
			}
			t1, _ := want.Thumbprint(crypto.SHA256)
			t2, _ := k.Thumbprint(crypto.SHA256)
			if !bytes.Equal(t1, t2) {
				t.Errorf("thumbprint differs")
			}
		})
	}
}

// TestKeyVerifierFor checks which algorithms each kind of key serves.
func TestKeyVerifierFor(t *testing.T) {
	all := []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512, jws.RS256, jws.RS384, jws.RS512,
		jws.PS256, jws.PS384, jws.PS512, jws.ES256, jws.ES384, jws.ES512, jws.EdDSA, "none", "", "HS1"}
	oct32 := `{"kty":"oct","k":"` + base64url.EncodeToString(make([]byte, 32)) + `"}`
	oct48 := `{"kty":"oct","k":"` + base64url.EncodeToString(make([]byte, 48)) + `"}`
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p384Key, err := jwk.NewKey(&p384.PublicKey, "", "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		key   *jwk.Key
		serve []jws.Algorithm
		// error for an algorithm of the key type that it does not serve
		wrongSize error
	}{
		{"RSA without alg", mustParseKey(t, fxRSAPublic), []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512}, nil},
		{"RSA private without alg", mustParseKey(t, fxRSAPrivate), []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512}, nil},
		{"RSA with alg PS384", mustParseKey(t, withMembers(fxRSAPublic, `"alg":"PS384"`)), []jws.Algorithm{jws.PS384}, jws.ErrAlgorithmMismatch},
		{"P-256 without alg", mustParseKey(t, fxECPublic), []jws.Algorithm{jws.ES256}, jws.ErrInvalidKey},
		{"P-384 without alg", p384Key, []jws.Algorithm{jws.ES384}, jws.ErrInvalidKey},
		{"P-256 with alg", mustParseKey(t, withMembers(fxECPrivate, `"alg":"ES256"`)), []jws.Algorithm{jws.ES256}, jws.ErrAlgorithmMismatch},
		{"Ed25519 without alg", mustParseKey(t, fxOKPPublic), []jws.Algorithm{jws.EdDSA, jws.Ed25519}, nil},
		{"oct of 32 bytes", mustParseKey(t, oct32), []jws.Algorithm{jws.HS256}, jws.ErrInvalidKey},
		{"oct of 48 bytes", mustParseKey(t, oct48), []jws.Algorithm{jws.HS256, jws.HS384}, jws.ErrInvalidKey},
		{"oct of 64 bytes", mustParseKey(t, fxOct), []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512}, nil},
		{"oct with alg HS384", mustParseKey(t, withMembers(fxOct, `"alg":"HS384"`)), []jws.Algorithm{jws.HS384}, jws.ErrAlgorithmMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, alg := range all {
				v, err := tt.key.VerifierFor(alg)
				switch {
				case slices.Contains(tt.serve, alg):
					if err != nil || v.Algorithm() != alg {
						t.Errorf("VerifierFor(%q) = %v, %v, want a %s Verifier", alg, v, err, alg)
					}
				case err == nil || v != nil:
					t.Errorf("VerifierFor(%q) = %v, %v, want an error", alg, v, err)
				case keyTypeOf(alg) == keyTypeOf(tt.serve[0]):
					if !errors.Is(err, tt.wrongSize) {
						t.Errorf("VerifierFor(%q) = %v, want %v", alg, err, tt.wrongSize)
					}
				case tt.key.Algorithm() != "":
					if !errors.Is(err, jws.ErrAlgorithmMismatch) {
						t.Errorf("VerifierFor(%q) = %v, want ErrAlgorithmMismatch", alg, err)
					}
				default:
					if !errors.Is(err, jws.ErrUnsupportedAlgorithm) {
						t.Errorf("VerifierFor(%q) = %v, want ErrUnsupportedAlgorithm", alg, err)
					}
				}
			}
			v, err := tt.key.Verifier()
			if tt.key.Algorithm() == "" {
				if !errors.Is(err, jws.ErrUnsupportedAlgorithm) || v != nil {
					t.Errorf("Verifier() = %v, %v, want ErrUnsupportedAlgorithm: no alg", v, err)
				}
			} else if err != nil || v.Algorithm() != tt.key.Algorithm() {
				t.Errorf("Verifier() = %v, %v", v, err)
			}
		})
	}
}

// keyTypeOf returns the JWK key type of alg, or "".
func keyTypeOf(alg jws.Algorithm) string {
	switch alg {
	case jws.HS256, jws.HS384, jws.HS512:
		return "oct"
	case jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512:
		return "RSA"
	case jws.ES256, jws.ES384, jws.ES512:
		return "EC"
	case jws.EdDSA:
		return "OKP"
	}
	return ""
}

// TestKeyUseAndKeyOps checks that "use" and "key_ops" gate Verifier and
// Signer (RFC 7517 §4.2, §4.3).
func TestKeyUseAndKeyOps(t *testing.T) {
	tests := []struct {
		name             string
		members          string
		verify, sign     bool
		publicOps        []string
		publicCanVerify  bool
		publicMembersOut string
	}{
		{"no use, no key_ops", `"kid":"a"`, true, true, nil, true, ``},
		{"use sig", `"use":"sig"`, true, true, nil, true, `"use":"sig"`},
		{"use enc", `"use":"enc"`, false, false, nil, false, `"use":"enc"`},
		{"use other", `"use":"tls"`, false, false, nil, false, `"use":"tls"`},
		{"key_ops sign, verify", `"key_ops":["sign","verify"]`, true, true, []string{"verify"}, true, `"key_ops":["verify"]`},
		{"key_ops sign", `"key_ops":["sign"]`, false, true, []string{"verify"}, true, `"key_ops":["verify"]`},
		{"key_ops verify", `"key_ops":["verify"]`, true, false, []string{"verify"}, true, `"key_ops":["verify"]`},
		{"key_ops encrypt, decrypt", `"key_ops":["decrypt","encrypt","unwrapKey","deriveKey"]`, false, false, []string{"encrypt", "wrapKey"}, false, `"key_ops":["encrypt","wrapKey"]`},
		{"key_ops empty", `"key_ops":[]`, false, false, []string{}, false, `"key_ops":[]`},
		{"use sig and key_ops without verify", `"use":"sig","key_ops":["sign"]`, false, true, []string{"verify"}, true, `"use":"sig","key_ops":["verify"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := mustParseKey(t, withMembers(fxOKPPrivate, tt.members))
			v, err := k.VerifierFor(jws.EdDSA)
			if tt.verify != (err == nil) || (err != nil && (!errors.Is(err, jws.ErrInvalidKey) || v != nil)) {
				t.Errorf("VerifierFor(EdDSA) = %v, %v, want ok = %v (else ErrInvalidKey)", v, err, tt.verify)
			}
			s, err := k.SignerFor(jws.EdDSA)
			if tt.sign != (err == nil) || (err != nil && (!errors.Is(err, jws.ErrInvalidKey) || s != nil)) {
				t.Errorf("SignerFor(EdDSA) = %v, %v, want ok = %v (else ErrInvalidKey)", s, err, tt.sign)
			}
			pub, err := k.Public()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.publicOps, pub.KeyOps()); diff != "" {
				t.Errorf("Public().KeyOps() mismatch (-want +got):\n%s", diff)
			}
			if _, err := pub.VerifierFor(jws.EdDSA); tt.publicCanVerify != (err == nil) {
				t.Errorf("Public().VerifierFor(EdDSA) = %v, want ok = %v", err, tt.publicCanVerify)
			}
			want := `{"kty":"OKP",` + tt.publicMembersOut + `,"crv":"Ed25519","x":"` + fxOKPX + `"}`
			if tt.publicMembersOut == "" {
				want = fxOKPPublic
			}
			if strings.Contains(tt.members, "kid") {
				want = `{"kty":"OKP","kid":"a","crv":"Ed25519","x":"` + fxOKPX + `"}`
			}
			if got := mustMarshal(t, pub); got != want {
				t.Errorf("Public().MarshalJSON() = %s, want %s", got, want)
			}
		})
	}
}

// TestKeySigner signs with every kind of private key and verifies with the
// key's public half.
func TestKeySigner(t *testing.T) {
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k384, err := jwk.NewKey(p384, jws.ES384, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key  *jwk.Key
		algs []jws.Algorithm
	}{
		{mustParseKey(t, fxRSAPrivate), []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512}},
		{mustParseKey(t, fxECPrivate), []jws.Algorithm{jws.ES256}},
		{k384, []jws.Algorithm{jws.ES384}},
		{mustParseKey(t, `{"kty":"EC","crv":"P-521","x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk","y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2","d":"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"}`), []jws.Algorithm{jws.ES512}},
		{mustParseKey(t, fxOKPPrivate), []jws.Algorithm{jws.EdDSA}},
		{mustParseKey(t, fxOct), []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512}},
	}
	for _, tt := range tests {
		for _, alg := range tt.algs {
			t.Run(string(alg), func(t *testing.T) {
				s, err := tt.key.SignerFor(alg)
				if err != nil {
					t.Fatalf("SignerFor(%s) = %v", alg, err)
				}
				tok, err := jws.Sign(s, jws.Header{KeyID: tt.key.KeyID()}, []byte("payload"))
				if err != nil {
					t.Fatal(err)
				}
				verifier := tt.key
				if tt.key.KeyType() != "oct" {
					if verifier, err = tt.key.Public(); err != nil {
						t.Fatal(err)
					}
				}
				v, err := verifier.VerifierFor(alg)
				if err != nil {
					t.Fatal(err)
				}
				if _, p, err := jws.Verify(v, tok); err != nil || string(p) != "payload" {
					t.Errorf("Verify = %q, %v", p, err)
				}
			})
		}
	}
	t.Run("public keys cannot sign", func(t *testing.T) {
		for _, doc := range []string{fxRSAPublic, fxECPublic, fxOKPPublic} {
			k := mustParseKey(t, doc)
			for _, alg := range []jws.Algorithm{jws.RS256, jws.ES256, jws.EdDSA} {
				if s, err := k.SignerFor(alg); !errors.Is(err, jws.ErrInvalidKey) || s != nil {
					t.Errorf("%s: SignerFor(%s) = %v, %v, want ErrInvalidKey", k.KeyType(), alg, s, err)
				}
			}
		}
	})
	t.Run("Signer takes alg from the JWK", func(t *testing.T) {
		k := mustParseKey(t, withMembers(fxOKPPrivate, `"alg":"EdDSA"`))
		if s, err := k.Signer(); err != nil || s.Algorithm() != jws.EdDSA {
			t.Errorf("Signer() = %v, %v", s, err)
		}
		if _, err := mustParseKey(t, fxOKPPrivate).Signer(); !errors.Is(err, jws.ErrUnsupportedAlgorithm) {
			t.Errorf("Signer() without alg = %v, want ErrUnsupportedAlgorithm", err)
		}
		rk := mustParseKey(t, withMembers(fxRSAPrivate, `"alg":"RS256"`))
		if _, err := rk.SignerFor(jws.PS256); !errors.Is(err, jws.ErrAlgorithmMismatch) {
			t.Errorf("SignerFor(PS256) with alg RS256 = %v, want ErrAlgorithmMismatch", err)
		}
		if _, err := rk.SignerFor(jws.HS256); !errors.Is(err, jws.ErrAlgorithmMismatch) {
			t.Errorf("SignerFor(HS256) with alg RS256 = %v, want ErrAlgorithmMismatch", err)
		}
		if _, err := mustParseKey(t, fxRSAPrivate).SignerFor(jws.HS256); !errors.Is(err, jws.ErrUnsupportedAlgorithm) {
			t.Errorf("SignerFor(HS256) of an RSA key = %v, want ErrUnsupportedAlgorithm", err)
		}
	})
}

// TestNewKey builds keys from Go keys and checks that they are the keys the
// equivalent JWKs give.
func TestNewKey(t *testing.T) {
	rsaPriv := mustParseKey(t, fxRSAPrivate).CryptoKey().(*rsa.PrivateKey)
	ecPriv := mustParseKey(t, fxECPrivate).CryptoKey().(*ecdsa.PrivateKey)
	edPriv := mustParseKey(t, fxOKPPrivate).CryptoKey().(ed25519.PrivateKey)
	octKey, _ := base64url.DecodeString(fxK)
	tests := []struct {
		name string
		key  any
		alg  jws.Algorithm
		jwk  string // the JWK of the same key
	}{
		{"RSA public", &rsaPriv.PublicKey, jws.RS256, fxRSAPublic},
		{"RSA private", rsaPriv, "", fxRSAPrivate},
		{"EC public", &ecPriv.PublicKey, jws.ES256, fxECPublic},
		{"EC private", ecPriv, "", fxECPrivate},
		{"Ed25519 public", edPriv.Public(), jws.EdDSA, fxOKPPublic},
		{"Ed25519 private", edPriv, jws.EdDSA, fxOKPPrivate},
		{"oct", octKey, jws.HS512, fxOct},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := jwk.NewKey(tt.key, tt.alg, "")
			if err != nil {
				t.Fatalf("NewKey = %v", err)
			}
			want := mustParseKey(t, tt.jwk)
			tp, _ := want.Thumbprint(crypto.SHA256)
			if got := k.KeyID(); got != base64url.EncodeToString(tp) {
				t.Errorf("KeyID() = %q, want the thumbprint %q", got, base64url.EncodeToString(tp))
			}
			if k.Algorithm() != tt.alg {
				t.Errorf("Algorithm() = %q, want %q", k.Algorithm(), tt.alg)
			}
			// Same key material, in the same canonical JSON.
			wantJSON := strings.Replace(tt.jwk, `{"kty":"`+want.KeyType()+`"`, `{"kty":"`+want.KeyType()+`","kid":"`+k.KeyID()+`"`, 1)
			if tt.alg != "" {
				wantJSON = mustMarshal(t, mustParseKey(t, strings.Replace(wantJSON, `"kid":"`+k.KeyID()+`"`, `"kid":"`+k.KeyID()+`","alg":"`+string(tt.alg)+`"`, 1)))
			}
			if got := mustMarshal(t, k); got != wantJSON {
				t.Errorf("MarshalJSON() = %s\nwant %s", got, wantJSON)
			}
			if !equalGoKeys(k.CryptoKey(), tt.key) {
				t.Errorf("Key() = %v, want %v", k.CryptoKey(), tt.key)
			}
			k2, err := jwk.NewKey(tt.key, tt.alg, "my key")
			if err != nil || k2.KeyID() != "my key" {
				t.Errorf("NewKey(kid \"my key\") = %v, %v", k2, err)
			}
		})
	}
	t.Run("copies its input", func(t *testing.T) {
		b := bytes.Clone(octKey)
		k, err := jwk.NewKey(b, "", "k")
		if err != nil {
			t.Fatal(err)
		}
		b[0] ^= 1
		if got := k.CryptoKey().([]byte); !bytes.Equal(got, octKey) {
			t.Error("the Key changed with the caller's slice")
		}
		got := k.CryptoKey().([]byte)
		got[0] ^= 1
		if !bytes.Equal(k.CryptoKey().([]byte), octKey) {
			t.Error("the Key changed with the slice Key() returned")
		}
		c := *rsaPriv
		c.Precomputed = rsa.PrecomputedValues{}
		if _, err := jwk.NewKey(&c, "", ""); err != nil {
			t.Fatal(err)
		}
		if c.Precomputed.Dp != nil {
			t.Error("NewKey modified the caller's RSA key")
		}
	})

	p224, err := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	small := &rsa.PublicKey{N: new(big.Int).Rsh(rsaPriv.N, 1100), E: 65537}
	//lint:ignore SA1019 an invalid key can only be built through the deprecated fields
	offCurve := &ecdsa.PublicKey{Curve: elliptic.P256(), X: big.NewInt(1), Y: big.NewInt(1)}
	//lint:ignore SA1019 an invalid key can only be built through the deprecated fields
	badD := &ecdsa.PrivateKey{PublicKey: ecPriv.PublicKey, D: big.NewInt(12345)}
	wrongRSA := *rsaPriv
	wrongRSA.D = new(big.Int).Add(rsaPriv.D, big.NewInt(2))
	wrongRSA.Precomputed = rsa.PrecomputedValues{}
	multi := *rsaPriv
	multi.Primes = append(append([]*big.Int(nil), rsaPriv.Primes...), big.NewInt(3))
	errTests := []struct {
		name string
		key  any
		alg  jws.Algorithm
		kid  string
		want error
	}{
		{"nil", nil, "", "", jws.ErrInvalidKey},
		{"a string", "secret", "", "", jws.ErrInvalidKey},
		{"nil RSA key", (*rsa.PublicKey)(nil), "", "", jws.ErrInvalidKey},
		{"RSA by value", *rsaPriv, "", "", jws.ErrInvalidKey},
		{"RSA under 2048 bits", small, "", "", jws.ErrInvalidKey},
		{"RSA with HS256", &rsaPriv.PublicKey, jws.HS256, "", jws.ErrInvalidKey},
		{"RSA with e=0", &rsa.PublicKey{N: rsaPriv.N}, "", "", jws.ErrInvalidKey},
		{"RSA wrong d", &wrongRSA, "", "", jws.ErrInvalidKey},
		{"RSA multi-prime", &multi, "", "", jws.ErrInvalidKey},
		{"none", &rsaPriv.PublicKey, "none", "", jws.ErrUnsupportedAlgorithm},
		{"unknown alg", &rsaPriv.PublicKey, "RSA-OAEP", "", jws.ErrUnsupportedAlgorithm},
		{"P-224", &p224.PublicKey, "", "", jws.ErrUnsupportedAlgorithm},
		{"P-256 with ES384", ecPriv, jws.ES384, "", jws.ErrInvalidKey},
		{"point off the curve", offCurve, "", "", jws.ErrInvalidKey},
		{"EC d not matching", badD, "", "", jws.ErrInvalidKey},
		{"nil ECDSA key", (*ecdsa.PrivateKey)(nil), "", "", jws.ErrInvalidKey},
		{"Ed25519 short", ed25519.PublicKey(edPriv[:31]), "", "", jws.ErrInvalidKey},
		{"Ed25519 private short", edPriv[:63], "", "", jws.ErrInvalidKey},
		{"Ed25519 private inconsistent", ed25519.PrivateKey(append(bytes.Clone(edPriv[:32]), make([]byte, 32)...)), "", "", jws.ErrInvalidKey},
		{"Ed25519 with ES256", edPriv, jws.ES256, "", jws.ErrInvalidKey},
		{"oct empty", []byte{}, "", "", jws.ErrInvalidKey},
		{"oct too short for HS256", make([]byte, 31), jws.HS256, "", jws.ErrInvalidKey},
		{"kid not UTF-8", octKey, "", "\xff", jws.ErrInvalidKey},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := jwk.NewKey(tt.key, tt.alg, tt.kid)
			if !errors.Is(err, tt.want) || k != nil {
				t.Errorf("NewKey = %v, %v, want %v", k, err, tt.want)
			}
		})
	}
}

// TestKeyMarshalJSON pins the member order and checks that parsing the
// output gives the same key.
func TestKeyMarshalJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{
			`{"x5t#S256":"` + strings.Repeat("A", 43) + `","x5t":"` + strings.Repeat("A", 27) + `","x5c":["AAAA"],"x5u":"https://example.com/c","alg":"EdDSA","key_ops":["verify"],"use":"sig","kid":"k1","x":"` + fxOKPX + `","crv":"Ed25519","kty":"OKP","ignored":1}`,
			`{"kty":"OKP","kid":"k1","use":"sig","key_ops":["verify"],"alg":"EdDSA","crv":"Ed25519","x":"` + fxOKPX + `","x5u":"https://example.com/c","x5c":["AAAA"],"x5t":"` + strings.Repeat("A", 27) + `","x5t#S256":"` + strings.Repeat("A", 43) + `"}`,
		},
		{fxRSAPrivate, fxRSAPrivate},
		{fxRSAPublic, fxRSAPublic},
		{`{"d":"` + fxED + `","y":"` + fxY + `","x":"` + fxX + `","crv":"P-256","kty":"EC"}`, fxECPrivate},
		{fxOKPPrivate, fxOKPPrivate},
		{withMembers(fxOct, `"alg":"HS256"`), `{"kty":"oct","alg":"HS256","k":"` + fxK + `"}`},
		{`{"kty":"oct","kid":"\u00e9\"\\\u0001</>","k":"` + fxK + `"}`, `{"kty":"oct","kid":"é\"\\\u0001</>","k":"` + fxK + `"}`},
		{withMembers(fxRSAPublic, `"alg":"RSA-OAEP","use":"enc"`), `{"kty":"RSA","use":"enc","alg":"RSA-OAEP","n":"` + fxN + `","e":"AQAB"}`},
	}
	for _, tt := range tests {
		k := mustParseKey(t, tt.in)
		got := mustMarshal(t, k)
		if got != tt.want {
			t.Errorf("MarshalJSON(ParseKey(%s))\n got %s\nwant %s", tt.in, got, tt.want)
		}
		if again := mustMarshal(t, mustParseKey(t, got)); again != got {
			t.Errorf("MarshalJSON is not stable:\n%s\n%s", got, again)
		}
		// encoding/json uses MarshalJSON (and escapes HTML characters),
		// which writes public keys only.
		b, err := json.Marshal(k)
		if k.IsPrivate() {
			if err == nil || !errors.Is(err, jws.ErrInvalidKey) || b != nil {
				t.Errorf("json.Marshal(private key) = %s, %v, want ErrInvalidKey", b, err)
			}
		} else if err != nil || mustMarshal(t, mustParseKey(t, string(b))) != got {
			t.Errorf("json.Marshal = %s, %v, want %s", b, err, got)
		}
	}
	var zero jwk.Key
	if b, err := zero.MarshalJSON(); err == nil || b != nil {
		t.Errorf("zero Key MarshalJSON = %s, %v, want an error", b, err)
	}
}

// TestKeyAccessors checks the accessors and that they hand out copies.
func TestKeyAccessors(t *testing.T) {
	k := mustParseKey(t, withMembers(fxECPrivate, `"kid":"k","use":"sig","alg":"ES256","key_ops":["sign","verify"],"x5c":["AAAA","AQID"],"x5t":"`+strings.Repeat("A", 27)+`","x5u":"https://example.com"`))
	if k.KeyID() != "k" || k.Use() != "sig" || k.Algorithm() != jws.ES256 || k.KeyType() != "EC" || !k.IsPrivate() {
		t.Errorf("accessors = %q %q %q %q %v", k.KeyID(), k.Use(), k.Algorithm(), k.KeyType(), k.IsPrivate())
	}
	ops := k.KeyOps()
	ops[0] = "encrypt"
	if k.KeyOps()[0] != "sign" {
		t.Error("KeyOps() aliases the Key")
	}
	x := k.X509()
	want := jwk.X509{URL: "https://example.com", Chain: [][]byte{{0, 0, 0}, {1, 2, 3}}, SHA1Thumbprint: make([]byte, 20)}
	if diff := cmp.Diff(want, x); diff != "" {
		t.Errorf("X509() mismatch (-want +got):\n%s", diff)
	}
	x.Chain[0][0] = 9
	x.SHA1Thumbprint[0] = 9
	if diff := cmp.Diff(want, k.X509()); diff != "" {
		t.Errorf("X509() aliases the Key (-want +got):\n%s", diff)
	}
	if _, ok := k.CryptoKey().(*ecdsa.PrivateKey); !ok {
		t.Errorf("Key() = %T, want *ecdsa.PrivateKey", k.CryptoKey())
	}
	pub, err := k.Public()
	if err != nil || pub.IsPrivate() {
		t.Fatalf("Public() = %v, %v", pub, err)
	}
	if _, ok := pub.CryptoKey().(*ecdsa.PublicKey); !ok {
		t.Errorf("Public().CryptoKey() = %T, want *ecdsa.PublicKey", pub.CryptoKey())
	}
	if p2, err := pub.Public(); err != nil || p2 != pub {
		t.Errorf("Public() of a public key = %v, %v, want itself", p2, err)
	}
	if _, err := mustParseKey(t, fxOct).Public(); !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf("oct Public() = %v, want ErrInvalidKey", err)
	}
	if !mustParseKey(t, fxOct).IsPrivate() {
		t.Error("an oct key is secret: IsPrivate() = false")
	}

	var zero jwk.Key
	if zero.KeyType() != "" || zero.CryptoKey() != nil || zero.IsPrivate() {
		t.Error("the zero Key is not empty")
	}
	for name, f := range map[string]func() (any, error){
		"Verifier":    func() (any, error) { return zero.Verifier() },
		"VerifierFor": func() (any, error) { return zero.VerifierFor(jws.HS256) },
		"Signer":      func() (any, error) { return zero.Signer() },
		"SignerFor":   func() (any, error) { return zero.SignerFor(jws.HS256) },
		"Thumbprint":  func() (any, error) { return zero.Thumbprint(crypto.SHA256) },
		"Public":      func() (any, error) { return zero.Public() },
		"nil Verifier": func() (any, error) {
			var k *jwk.Key
			return k.VerifierFor(jws.HS256)
		},
	} {
		if _, err := f(); !errors.Is(err, jws.ErrInvalidKey) {
			t.Errorf("zero Key %s = %v, want ErrInvalidKey", name, err)
		}
	}
}

// TestKeyUnmarshalJSON checks that a Key can be a field of a configuration
// struct decoded by encoding/json, strictly.
func TestKeyUnmarshalJSON(t *testing.T) {
	var cfg struct {
		Key    jwk.Key  `json:"key"`
		Ptr    *jwk.Key `json:"ptr"`
		Absent *jwk.Key `json:"absent"`
	}
	in := `{"key":` + fxOKPPublic + `,"ptr":` + fxOct + `,"absent":null}`
	if err := json.Unmarshal([]byte(in), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Key.KeyType() != "OKP" || cfg.Ptr.KeyType() != "oct" || cfg.Absent != nil {
		t.Errorf("decoded %q, %v, %v", cfg.Key.KeyType(), cfg.Ptr, cfg.Absent)
	}
	before := mustMarshal(t, &cfg.Key)
	for _, bad := range []string{
		`{"key":{"kty":"OKP","kty":"OKP","crv":"Ed25519","x":"` + fxOKPX + `"}}`,
		`{"key":{"kty":"OKP","crv":"Ed25519","x":"` + fxOKPX + `=="}}`,
		`{"key":{"KTY":"OKP","crv":"Ed25519","x":"` + fxOKPX + `"}}`,
	} {
		if err := json.Unmarshal([]byte(bad), &cfg); !errors.Is(err, jws.ErrMalformed) {
			t.Errorf("Unmarshal(%s) = %v, want ErrMalformed", bad, err)
		}
		if got := mustMarshal(t, &cfg.Key); got != before {
			t.Errorf("a failed Unmarshal changed the Key to %s", got)
		}
	}
	if err := cfg.Key.UnmarshalJSON([]byte("null")); err != nil || mustMarshal(t, &cfg.Key) != before {
		t.Errorf("UnmarshalJSON(null) = %v, or changed the key", err)
	}
}

// equalGoKeys reports whether a and b are equal Go keys.
func equalGoKeys(a, b any) bool {
	switch a := a.(type) {
	case interface{ Equal(crypto.PrivateKey) bool }:
		return a.Equal(b)
	case interface{ Equal(crypto.PublicKey) bool }:
		return a.Equal(b)
	case []byte:
		b, ok := b.([]byte)
		return ok && bytes.Equal(a, b)
	}
	return false
}

// TestNewKeyCurveParams checks that NewKey takes an ECDSA key whose Curve
// is the curve's Params(), as NewECDSAVerifier and crypto/ecdsa do.
func TestNewKeyCurveParams(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub := priv.PublicKey // a copy: priv keeps its curve
	pub.Curve = elliptic.P256().Params()
	key, err := jwk.NewKey(&pub, jws.ES256, "")
	if err != nil {
		t.Fatalf("NewKey(P-256 Params key) = %v", err)
	}
	v, err := key.Verifier()
	if err != nil {
		t.Fatal(err)
	}
	s, err := jws.NewECDSASigner(jws.ES256, priv)
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := jws.Sign(s, jws.Header{}, []byte("x"))
	if _, _, err := jws.Verify(v, tok); err != nil {
		t.Errorf("Verify with the NewKey verifier = %v", err)
	}
}
