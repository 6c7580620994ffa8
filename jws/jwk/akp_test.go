//go:build go1.27

package jwk_test

import (
	"crypto"
	"crypto/mldsa"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
	"github.com/signet-go/signet/jwt"
)

// akpFixture is an ML-DSA key of one parameter set with its JWKs, written
// by hand from crypto/mldsa's encodings (not by the package under test).
type akpFixture struct {
	alg     jws.Algorithm
	params  mldsa.Parameters
	priv    *mldsa.PrivateKey
	pub     string // base64url of the public key encoding
	seed    string // base64url of the 32-octet seed
	public  string // {"kty":"AKP","alg":…,"pub":…}
	private string // the same with "priv"
}

// akpFixtures returns one key per parameter set, and a second ML-DSA-44
// key for mismatches. The seeds are the first 32-byte reads of SHAKE128
// with no input, the seed stream of testdata/fips204's accumulated vectors
// (Go's crypto/mldsa tests), so the keys are the same on every run.
func akpFixtures(t testing.TB) (fx []akpFixture, other akpFixture) {
	t.Helper()
	seeds := sha3.NewSHAKE128()
	next := func(alg jws.Algorithm, params mldsa.Parameters) akpFixture {
		seed := make([]byte, mldsa.PrivateKeySize)
		seeds.Read(seed)
		priv, err := mldsa.NewPrivateKey(params, seed)
		if err != nil {
			t.Fatal(err)
		}
		enc := base64.RawURLEncoding
		f := akpFixture{alg: alg, params: params, priv: priv,
			pub: enc.EncodeToString(priv.PublicKey().Bytes()), seed: enc.EncodeToString(seed)}
		f.public = `{"kty":"AKP","alg":"` + string(alg) + `","pub":"` + f.pub + `"}`
		f.private = `{"kty":"AKP","alg":"` + string(alg) + `","pub":"` + f.pub + `","priv":"` + f.seed + `"}`
		return f
	}
	fx = []akpFixture{
		next(jws.MLDSA44, mldsa.MLDSA44()),
		next(jws.MLDSA65, mldsa.MLDSA65()),
		next(jws.MLDSA87, mldsa.MLDSA87()),
	}
	return fx, next(jws.MLDSA44, mldsa.MLDSA44())
}

// akpSeedJWKs returns AKP JWKs for the fuzz corpus: the fixtures' public
// and private keys.
func akpSeedJWKs(t testing.TB) []string {
	fx, _ := akpFixtures(t)
	var out []string
	for _, f := range fx {
		out = append(out, f.public, f.private, withMembers(f.private, `"kid":"k","use":"sig","key_ops":["sign","verify"]`))
	}
	return out
}

// TestAKPRoundTrip signs with each parameter set's private AKP JWK through
// jwt.Sign and verifies with its public JWK in a JWK Set through
// jwt.VerifyKeyed; the signature has the parameter set's size, and the
// Signer and Verifier are bound to the JWK's "alg".
func TestAKPRoundTrip(t *testing.T) {
	fx, _ := akpFixtures(t)
	type tokenClaims struct {
		claims.Registered
		Scope string `json:"scope"`
	}
	exp := claims.NewNumericDate(time.Now().Add(time.Hour))
	for _, f := range fx {
		t.Run(string(f.alg), func(t *testing.T) {
			priv := mustParseKey(t, withMembers(f.private, `"kid":"pq"`))
			if priv.KeyType() != "AKP" || priv.Algorithm() != f.alg || !priv.IsPrivate() || priv.KeyID() != "pq" {
				t.Fatalf("ParseKey = kty %q, alg %q, private %v, kid %q", priv.KeyType(), priv.Algorithm(), priv.IsPrivate(), priv.KeyID())
			}
			s, err := priv.Signer()
			if err != nil || s.Algorithm() != f.alg {
				t.Fatalf("Signer() = %v, %v; want an %s Signer", s, err, f.alg)
			}
			tok, err := jwt.Sign(s, jws.Header{KeyID: "pq"}, tokenClaims{
				Registered: claims.Registered{Subject: "alice", ExpiresAt: exp},
				Scope:      "read",
			})
			if err != nil {
				t.Fatal(err)
			}
			sig, err := base64.RawURLEncoding.DecodeString(tok[strings.LastIndexByte(tok, '.')+1:])
			if err != nil || len(sig) != f.params.SignatureSize() {
				t.Errorf("signature of %d bytes (%v), want %d", len(sig), err, f.params.SignatureSize())
			}
			set := mustParseSet(t, jwkSet(withMembers(f.public, `"kid":"pq"`)))
			c, err := jwt.VerifyKeyed[tokenClaims](t.Context(), set, tok, nil)
			if err != nil {
				t.Fatalf("VerifyKeyed = %v", err)
			}
			if c.Subject != "alice" || c.Scope != "read" {
				t.Errorf("claims = %+v", c)
			}
			// The token verifies with crypto/mldsa directly too.
			in := tok[:strings.LastIndexByte(tok, '.')]
			if err := mldsa.Verify(f.priv.PublicKey(), []byte(in), sig, nil); err != nil {
				t.Errorf("mldsa.Verify(the token) = %v", err)
			}
			// The private JWK's Verifier verifies it as well.
			v, err := priv.Verifier()
			if err != nil || v.Algorithm() != f.alg {
				t.Fatalf("Verifier() = %v, %v", v, err)
			}
			if _, err := jwt.Verify[tokenClaims](v, tok, nil); err != nil {
				t.Errorf("Verify with the private JWK's Verifier = %v", err)
			}
		})
	}
}

