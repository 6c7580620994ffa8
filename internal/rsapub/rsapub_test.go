package rsapub_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"math"
	"math/big"
	"sync"
	"testing"

	"github.com/signet-go/signet/internal/rsapub"
	"github.com/signet-go/signet/internal/testkeys"
)

// testKeys are the committed keys of internal/testkeys: 768 and 769 bits
// for the fuzz target's private operation (the 769-bit modulus has emLen one
// octet shorter than the modulus, RFC 8017 §9.1.2's odd case), and 2048
// and 2049 bits for the other tests.
var testKeys = sync.OnceValue(func() []*rsa.PrivateKey {
	var keys []*rsa.PrivateKey
	for _, bits := range []int{768, 769, 2048, 2049} {
		keys = append(keys, testkeys.RSASize(bits))
	}
	return keys
})

var hashes = []crypto.Hash{crypto.SHA256, crypto.SHA384, crypto.SHA512}

func digestOf(h crypto.Hash, msg []byte) []byte {
	switch h {
	case crypto.SHA256:
		d := sha256.Sum256(msg)
		return d[:]
	case crypto.SHA384:
		d := sha512.Sum384(msg)
		return d[:]
	}
	d := sha512.Sum512(msg)
	return d[:]
}

func own(k *rsa.PrivateKey) *rsapub.PublicKey {
	return &rsapub.PublicKey{N: k.N, E: k.E}
}

// TestSigned verifies signatures made by crypto/rsa with every hash, for
// moduli whose size is and is not a multiple of 8 bits, and refuses them
// for another message, another salt length, and with one bit flipped.
func TestSigned(t *testing.T) {
	for _, k := range testKeys()[2:] {
		pub := own(k)
		for _, h := range hashes {
			d := digestOf(h, []byte("signet"))
			other := digestOf(h, []byte("signeT"))
			sig, err := rsa.SignPKCS1v15(rand.Reader, k, h, d)
			if err != nil {
				t.Fatal(err)
			}
			if err := pub.VerifyPKCS1v15(h, d, sig); err != nil {
				t.Errorf("%d bits, %v: VerifyPKCS1v15(own signature) = %v", k.N.BitLen(), h, err)
			}
			if err := pub.VerifyPKCS1v15(h, other, sig); !errors.Is(err, rsapub.ErrVerification) {
				t.Errorf("%d bits, %v: VerifyPKCS1v15(other digest) = %v", k.N.BitLen(), h, err)
			}
			for i := range 8 * len(sig) {
				bad := append([]byte(nil), sig...)
				bad[i/8] ^= 1 << (i % 8)
				if err := pub.VerifyPKCS1v15(h, d, bad); err == nil {
					t.Fatalf("%d bits, %v: VerifyPKCS1v15 accepts bit %d flipped", k.N.BitLen(), h, i)
				}
			}
			for _, salt := range []int{h.Size(), 20} { // 0 would be crypto/rsa's PSSSaltLengthAuto
				sig, err := rsa.SignPSS(rand.Reader, k, h, d, &rsa.PSSOptions{SaltLength: salt})
				if err != nil {
					t.Fatal(err)
				}
				if err := pub.VerifyPSS(h, d, sig, salt); err != nil {
					t.Errorf("%d bits, %v, salt %d: VerifyPSS(own signature) = %v", k.N.BitLen(), h, salt, err)
				}
				if err := pub.VerifyPSS(h, other, sig, salt); err == nil {
					t.Errorf("%d bits, %v, salt %d: VerifyPSS(other digest) accepted", k.N.BitLen(), h, salt)
				}
				if err := pub.VerifyPSS(h, d, sig, salt+1); err == nil {
					t.Errorf("%d bits, %v, salt %d: VerifyPSS(salt length %d) accepted", k.N.BitLen(), h, salt, salt+1)
				}
				bad := append([]byte(nil), sig...)
				bad[len(bad)/2] ^= 0x10
				if err := pub.VerifyPSS(h, d, bad, salt); err == nil {
					t.Errorf("%d bits, %v, salt %d: VerifyPSS(altered) accepted", k.N.BitLen(), h, salt)
				}
			}
		}
	}
}

