package jws_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
)

// The Wycheproof vectors in ../testdata/wycheproof (see its README.md) run
// through signet's own verifiers. Every "valid" case must verify and every
// "invalid" one must be refused with ErrInvalidSignature; "acceptable"
// cases may go either way and are logged. Cases that signet refuses by
// rule (HMAC keys shorter than the hash output, MACs truncated below it,
// PSS parameters that are not those of PS256/384/512) are asserted refused
// for that reason and counted apart, never skipped. A key our constructor
// refuses must be refused for a reason, and no "valid" case may use it.

type wycheproofFile struct {
	Algorithm     string            `json:"algorithm"`
	NumberOfTests int               `json:"numberOfTests"`
	TestGroups    []wycheproofGroup `json:"testGroups"`
}

type wycheproofGroup struct {
	KeySize   int    `json:"keySize"` // bits
	TagSize   int    `json:"tagSize"` // bits (MAC)
	SHA       string `json:"sha"`
	MGF       string `json:"mgf"`
	MGFSHA    string `json:"mgfSha"`
	SLen      int    `json:"sLen"`
	PublicKey struct {
		Modulus        string `json:"modulus"`
		PublicExponent string `json:"publicExponent"`
		Curve          string `json:"curve"`
		Uncompressed   string `json:"uncompressed"` // ECDSA: SEC 1 §2.3.3
		PK             string `json:"pk"`
	} `json:"publicKey"`
	Tests []wycheproofTest `json:"tests"`
}

type wycheproofTest struct {
	TcID    int      `json:"tcId"`
	Comment string   `json:"comment"`
	Flags   []string `json:"flags"`
	Key     string   `json:"key"`
	Msg     string   `json:"msg"`
	Tag     string   `json:"tag"`
	Sig     string   `json:"sig"`
	Result  string   `json:"result"`
}

// wycheproofCount is the outcome of one file.
type wycheproofCount struct {
	total           int
	validVerified   int
	invalidRefused  int
	keyRefused      int // invalid cases whose public key the constructor refused
	ruleShortKey    int // refused by rule: HMAC key shorter than the hash output
	ruleTruncated   int // refused by rule: MAC truncated below the hash output
	ruleParams      int // refused by rule: parameters of no JWS algorithm
	ruleValid       int // of the cases refused by rule, those Wycheproof calls valid
	acceptAccepted  int
	acceptRefused   int
	acceptableCases []string
}

func (c *wycheproofCount) byRule() int { return c.ruleShortKey + c.ruleTruncated + c.ruleParams }

// verdict checks the outcome err of verifying tc and counts it.
func (c *wycheproofCount) verdict(t *testing.T, tc wycheproofTest, err error) {
	t.Helper()
	switch tc.Result {
	case "valid":
		if err != nil {
			t.Errorf("tcId %d (%s, %v): VerifySignature = %v, want nil", tc.TcID, tc.Comment, tc.Flags, err)
			return
		}
		c.validVerified++
	case "invalid":
		if !errors.Is(err, jws.ErrInvalidSignature) {
			t.Errorf("tcId %d (%s, %v): VerifySignature = %v, want ErrInvalidSignature", tc.TcID, tc.Comment, tc.Flags, err)
			return
		}
		c.invalidRefused++
	case "acceptable":
		outcome := "accepted"
		if err != nil {
			outcome = "refused"
			c.acceptRefused++
		} else {
			c.acceptAccepted++
		}
		c.acceptableCases = append(c.acceptableCases, fmt.Sprintf("tcId %d (%s) %s", tc.TcID, tc.Comment, outcome))
	default:
		t.Errorf("tcId %d: unknown result %q", tc.TcID, tc.Result)
	}
}

// verifyAll runs every test of g through v, one subtest per tcId.
func (c *wycheproofCount) verifyAll(t *testing.T, g wycheproofGroup, v jws.Verifier) {
	for _, tc := range g.Tests {
		t.Run(fmt.Sprintf("tcId=%d", tc.TcID), func(t *testing.T) {
			c.total++
			c.verdict(t, tc, v.VerifySignature(unhex(t, tc.Msg), unhex(t, tc.Sig)))
		})
	}
}