// TestAKPTampered checks that a changed ML-DSA token is refused: a flipped
// bit anywhere in the signature, a signature one byte short or long, a
// changed payload, and a header whose "alg" names another parameter set.
func TestAKPTampered(t *testing.T) {
	fx, _ := akpFixtures(t)
	for _, f := range fx {
		t.Run(string(f.alg), func(t *testing.T) {
			s, err := mustParseKey(t, f.private).Signer()
			if err != nil {
				t.Fatal(err)
			}
			v, err := mustParseKey(t, f.public).Verifier()
			if err != nil {
				t.Fatal(err)
			}
			header := `{"alg":"` + string(f.alg) + `"}`
			tok := rawToken(t, s, header, "payload")
			if _, _, err := jws.Verify(v, tok); err != nil {
				t.Fatalf("Verify(untouched token) = %v", err)
			}
			dot := strings.LastIndexByte(tok, '.')
			sig, err := base64.RawURLEncoding.DecodeString(tok[dot+1:])
			if err != nil {
				t.Fatal(err)
			}
			withSig := func(b []byte) string { return tok[:dot+1] + base64.RawURLEncoding.EncodeToString(b) }
			tests := []struct {
				name  string
				token string
				want  error
			}{
				{"signature one byte short", withSig(sig[:len(sig)-1]), jws.ErrInvalidSignature},
				{"signature one byte long", withSig(append(append([]byte(nil), sig...), 0)), jws.ErrInvalidSignature},
				{"payload changed", tok[:strings.IndexByte(tok, '.')+1] + base64.RawURLEncoding.EncodeToString([]byte("payloaD")) + tok[dot:], jws.ErrInvalidSignature},
				{"alg of another parameter set", base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"ML-DSA-65"}`)) + tok[strings.IndexByte(tok, '.'):], jws.ErrAlgorithmMismatch},
			}
			for _, i := range []int{0, 1, len(sig) / 2, len(sig) - 1} {
				b := append([]byte(nil), sig...)
				b[i] ^= 0x10
				tests = append(tests, struct {
					name  string
					token string
					want  error
				}{"bit flipped in signature byte " + strconv.Itoa(i), withSig(b), jws.ErrInvalidSignature})
			}
			if f.alg == jws.MLDSA65 {
				tests[3].token = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"ML-DSA-87"}`)) + tok[strings.IndexByte(tok, '.'):]
			}
			for _, tt := range tests {
				h, p, err := jws.Verify(v, tt.token)
				if !errors.Is(err, tt.want) || p != nil || h.Algorithm != "" {
					t.Errorf("%s: Verify = %v, %q, %v; want %v and nothing else", tt.name, h, p, err, tt.want)
				}
			}
		})
	}
}

