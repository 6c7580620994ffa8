//go:build go1.27

package jws_test

import (
	"crypto/mldsa"
	"crypto/sha3"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/signet-go/signet/jws"
)

// fips204Long runs the 10,000-iteration accumulated vectors too. They are
// off by default only for time: about two minutes on a 2-core machine, where the
// 100-iteration ones take well under a second; run them with
//
//	GOTOOLCHAIN=go1.27.3 go test ./jws -run TestFIPS204Accumulated -fips204long
var fips204Long = flag.Bool("fips204long", false, "also run the 10,000-iteration FIPS 204 accumulated vectors")

// TestFIPS204Accumulated runs the accumulated FIPS 204 vectors of Go's own
// crypto/mldsa tests (testdata/fips204) through signet: for each of the
// vector's keys, NewMLDSASigner derives the key from its seed, and the
// public key it verifies with enters the accumulated hash together with
// the deterministic FIPS 204 signature of the empty message, which its
// Verifier and NewMLDSAVerifier must accept, and refuse once altered. The
// hash matching Go's expected value pins every public key signet derived
// and every signature it accepted.
func TestFIPS204Accumulated(t *testing.T) {
	raw, err := os.ReadFile("../testdata/fips204/accumulated.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Vectors []struct {
			Alg        jws.Algorithm `json:"alg"`
			Iterations int           `json:"iterations"`
			Expected   string        `json:"expected"`
		} `json:"vectors"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Vectors) != 6 {
		t.Fatalf("%d vectors, want 6", len(file.Vectors))
	}
	params := map[jws.Algorithm]mldsa.Parameters{
		jws.MLDSA44: mldsa.MLDSA44(), jws.MLDSA65: mldsa.MLDSA65(), jws.MLDSA87: mldsa.MLDSA87(),
	}
	ran := 0
	for _, v := range file.Vectors {
		t.Run(fmt.Sprintf("%s/%d", v.Alg, v.Iterations), func(t *testing.T) {
			if v.Iterations > 100 && !*fips204Long {
				t.Skip("10,000 iterations: run with -fips204long (about two minutes in all)")
			}
			got, err := accumulate(v.Alg, params[v.Alg], v.Iterations)
			if err != nil {
				t.Fatal(err)
			}
			if got != v.Expected {
				t.Errorf("accumulated hash = %s, want %s", got, v.Expected)
			}
			ran++
		})
	}
	if ran < 3 {
		t.Errorf("%d accumulated vectors ran, want at least the three of 100 iterations", ran)
	}
}

// accumulate runs n iterations of the accumulated vector for alg and
// returns the accumulator's hex output.
func accumulate(alg jws.Algorithm, params mldsa.Parameters, n int) (string, error) {
	seeds := sha3.NewSHAKE128()
	acc := sha3.NewSHAKE128()
	seed := make([]byte, mldsa.PrivateKeySize)
	for i := range n {
		seeds.Read(seed)
		key, err := mldsa.NewPrivateKey(params, seed)
		if err != nil {
			return "", err
		}
		s, err := jws.NewMLDSASigner(alg, key)
		if err != nil {
			return "", err
		}
		pk := jws.MLDSAVerifierKey(s.Verifier()).Bytes()
		acc.Write(pk)
		sig, err := key.SignDeterministic(nil, nil)
		if err != nil {
			return "", err
		}
		acc.Write(sig)
		pub, err := mldsa.NewPublicKey(params, pk)
		if err != nil {
			return "", err
		}
		v, err := jws.NewMLDSAVerifier(alg, pub)
		if err != nil {
			return "", err
		}
		for _, v := range []jws.Verifier{s.Verifier(), v} {
			if err := v.VerifySignature(nil, sig); err != nil {
				return "", fmt.Errorf("iteration %d: VerifySignature = %v", i, err)
			}
		}
		sig[i%len(sig)] ^= 1 << (i % 8)
		if err := v.VerifySignature(nil, sig); !errors.Is(err, jws.ErrInvalidSignature) {
			return "", fmt.Errorf("iteration %d: VerifySignature(altered signature) = %v, want ErrInvalidSignature", i, err)
		}
		if err := v.VerifySignature([]byte{0}, sig); !errors.Is(err, jws.ErrInvalidSignature) {
			return "", fmt.Errorf("iteration %d: VerifySignature(another message) = %v, want ErrInvalidSignature", i, err)
		}
	}
	out := make([]byte, 32)
	acc.Read(out)
	return hex.EncodeToString(out), nil
}