// keyRefusedAll checks the cases of a group whose key the constructor
// refused with err: none may be valid.
func (c *wycheproofCount) keyRefusedAll(t *testing.T, g wycheproofGroup, err error) {
	t.Helper()
	if !errors.Is(err, jws.ErrInvalidKey) {
		t.Errorf("constructor refused the key with %v, want ErrInvalidKey", err)
	}
	for _, tc := range g.Tests {
		c.total++
		if tc.Result != "invalid" {
			t.Errorf("tcId %d (%s) is %s but its key was refused: %v", tc.TcID, tc.Comment, tc.Result, err)
			continue
		}
		c.keyRefused++
	}
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

var wycheproofHashes = map[string]struct {
	size                  int
	new                   func() hash.Hash
	hs, rs, ps, es        jws.Algorithm
	curve                 elliptic.Curve
	curveName, wycheCurve string
}{
	"SHA-256": {32, sha256.New, jws.HS256, jws.RS256, jws.PS256, jws.ES256, elliptic.P256(), "P-256", "secp256r1"},
	"SHA-384": {48, sha512.New384, jws.HS384, jws.RS384, jws.PS384, jws.ES384, elliptic.P384(), "P-384", "secp384r1"},
	"SHA-512": {64, sha512.New, jws.HS512, jws.RS512, jws.PS512, jws.ES512, elliptic.P521(), "P-521", "secp521r1"},
}

func TestWycheproof(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "wycheproof", "*_test.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 22 {
		t.Fatalf("found %d vector files, want 22", len(files))
	}
	var summary strings.Builder
	fmt.Fprintf(&summary, "%-40s %6s %8s %8s %6s %12s %10s\n", "file", "tests", "valid ok", "invalid", "key", "by rule", "acceptable")
	for _, path := range files {
		name := filepath.Base(path)
		var c wycheproofCount
		t.Run(strings.TrimSuffix(name, "_test.json"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var f wycheproofFile
			if err := json.Unmarshal(data, &f); err != nil {
				t.Fatal(err)
			}
			for i, g := range f.TestGroups {
				t.Run(fmt.Sprintf("group=%d", i), func(t *testing.T) {
					switch {
					case strings.HasPrefix(name, "hmac_"):
						wycheproofHMAC(t, name, g, &c)
					case strings.HasPrefix(name, "rsa_signature_"):
						wycheproofRSA(t, g, false, &c)
					case strings.HasPrefix(name, "rsa_pss_"):
						wycheproofRSA(t, g, true, &c)
					case strings.HasPrefix(name, "ecdsa_"):
						wycheproofECDSA(t, g, &c)
					case strings.HasPrefix(name, "ed25519_"):
						wycheproofEd25519(t, g, &c)
					default:
						t.Fatalf("no driver for %s", name)
					}
				})
			}
			if c.total != f.NumberOfTests {
				t.Errorf("ran %d tests, the file has %d", c.total, f.NumberOfTests)
			}
			if sum := c.validVerified + c.invalidRefused + c.keyRefused + c.byRule() + c.acceptAccepted + c.acceptRefused; !t.Failed() && sum != c.total {
				t.Errorf("counted %d outcomes for %d tests", sum, c.total)
			}
			t.Logf("%s: %d tests: %d valid verified, %d invalid refused, %d refused with their key, %d refused by rule (short key %d, truncated MAC %d, parameters %d; %d of them valid), acceptable %d accepted / %d refused %v",
				name, c.total, c.validVerified, c.invalidRefused, c.keyRefused, c.byRule(), c.ruleShortKey, c.ruleTruncated, c.ruleParams, c.ruleValid, c.acceptAccepted, c.acceptRefused, c.acceptableCases)
		})
		rule := fmt.Sprintf("%d (%d valid)", c.byRule(), c.ruleValid)
		fmt.Fprintf(&summary, "%-40s %6d %8d %8d %6d %12s %4d / %d\n", name, c.total, c.validVerified, c.invalidRefused, c.keyRefused, rule, c.acceptAccepted, c.acceptRefused)
	}
	t.Logf("Wycheproof summary (acceptable: accepted / refused):\n%s", summary.String())
}