// TestAKPMalformed checks that ParseKey refuses each malformed AKP JWK with
// its sentinel, returns no key, and that a set skips it for that reason.
func TestAKPMalformed(t *testing.T) {
	fx, other := akpFixtures(t)
	k44 := fx[0]
	r := strings.NewReplacer
	b64 := base64.RawURLEncoding.EncodeToString
	pub44 := k44.priv.PublicKey().Bytes()
	seed := k44.priv.Bytes()
	tests := []malformedJWK{
		{"missing alg", `{"kty":"AKP","pub":"` + k44.pub + `"}`, jws.ErrMalformed},
		{"private key missing alg", `{"kty":"AKP","pub":"` + k44.pub + `","priv":"` + k44.seed + `"}`, jws.ErrMalformed},
		{"alg not a string", r(`"alg":"ML-DSA-44"`, `"alg":44`).Replace(k44.public), jws.ErrMalformed},
		{"alg empty", r(`"alg":"ML-DSA-44"`, `"alg":""`).Replace(k44.public), jws.ErrMalformed},
		{"alg EdDSA", r(`"ML-DSA-44"`, `"EdDSA"`).Replace(k44.public), jws.ErrInvalidKey},
		{"alg RS256", r(`"ML-DSA-44"`, `"RS256"`).Replace(k44.public), jws.ErrInvalidKey},
		{"alg in the wrong case", r(`"ML-DSA-44"`, `"ml-dsa-44"`).Replace(k44.public), jws.ErrUnsupportedAlgorithm},
		{"alg of another AKP algorithm", r(`"ML-DSA-44"`, `"SLH-DSA-SHA2-128s"`).Replace(k44.public), jws.ErrUnsupportedAlgorithm},
		{"alg ML-DSA-65 on an ML-DSA-44 pub", r(`"ML-DSA-44"`, `"ML-DSA-65"`).Replace(k44.public), jws.ErrInvalidKey},
		{"alg ML-DSA-87 on an ML-DSA-44 private key", r(`"ML-DSA-44"`, `"ML-DSA-87"`).Replace(k44.private), jws.ErrInvalidKey},
		{"alg ML-DSA-44 on an ML-DSA-65 pub", r(`"ML-DSA-65"`, `"ML-DSA-44"`).Replace(fx[1].public), jws.ErrInvalidKey},
		{"missing pub", `{"kty":"AKP","alg":"ML-DSA-44"}`, jws.ErrMalformed},
		{"priv without pub", `{"kty":"AKP","alg":"ML-DSA-44","priv":"` + k44.seed + `"}`, jws.ErrMalformed},
		{"pub empty", r(k44.pub, "").Replace(k44.public), jws.ErrMalformed},
		{"pub null", r(`"`+k44.pub+`"`, `null`).Replace(k44.public), jws.ErrMalformed},
		{"pub an array", r(`"`+k44.pub+`"`, `["`+k44.pub+`"]`).Replace(k44.public), jws.ErrMalformed},
		{"pub one octet short", r(k44.pub, b64(pub44[:len(pub44)-1])).Replace(k44.public), jws.ErrInvalidKey},
		{"pub one octet long", r(k44.pub, b64(append(append([]byte(nil), pub44...), 0))).Replace(k44.public), jws.ErrInvalidKey},
		{"pub of 32 octets", r(k44.pub, b64(seed)).Replace(k44.public), jws.ErrInvalidKey},
		{"pub padded", r(k44.pub, k44.pub+"=").Replace(k44.public), jws.ErrMalformed},
		{"pub in standard base64", r(k44.pub, base64.RawStdEncoding.EncodeToString(pub44)).Replace(k44.public), jws.ErrMalformed},
		{"pub with a space", r(k44.pub, k44.pub[:100]+" "+k44.pub[100:]).Replace(k44.public), jws.ErrMalformed},
		{"pub with an escaped newline", r(k44.pub, k44.pub[:100]+`\n`+k44.pub[100:]).Replace(k44.public), jws.ErrMalformed},
		{"pub with non-zero trailing bits", r(k44.pub, trailingBits(t, k44.pub)).Replace(k44.public), jws.ErrMalformed},
		{"priv empty", r(`"priv":"`+k44.seed, `"priv":"`).Replace(k44.private), jws.ErrMalformed},
		{"priv a number", r(`"`+k44.seed+`"`, `7`).Replace(k44.private), jws.ErrMalformed},
		{"priv of 31 octets", r(k44.seed, b64(seed[:31])).Replace(k44.private), jws.ErrInvalidKey},
		{"priv of 33 octets", r(k44.seed, b64(append(append([]byte(nil), seed...), 0))).Replace(k44.private), jws.ErrInvalidKey},
		{"priv of 64 octets", r(k44.seed, b64(append(append([]byte(nil), seed...), seed...))).Replace(k44.private), jws.ErrInvalidKey},
		{"priv padded", r(k44.seed, k44.seed+"=").Replace(k44.private), jws.ErrMalformed},
		{"priv with '+'", r(`"priv":"`+k44.seed, `"priv":"+`+k44.seed[1:]).Replace(k44.private), jws.ErrMalformed},
		{"priv of another key", r(k44.seed, other.seed).Replace(k44.private), jws.ErrInvalidKey},
		{"priv deriving another parameter set's pub", `{"kty":"AKP","alg":"ML-DSA-65","pub":"` + fx[1].pub + `","priv":"` + k44.seed + `"}`, jws.ErrInvalidKey},
		{"pub of another key beside priv", r(k44.pub, other.pub).Replace(k44.private), jws.ErrInvalidKey},
		{"extra private member d", withMembers(k44.private, `"d":"`+k44.seed+`"`), jws.ErrMalformed},
		{"extra member x", withMembers(k44.public, `"x":"`+fxOKPX+`"`), jws.ErrMalformed},
		{"extra member crv", withMembers(k44.public, `"crv":"ML-DSA-44"`), jws.ErrMalformed},
		{"extra member k", withMembers(k44.public, `"k":"`+k44.seed+`"`), jws.ErrMalformed},
		{"kty akp", r(`"kty":"AKP"`, `"kty":"akp"`).Replace(k44.public), jws.ErrUnsupportedAlgorithm},
		{"kty Akp", r(`"kty":"AKP"`, `"kty":"Akp"`).Replace(k44.public), jws.ErrUnsupportedAlgorithm},
		{"KTY instead of kty", r(`"kty"`, `"KTY"`).Replace(k44.public), jws.ErrMalformed},
		{"PUB instead of pub", r(`"pub"`, `"PUB"`).Replace(k44.public), jws.ErrMalformed},
		{"Pub beside pub", withMembers(k44.public, `"Pub":"`+k44.pub+`"`), jws.ErrMalformed},
		{"PRIV beside priv", withMembers(k44.private, `"PRIV":"`+other.seed+`"`), jws.ErrMalformed},
		{"Priv on a public key", withMembers(k44.public, `"Priv":"`+k44.seed+`"`), jws.ErrMalformed},
		{"ALG beside alg", withMembers(k44.public, `"ALG":"ML-DSA-65"`), jws.ErrMalformed},
		{"syntax: duplicate pub", withMembers(k44.public, `"pub":"`+k44.pub+`"`), jws.ErrMalformed},
		{"syntax: duplicate priv after unescaping", withMembers(k44.private, `"pri\u0076":"`+k44.seed+`"`), jws.ErrMalformed},
		{"pub on an OKP key", withMembers(fxOKPPublic, `"pub":"`+k44.pub+`"`), jws.ErrMalformed},
		{"priv on an EC key", withMembers(fxECPrivate, `"priv":"`+k44.seed+`"`), jws.ErrMalformed},
		{"alg ML-DSA-44 on an OKP key", withMembers(fxOKPPublic, `"alg":"ML-DSA-44"`), jws.ErrInvalidKey},
		{"alg ML-DSA-65 on an RSA key", withMembers(fxRSAPublic, `"alg":"ML-DSA-65"`), jws.ErrInvalidKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := jwk.ParseKey([]byte(tt.jwk))
			if !errors.Is(err, tt.want) || k != nil {
				t.Fatalf("ParseKey(%.120s…) = %v, %v; want %v", tt.jwk, k, err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "jwk: ") {
				t.Errorf("error %q lacks the \"jwk: \" prefix", err)
			}
			// In a set, the key is skipped for the same reason; a JWK
			// that is not strict JSON makes the whole set malformed.
			set, err := jwk.ParseSet(jwkSet(fxOKPPublic, tt.jwk))
			if strings.HasPrefix(tt.name, "syntax:") {
				if !errors.Is(err, jws.ErrMalformed) || set != nil {
					t.Errorf("ParseSet = %v, %v; want ErrMalformed", set, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSet = %v", err)
			}
			if s := set.Skipped(); len(s) != 1 || !errors.Is(s[0], tt.want) || !strings.Contains(s[0].Error(), "keys[1]") {
				t.Errorf("Skipped() = %v, want one error wrapping %v for keys[1]", s, tt.want)
			}
		})
	}
}

// trailingBits returns the base64url string s with its last character
// changed so that its unused low bits are not zero.
func trailingBits(t testing.TB, s string) string {
	t.Helper()
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var unused int
	switch len(s) % 4 {
	case 2:
		unused = 4
	case 3:
		unused = 2
	default:
		t.Fatalf("base64url of %d characters has no unused bits", len(s))
	}
	last := strings.IndexByte(alphabet, s[len(s)-1])
	return s[:len(s)-1] + alphabet[last|1<<(unused-1):][:1]
}

// TestAKPKey checks the accessors, Public, CryptoKey, the binding to "alg",
// "use" and "key_ops", and that a public key cannot sign.
func TestAKPKey(t *testing.T) {
	fx, _ := akpFixtures(t)
	for _, f := range fx {
		t.Run(string(f.alg), func(t *testing.T) {
			priv := mustParseKey(t, withMembers(f.private, `"kid":"k","use":"sig","key_ops":["sign","verify"]`))
			ck, ok := priv.CryptoKey().(*mldsa.PrivateKey)
			if !ok || !ck.Equal(f.priv) {
				t.Errorf("CryptoKey() = %T, want the fixture's *mldsa.PrivateKey", priv.CryptoKey())
			}
			pub, err := priv.Public()
			if err != nil {
				t.Fatal(err)
			}
			if pub.IsPrivate() || pub.KeyType() != "AKP" || pub.Algorithm() != f.alg || pub.KeyID() != "k" || pub.Use() != "sig" {
				t.Errorf("Public() = private %v, kty %q, alg %q, kid %q, use %q", pub.IsPrivate(), pub.KeyType(), pub.Algorithm(), pub.KeyID(), pub.Use())
			}
			if ops := pub.KeyOps(); len(ops) != 1 || ops[0] != "verify" {
				t.Errorf("Public().KeyOps() = %q, want [verify]", ops)
			}
			if pk, ok := pub.CryptoKey().(*mldsa.PublicKey); !ok || !pk.Equal(f.priv.PublicKey()) {
				t.Errorf("Public().CryptoKey() = %T, want the fixture's *mldsa.PublicKey", pub.CryptoKey())
			}
			if s, err := pub.Signer(); !errors.Is(err, jws.ErrInvalidKey) || s != nil {
				t.Errorf("public AKP Signer() = %v, %v; want ErrInvalidKey", s, err)
			}
			for _, alg := range []jws.Algorithm{jws.MLDSA44, jws.MLDSA65, jws.MLDSA87, jws.EdDSA, jws.Ed25519, jws.RS256, jws.HS256, "none"} {
				v, err := pub.VerifierFor(alg)
				s, serr := priv.SignerFor(alg)
				if alg == f.alg {
					if err != nil || v.Algorithm() != alg || serr != nil || s.Algorithm() != alg {
						t.Errorf("VerifierFor/SignerFor(%s) = %v, %v / %v, %v", alg, v, err, s, serr)
					}
					continue
				}
				if !errors.Is(err, jws.ErrAlgorithmMismatch) || v != nil || !errors.Is(serr, jws.ErrAlgorithmMismatch) || s != nil {
					t.Errorf("VerifierFor/SignerFor(%s) of an %s key = %v, %v / %v, %v; want ErrAlgorithmMismatch", alg, f.alg, v, err, s, serr)
				}
			}
			// "use" and "key_ops" gate the operations as for other keys.
			for _, tt := range []struct {
				members      string
				sign, verify bool
			}{
				{`"use":"enc"`, false, false},
				{`"key_ops":["verify"]`, false, true},
				{`"key_ops":["sign"]`, true, false},
			} {
				k := mustParseKey(t, withMembers(f.private, tt.members))
				_, serr := k.Signer()
				_, verr := k.Verifier()
				if (serr == nil) != tt.sign || (verr == nil) != tt.verify {
					t.Errorf("%s: Signer() = %v, Verifier() = %v; want sign %v, verify %v", tt.members, serr, verr, tt.sign, tt.verify)
				}
				if serr != nil && !errors.Is(serr, jws.ErrInvalidKey) || verr != nil && !errors.Is(verr, jws.ErrInvalidKey) {
					t.Errorf("%s: Signer() = %v, Verifier() = %v; want ErrInvalidKey", tt.members, serr, verr)
				}
			}
		})
	}
}

// TestAKPMarshal pins the members MarshalJSON writes for AKP keys and their
// order, checks the round trip, and NewKey for ML-DSA keys.
func TestAKPMarshal(t *testing.T) {
	fx, other := akpFixtures(t)
	for _, f := range fx {
		t.Run(string(f.alg), func(t *testing.T) {
			in := `{"priv":"` + f.seed + `","pub":"` + f.pub + `","alg":"` + string(f.alg) + `","kid":"k","kty":"AKP","ignored":1}`
			want := `{"kty":"AKP","kid":"k","alg":"` + string(f.alg) + `","pub":"` + f.pub + `","priv":"` + f.seed + `"}`
			k := mustParseKey(t, in)
			got := mustMarshal(t, k)
			if got != want {
				t.Errorf("MarshalJSON\n got %.200s…\nwant %.200s…", got, want)
			}
			k2 := mustParseKey(t, got)
			if again := mustMarshal(t, k2); again != got {
				t.Error("MarshalJSON(ParseKey(MarshalJSON)) differs")
			}
			if !k2.CryptoKey().(*mldsa.PrivateKey).Equal(f.priv) {
				t.Error("the round trip changed the key")
			}
			pub, err := k.Public()
			if err != nil {
				t.Fatal(err)
			}
			wantPub := `{"kty":"AKP","kid":"k","alg":"` + string(f.alg) + `","pub":"` + f.pub + `"}`
			if got := mustMarshal(t, pub); got != wantPub {
				t.Errorf("Public().MarshalPrivate\n got %.200s…\nwant %.200s…", got, wantPub)
			}
			// MarshalJSON (and so encoding/json, and a Set) writes the
			// public key and refuses the private one: "priv" is written
			// only by MarshalPrivate.
			if b, err := json.Marshal(pub); err != nil || string(b) != wantPub {
				t.Errorf("json.Marshal(Public())\n got %.200s…, %v\nwant %.200s…", b, err, wantPub)
			}
			if b, err := k.MarshalJSON(); !errors.Is(err, jws.ErrInvalidKey) || b != nil {
				t.Errorf("MarshalJSON(private AKP key) = %.60s…, %v; want ErrInvalidKey", b, err)
			}
			if b, err := json.Marshal(k); err == nil || strings.Contains(string(b), `"priv"`) {
				t.Errorf("json.Marshal(private AKP key) = %.60s…, %v; want an error", b, err)
			}
			set, err := jwk.NewSet(k)
			if err != nil {
				t.Fatal(err)
			}
			if b, err := set.MarshalJSON(); !errors.Is(err, jws.ErrInvalidKey) || b != nil {
				t.Errorf("Set.MarshalJSON(private AKP key) = %.60s…, %v; want ErrInvalidKey", b, err)
			}
			if b, err := set.MarshalPrivate(); err != nil || string(b) != `{"keys":[`+want+`]}` {
				t.Errorf("Set.MarshalPrivate\n got %.200s…, %v\nwant {\"keys\":[%.200s…", b, err, want)
			}

			// NewKey: "alg" defaults to the key's own parameter set; the
			// kid is the thumbprint.
			nk, err := jwk.NewKey(f.priv, "", "")
			if err != nil {
				t.Fatal(err)
			}
			if nk.Algorithm() != f.alg || nk.KeyType() != "AKP" || !nk.IsPrivate() {
				t.Errorf("NewKey(private, \"\") = alg %q, kty %q, private %v", nk.Algorithm(), nk.KeyType(), nk.IsPrivate())
			}
			tp := akpThumbprint(sha256.New(), f.alg, f.pub)
			if nk.KeyID() != base64.RawURLEncoding.EncodeToString(tp) {
				t.Errorf("NewKey kid = %q, want the thumbprint %s", nk.KeyID(), base64.RawURLEncoding.EncodeToString(tp))
			}
			wantNew := `{"kty":"AKP","kid":"` + nk.KeyID() + `","alg":"` + string(f.alg) + `","pub":"` + f.pub + `","priv":"` + f.seed + `"}`
			if got := mustMarshal(t, nk); got != wantNew {
				t.Errorf("MarshalJSON(NewKey(private))\n got %.200s…\nwant %.200s…", got, wantNew)
			}
			np, err := jwk.NewKey(f.priv.PublicKey(), f.alg, "p")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := mustMarshal(t, np), `{"kty":"AKP","kid":"p","alg":"`+string(f.alg)+`","pub":"`+f.pub+`"}`; got != want {
				t.Errorf("MarshalJSON(NewKey(public))\n got %.200s…\nwant %.200s…", got, want)
			}
		})
	}
	for _, tt := range []struct {
		name string
		key  any
		alg  jws.Algorithm
		want error
	}{
		{"ML-DSA-44 key as ML-DSA-65", other.priv, jws.MLDSA65, jws.ErrInvalidKey},
		{"ML-DSA-65 public key as ML-DSA-44", fx[1].priv.PublicKey(), jws.MLDSA44, jws.ErrInvalidKey},
		{"ML-DSA key as EdDSA", fx[2].priv, jws.EdDSA, jws.ErrInvalidKey},
		{"nil private key", (*mldsa.PrivateKey)(nil), "", jws.ErrInvalidKey},
		{"nil public key", (*mldsa.PublicKey)(nil), jws.MLDSA44, jws.ErrInvalidKey},
		{"zero private key", &mldsa.PrivateKey{}, "", jws.ErrInvalidKey},
		{"zero public key", &mldsa.PublicKey{}, jws.MLDSA44, jws.ErrInvalidKey},
		{"unknown algorithm", fx[0].priv, "ML-DSA-128", jws.ErrUnsupportedAlgorithm},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k, err := jwk.NewKey(tt.key, tt.alg, "k")
			if !errors.Is(err, tt.want) || k != nil {
				t.Errorf("NewKey = %v, %v; want %v", k, err, tt.want)
			}
		})
	}
}