// TestRefused checks inputs refused before any arithmetic, and keys this
// package cannot verify with: each is ErrVerification, never a panic, and
// crypto/rsa refuses the same.
func TestRefused(t *testing.T) {
	k := testKeys()[2]
	d := digestOf(crypto.SHA256, []byte("signet"))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, d)
	if err != nil {
		t.Fatal(err)
	}
	n := k.N
	nBytes := n.FillBytes(make([]byte, len(sig)))
	nPlus1 := new(big.Int).Add(n, big.NewInt(1)).FillBytes(make([]byte, len(sig)))
	tests := []struct {
		name string
		key  *rsapub.PublicKey
		h    crypto.Hash
		d    []byte
		sig  []byte
	}{
		{"short signature", own(k), crypto.SHA256, d, sig[1:]},
		{"long signature", own(k), crypto.SHA256, d, append([]byte{0}, sig...)},
		{"empty signature", own(k), crypto.SHA256, d, nil},
		{"signature equal to N", own(k), crypto.SHA256, d, nBytes},
		{"signature above N", own(k), crypto.SHA256, d, nPlus1},
		{"short digest", own(k), crypto.SHA256, d[1:], sig},
		{"digest of another hash", own(k), crypto.SHA384, d, sig},
		{"SHA-1", own(k), crypto.SHA1, d[:20], sig},
		{"unknown hash", own(k), crypto.Hash(99), d, sig},
		{"nil N", &rsapub.PublicKey{E: 65537}, crypto.SHA256, d, sig},
		{"zero N", &rsapub.PublicKey{N: new(big.Int), E: 65537}, crypto.SHA256, d, sig},
		{"negative N", &rsapub.PublicKey{N: new(big.Int).Neg(n), E: 65537}, crypto.SHA256, d, sig},
		{"even N", &rsapub.PublicKey{N: new(big.Int).Add(n, big.NewInt(1)), E: 65537}, crypto.SHA256, d, sig},
		{"N = 1", &rsapub.PublicKey{N: big.NewInt(1), E: 65537}, crypto.SHA256, d, sig},
		{"E = 0", &rsapub.PublicKey{N: n, E: 0}, crypto.SHA256, d, sig},
		{"E = 1", &rsapub.PublicKey{N: n, E: 1}, crypto.SHA256, d, sig},
		{"even E", &rsapub.PublicKey{N: n, E: 65536}, crypto.SHA256, d, sig},
		{"negative E", &rsapub.PublicKey{N: n, E: -65537}, crypto.SHA256, d, sig},
		{"zero key", &rsapub.PublicKey{}, crypto.SHA256, d, sig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.key.VerifyPKCS1v15(tt.h, tt.d, tt.sig); !errors.Is(err, rsapub.ErrVerification) {
				t.Errorf("VerifyPKCS1v15 = %v, want ErrVerification", err)
			}
			if err := tt.key.VerifyPSS(tt.h, tt.d, tt.sig, 32); !errors.Is(err, rsapub.ErrVerification) {
				t.Errorf("VerifyPSS = %v, want ErrVerification", err)
			}
			switch tt.name {
			case "unknown hash":
				return // crypto/rsa panics on a hash it does not know
			case "negative N":
				return // crypto/rsa takes |N|; a negative modulus is no key here
			}
			std := &rsa.PublicKey{N: tt.key.N, E: tt.key.E}
			if err := rsa.VerifyPKCS1v15(std, tt.h, tt.d, tt.sig); err == nil {
				t.Errorf("crypto/rsa accepts what rsapub refuses")
			}
		})
	}
	// A PSS signature, under salt lengths so large that the length check
	// overflows.
	pss, err := rsa.SignPSS(rand.Reader, k, crypto.SHA256, d, &rsa.PSSOptions{SaltLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	for _, salt := range []int{-1, math.MaxInt, math.MaxInt - 33, math.MaxInt - 40} {
		if err := own(k).VerifyPSS(crypto.SHA256, d, pss, salt); !errors.Is(err, rsapub.ErrVerification) {
			t.Errorf("VerifyPSS(salt length %d) = %v, want ErrVerification", salt, err)
		}
	}
}

// TestConcurrentFirstUse verifies with one fresh key from many goroutines
// at once, so the race detector sees the lazy precomputation.
func TestConcurrentFirstUse(t *testing.T) {
	k := testKeys()[2]
	d := digestOf(crypto.SHA256, []byte("signet"))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, d)
	if err != nil {
		t.Fatal(err)
	}
	pub := own(k)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = pub.VerifyPKCS1v15(crypto.SHA256, d, sig)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", i, err)
		}
	}
}

// TestAllocations pins that verification allocates nothing after the
// first call, up to 4096-bit moduli.
func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, k := range testKeys()[2:] {
		pub := own(k)
		d := digestOf(crypto.SHA256, []byte("signet"))
		sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, d)
		if err != nil {
			t.Fatal(err)
		}
		pss, err := rsa.SignPSS(rand.Reader, k, crypto.SHA256, d, &rsa.PSSOptions{SaltLength: 32})
		if err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(20, func() {
			if err := pub.VerifyPKCS1v15(crypto.SHA256, d, sig); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%d bits: VerifyPKCS1v15 allocates %v times, want 0", k.N.BitLen(), n)
		}
		if n := testing.AllocsPerRun(20, func() {
			if err := pub.VerifyPSS(crypto.SHA256, d, pss, 32); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%d bits: VerifyPSS allocates %v times, want 0", k.N.BitLen(), n)
		}
	}
}