// wycheproofHMAC runs a MAC test group: each test has its own key.
func wycheproofHMAC(t *testing.T, name string, g wycheproofGroup, c *wycheproofCount) {
	var h string
	switch {
	case strings.Contains(name, "sha256"):
		h = "SHA-256"
	case strings.Contains(name, "sha384"):
		h = "SHA-384"
	case strings.Contains(name, "sha512"):
		h = "SHA-512"
	}
	p := wycheproofHashes[h]
	for _, tc := range g.Tests {
		t.Run(fmt.Sprintf("tcId=%d", tc.TcID), func(t *testing.T) {
			c.total++
			key, msg, tag := unhex(t, tc.Key), unhex(t, tc.Msg), unhex(t, tc.Tag)
			if len(key)*8 != g.KeySize || len(tag)*8 != g.TagSize {
				t.Fatalf("key of %d bytes and tag of %d in a group of %d-bit keys and %d-bit tags", len(key), len(tag), g.KeySize, g.TagSize)
			}
			m, err := jws.NewHMAC(p.hs, key)
			shortKey, truncated := len(key) < p.size, g.TagSize < 8*p.size
			if shortKey || truncated {
				// Refused by rule. The harness still reads the vector
				// right: crypto/hmac agrees with Wycheproof.
				mac := hmac.New(p.new, key)
				mac.Write(msg)
				if hmac.Equal(mac.Sum(nil)[:len(tag)], tag) != (tc.Result == "valid") {
					t.Errorf("tcId %d: crypto/hmac disagrees with %q", tc.TcID, tc.Result)
				}
				if tc.Result == "valid" {
					c.ruleValid++
				}
			}
			switch {
			case shortKey:
				if !errors.Is(err, jws.ErrInvalidKey) {
					t.Errorf("tcId %d: NewHMAC(%s, %d-byte key) = %v, want ErrInvalidKey (RFC 7518 §3.2)", tc.TcID, p.hs, len(key), err)
					return
				}
				c.ruleShortKey++
				return
			case err != nil:
				t.Fatalf("tcId %d: NewHMAC(%s, %d-byte key) = %v", tc.TcID, p.hs, len(key), err)
			}
			err = m.VerifySignature(msg, tag)
			if truncated {
				if !errors.Is(err, jws.ErrInvalidSignature) || !strings.Contains(err.Error(), "signature must be") {
					t.Errorf("tcId %d: VerifySignature(%d-byte MAC) = %v, want ErrInvalidSignature for its length", tc.TcID, len(tag), err)
					return
				}
				c.ruleTruncated++
				return
			}
			c.verdict(t, tc, err)
		})
	}
}

// wycheproofRSA runs an RSASSA-PKCS1-v1_5 or RSASSA-PSS test group.
func wycheproofRSA(t *testing.T, g wycheproofGroup, pss bool, c *wycheproofCount) {
	p, ok := wycheproofHashes[g.SHA]
	if !ok {
		t.Fatalf("hash %q", g.SHA)
	}
	alg := p.rs
	// PS256/384/512 fix MGF1 with the message hash and a salt as long as
	// the hash output (RFC 7518 §3.5). Other parameters are refused by
	// rule: verifying with the PS algorithm of the hash must fail.
	params := true
	if pss {
		alg = p.ps
		params = g.MGF == "MGF1" && g.MGFSHA == g.SHA && g.SLen == p.size
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(unhex(t, g.PublicKey.Modulus))}
	e := new(big.Int).SetBytes(unhex(t, g.PublicKey.PublicExponent))
	if !e.IsInt64() || e.Int64() > 1<<31-1 {
		t.Fatalf("exponent %v", e)
	}
	pub.E = int(e.Int64())
	if pub.N.BitLen() != g.KeySize {
		t.Fatalf("modulus of %d bits in a group of %d-bit keys", pub.N.BitLen(), g.KeySize)
	}
	v, err := jws.NewRSAVerifier(alg, pub)
	if err != nil {
		c.keyRefusedAll(t, g, err)
		return
	}
	for _, tc := range g.Tests {
		t.Run(fmt.Sprintf("tcId=%d", tc.TcID), func(t *testing.T) {
			c.total++
			err := v.VerifySignature(unhex(t, tc.Msg), unhex(t, tc.Sig))
			if !params {
				if !errors.Is(err, jws.ErrInvalidSignature) {
					t.Errorf("tcId %d: %s VerifySignature(mgf %s %s, salt %d) = %v, want ErrInvalidSignature", tc.TcID, alg, g.MGF, g.MGFSHA, g.SLen, err)
					return
				}
				c.ruleParams++
				if tc.Result == "valid" {
					c.ruleValid++
				}
				return
			}
			c.verdict(t, tc, err)
		})
	}
}

// wycheproofECDSA runs an ECDSA test group with IEEE P1363 (R‖S)
// signatures, the encoding of JWS.
func wycheproofECDSA(t *testing.T, g wycheproofGroup, c *wycheproofCount) {
	p, ok := wycheproofHashes[g.SHA]
	if !ok || g.PublicKey.Curve != p.wycheCurve {
		t.Fatalf("hash %q with curve %q: no JWS algorithm", g.SHA, g.PublicKey.Curve)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(p.curve, unhex(t, g.PublicKey.Uncompressed))
	if err != nil {
		c.keyRefusedAll(t, g, err)
		return
	}
	v, err := jws.NewECDSAVerifier(p.es, pub)
	if err != nil {
		c.keyRefusedAll(t, g, err)
		return
	}
	c.verifyAll(t, g, v)
}

// wycheproofEd25519 runs an Ed25519 test group.
func wycheproofEd25519(t *testing.T, g wycheproofGroup, c *wycheproofCount) {
	if g.PublicKey.Curve != "edwards25519" {
		t.Fatalf("curve %q", g.PublicKey.Curve)
	}
	v, err := jws.NewEd25519Verifier(ed25519.PublicKey(unhex(t, g.PublicKey.PK)))
	if err != nil {
		c.keyRefusedAll(t, g, err)
		return
	}
	c.verifyAll(t, g, v)
}