// akpThumbprint computes the RFC 7638 thumbprint of an AKP key
// independently of the package: the hash of {"alg":…,"kty":"AKP","pub":…},
// the members RFC 9964 requires in lexicographic order, without
// whitespace.
func akpThumbprint(h interface {
	Write([]byte) (int, error)
	Sum([]byte) []byte
}, alg jws.Algorithm, pub string) []byte {
	h.Write([]byte(`{"alg":"` + string(alg) + `","kty":"AKP","pub":"` + pub + `"}`))
	return h.Sum(nil)
}

// TestAKPThumbprint checks AKP thumbprints against the independent
// computation, for public and private keys, under SHA-256 and SHA-512, and
// that members outside the required ones do not change it.
func TestAKPThumbprint(t *testing.T) {
	fx, _ := akpFixtures(t)
	for _, f := range fx {
		want256 := akpThumbprint(sha256.New(), f.alg, f.pub)
		want512 := akpThumbprint(sha512.New(), f.alg, f.pub)
		for _, doc := range []string{f.public, f.private, withMembers(f.private, `"kid":"x","use":"sig","key_ops":["sign"]`)} {
			k := mustParseKey(t, doc)
			got, err := k.Thumbprint(crypto.SHA256)
			if err != nil || string(got) != string(want256) {
				t.Errorf("%s Thumbprint(SHA-256) = %x, %v, want %x", f.alg, got, err, want256)
			}
			got, err = k.Thumbprint(crypto.SHA512)
			if err != nil || string(got) != string(want512) {
				t.Errorf("%s Thumbprint(SHA-512) = %x, %v, want %x", f.alg, got, err, want512)
			}
		}
	}
	// Keys of different parameter sets have different thumbprints, and
	// the "alg" member is part of the input: the same canonical members
	// with the alg changed hash differently.
	if string(akpThumbprint(sha256.New(), jws.MLDSA44, fx[0].pub)) == string(akpThumbprint(sha256.New(), jws.MLDSA65, fx[0].pub)) {
		t.Error("the thumbprint input ignores alg")
	}
}

