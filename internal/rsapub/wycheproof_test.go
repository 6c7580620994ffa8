package rsapub_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signet-go/signet/internal/rsapub"
)

// The Wycheproof RSASSA-PKCS1-v1_5 and RSASSA-PSS vectors of
// ../../testdata/wycheproof (see its README.md) run through both this
// package and crypto/rsa: on every test both must give the same verdict,
// and that verdict must be Wycheproof's ("acceptable" cases only have to
// agree with crypto/rsa).

type vectorFile struct {
	NumberOfTests int `json:"numberOfTests"`
	TestGroups    []struct {
		KeySize   int    `json:"keySize"`
		SHA       string `json:"sha"`
		MGF       string `json:"mgf"`
		MGFSHA    string `json:"mgfSha"`
		SLen      int    `json:"sLen"`
		PublicKey struct {
			Modulus        string `json:"modulus"`
			PublicExponent string `json:"publicExponent"`
		} `json:"publicKey"`
		Tests []struct {
			TcID    int      `json:"tcId"`
			Comment string   `json:"comment"`
			Flags   []string `json:"flags"`
			Msg     string   `json:"msg"`
			Sig     string   `json:"sig"`
			Result  string   `json:"result"`
		} `json:"tests"`
	} `json:"testGroups"`
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// hashOf returns the hash named by Wycheproof and the digest of msg.
func hashOf(t *testing.T, name string, msg []byte) (crypto.Hash, []byte) {
	t.Helper()
	switch name {
	case "SHA-256":
		d := sha256.Sum256(msg)
		return crypto.SHA256, d[:]
	case "SHA-384":
		d := sha512.Sum384(msg)
		return crypto.SHA384, d[:]
	case "SHA-512":
		d := sha512.Sum512(msg)
		return crypto.SHA512, d[:]
	}
	t.Fatalf("hash %q", name)
	return 0, nil
}

func TestWycheproof(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "wycheproof", "rsa_*_test.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 15 {
		t.Fatalf("found %d RSA vector files, want 15 (9 PKCS#1 v1.5, 6 PSS)", len(files))
	}
	total := 0
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), "_test.json")
		pss := strings.HasPrefix(name, "rsa_pss_")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var f vectorFile
			if err := json.Unmarshal(data, &f); err != nil {
				t.Fatal(err)
			}
			ran, valid, invalid, acceptable := 0, 0, 0, 0
			for gi, g := range f.TestGroups {
				n := new(big.Int).SetBytes(unhex(t, g.PublicKey.Modulus))
				e := new(big.Int).SetBytes(unhex(t, g.PublicKey.PublicExponent))
				if !e.IsInt64() || e.Int64() > 1<<31-1 || n.BitLen() != g.KeySize {
					t.Fatalf("group %d: exponent %v, %d-bit modulus in a group of %d", gi, e, n.BitLen(), g.KeySize)
				}
				std := &rsa.PublicKey{N: n, E: int(e.Int64())}
				own := &rsapub.PublicKey{N: n, E: int(e.Int64())}
				if pss && (g.MGF != "MGF1" || g.MGFSHA != g.SHA) {
					t.Fatalf("group %d: MGF %s with %s: neither package implements it", gi, g.MGF, g.MGFSHA)
				}
				for _, tc := range g.Tests {
					ran++
					msg, sig := unhex(t, tc.Msg), unhex(t, tc.Sig)
					h, digest := hashOf(t, g.SHA, msg)
					var errStd, errOwn error
					if pss {
						errStd = rsa.VerifyPSS(std, h, digest, sig, &rsa.PSSOptions{SaltLength: g.SLen})
						errOwn = own.VerifyPSS(h, digest, sig, g.SLen)
					} else {
						errStd = rsa.VerifyPKCS1v15(std, h, digest, sig)
						errOwn = own.VerifyPKCS1v15(h, digest, sig)
					}
					if errOwn != nil && !errors.Is(errOwn, rsapub.ErrVerification) {
						t.Errorf("tcId %d: error %v is not ErrVerification", tc.TcID, errOwn)
					}
					if (errStd == nil) != (errOwn == nil) {
						t.Errorf("tcId %d (%s, %v): crypto/rsa says %v, rsapub says %v", tc.TcID, tc.Comment, tc.Flags, errStd, errOwn)
						continue
					}
					switch tc.Result {
					case "valid":
						valid++
						if errOwn != nil {
							t.Errorf("tcId %d (%s): valid, refused: %v", tc.TcID, tc.Comment, errOwn)
						}
					case "invalid":
						invalid++
						if errOwn == nil {
							t.Errorf("tcId %d (%s, %v): invalid, accepted", tc.TcID, tc.Comment, tc.Flags)
						}
					case "acceptable":
						acceptable++
					default:
						t.Errorf("tcId %d: result %q", tc.TcID, tc.Result)
					}
				}
			}
			if ran != f.NumberOfTests {
				t.Errorf("ran %d tests, the file has %d", ran, f.NumberOfTests)
			}
			total += ran
			t.Logf("%s: %d tests (%d valid, %d invalid, %d acceptable), crypto/rsa and rsapub agree on all", name, ran, valid, invalid, acceptable)
		})
	}
	if want := 3115; total != want {
		t.Errorf("ran %d RSA tests, want %d", total, want)
	}
}