// TestAKPMixedSet puts AKP keys of every parameter set in a JWK Set beside
// RSA, EC, Ed25519 and oct keys and AKP keys it must skip, and checks that
// each token verifies with its own key only.
func TestAKPMixedSet(t *testing.T) {
	fx, other := akpFixtures(t)
	doc := jwkSet(
		withMembers(fxRSAPublic, `"kid":"rsa","alg":"RS256"`),
		withMembers(fxECPublic, `"kid":"ec"`),
		withMembers(fxOKPPublic, `"kid":"ed"`),
		withMembers(fx[0].public, `"kid":"mldsa44"`),
		withMembers(fx[1].public, `"kid":"mldsa65"`),
		withMembers(fx[2].public, `"kid":"mldsa87"`),
		withMembers(`{"kty":"AKP","pub":"`+other.pub+`"}`, `"kid":"no-alg"`),
		withMembers(strings.Replace(other.public, string(jws.MLDSA44), "SLH-DSA-SHA2-128s", 1), `"kid":"slh"`),
		withMembers(fxOct, `"kid":"hmac"`),
	)
	set := mustParseSet(t, doc)
	// The oct key is skipped: a set of public keys never uses a secret.
	if got, want := kidsOf(set.Keys()), []string{"rsa", "ec", "ed", "mldsa44", "mldsa65", "mldsa87"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Keys() kids = %q, want %q", got, want)
	}
	skipped := set.Skipped()
	if len(skipped) != 3 || !errors.Is(skipped[0], jws.ErrMalformed) || !strings.Contains(skipped[0].Error(), `kid "no-alg"`) ||
		!errors.Is(skipped[1], jws.ErrUnsupportedAlgorithm) || !strings.Contains(skipped[1].Error(), `kid "slh"`) ||
		!errors.Is(skipped[2], jws.ErrInvalidKey) || !strings.Contains(skipped[2].Error(), `kid "hmac"`) {
		t.Errorf("Skipped() = %v, want no-alg (ErrMalformed), slh (ErrUnsupportedAlgorithm) and hmac (ErrInvalidKey)", skipped)
	}
	signers := map[string]jws.Signer{
		"rsa": mustSigner(t, fxRSAPrivate, jws.RS256),
		"ed":  mustSigner(t, fxOKPPrivate, jws.Ed25519),
	}
	for _, f := range fx {
		signers["mldsa"+strings.TrimPrefix(string(f.alg), "ML-DSA-")] = mustSigner(t, f.private, f.alg)
	}
	for kid, s := range signers {
		tok := rawToken(t, s, `{"alg":"`+string(s.Algorithm())+`","kid":"`+kid+`"}`, "p")
		if _, p, err := jws.VerifyKeyed(t.Context(), set, tok); err != nil || string(p) != "p" {
			t.Errorf("VerifyKeyed(%s token) = %q, %v", kid, p, err)
		}
		// Under every other kid, the token is refused.
		for other := range signers {
			if other == kid {
				continue
			}
			tok := rawToken(t, s, `{"alg":"`+string(s.Algorithm())+`","kid":"`+other+`"}`, "p")
			_, p, err := jws.VerifyKeyed(t.Context(), set, tok)
			if err == nil || p != nil || !(errors.Is(err, jws.ErrAlgorithmMismatch) || errors.Is(err, jws.ErrInvalidSignature)) {
				t.Errorf("VerifyKeyed(%s token under kid %s) = %q, %v; want ErrAlgorithmMismatch or ErrInvalidSignature", kid, other, p, err)
			}
		}
	}
	// An ML-DSA-44 token of another key under the ML-DSA-44 kid.
	tok := rawToken(t, mustSigner(t, other.private, jws.MLDSA44), `{"alg":"ML-DSA-44","kid":"mldsa44"}`, "p")
	if _, _, err := jws.VerifyKeyed(t.Context(), set, tok); !errors.Is(err, jws.ErrInvalidSignature) {
		t.Errorf("VerifyKeyed(another ML-DSA-44 key's token) = %v, want ErrInvalidSignature", err)
	}
	// The set marshals and parses back with the same keys.
	m := mustMarshal(t, set)
	back := mustParseSet(t, []byte(m))
	if len(back.Keys()) != len(set.Keys()) || len(back.Skipped()) != 0 || mustMarshal(t, back) != m {
		t.Errorf("set round trip: %d keys, %v skipped", len(back.Keys()), back.Skipped())
	}
	// NewSet takes AKP keys, and refuses two keys of one kid for one alg.
	k1 := mustParseKey(t, withMembers(fx[0].public, `"kid":"a"`))
	k2 := mustParseKey(t, withMembers(other.public, `"kid":"a"`))
	k3 := mustParseKey(t, withMembers(fx[1].public, `"kid":"a"`))
	if _, err := jwk.NewSet(k1, k3); err != nil {
		t.Errorf("NewSet(ML-DSA-44 and ML-DSA-65 keys of one kid) = %v", err)
	}
	if _, err := jwk.NewSet(k1, k2); !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf("NewSet(two ML-DSA-44 keys of one kid) = %v, want ErrInvalidKey", err)
	}
}
