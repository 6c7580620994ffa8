//go:build ignore

// Command gen writes constructed-2048.pem, constructed-3072.pem and
// constructed-4096.pem: RSA private keys (PKCS #8) whose primes have the
// structure of Infineon's RSA library that ROCA factors (CVE-2017-15361),
// built with the construction that Nemec et al. publish, from fixed seeds
// (math/rand/v2's ChaCha8), so that running it again writes the same
// files. jws/roca_test.go reads them: building them at every test run took
// seconds.
//
// From the module root:
//
//	go run testdata/roca/gen.go
package main

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"log"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
)

func main() {
	keys, err := rocaPrivateKeys()
	if err != nil {
		log.Fatal(err)
	}
	for _, bits := range []int{2048, 3072, 4096} {
		der, err := x509.MarshalPKCS8PrivateKey(keys[bits])
		if err != nil {
			log.Fatal(err)
		}
		data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
		name := filepath.Join("testdata", "roca", fmt.Sprintf("constructed-%d.pem", bits))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// rocaPrime returns a prime of the given size with the structure that
// Infineon's RSA library gave its primes, as Nemec et al. publish it
// ("The Return of Coppersmith's Attack", CCS 2017, §2.3):
//
//	p = k·M + (65537^a mod M)
//
// where M is the product of the first t primes, and k and a are random. It
// is the generator of the private ROCA keys of the tests, which no real
// key can give (its factors are unknown), and draws from rng, so that a
// seed gives the same key every time.
func rocaPrime(rng *rand.Rand, bits, t int) *big.Int {
	m := big.NewInt(1)
	for p, n := int64(2), 0; n < t; p++ {
		if big.NewInt(p).ProbablyPrime(0) {
			m.Mul(m, big.NewInt(p))
			n++
		}
	}
	// k is drawn so that √2·2^(bits-1) ≤ p < 2^bits: the product of two
	// such primes has exactly 2·bits bits.
	lo := new(big.Int).Lsh(big.NewInt(1), uint(2*bits-1))
	lo.Sqrt(lo).Div(lo, m).Add(lo, big.NewInt(1))
	hi := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	hi.Sub(hi, m).Div(hi, m) // k·M + (65537^a mod M) < (k+1)·M ≤ 2^bits
	span := new(big.Int).Sub(hi, lo)
	e := big.NewInt(65537)
	one := big.NewInt(1)
	for range 100_000 {
		a := new(big.Int).SetUint64(rng.Uint64())
		k := new(big.Int)
		for k.BitLen() < span.BitLen()+64 {
			k.Lsh(k, 64).Or(k, new(big.Int).SetUint64(rng.Uint64()))
		}
		k.Mod(k, span).Add(k, lo)
		p := new(big.Int).Mul(k, m)
		p.Add(p, new(big.Int).Exp(e, a, m))
		pm1 := new(big.Int).Sub(p, one)
		if new(big.Int).GCD(nil, nil, pm1, e).Cmp(one) != 0 {
			continue
		}
		if p.ProbablyPrime(20) {
			return p
		}
	}
	panic("rocaPrime: no prime found")
}

// rocaPrivateKeys returns RSA private keys whose primes have the ROCA
// structure: t = 126 for 2048 and 3072 bits, 225 for 4096 (the paper's
// Table 1), each from its seed.
func rocaPrivateKeys() (map[int]*rsa.PrivateKey, error) {
	keys := map[int]*rsa.PrivateKey{}
	for _, c := range []struct{ bits, t int }{{2048, 126}, {3072, 126}, {4096, 225}} {
		rng := rand.New(rand.NewChaCha8([32]byte{byte(c.bits >> 8), byte(c.bits)}))
		for {
			p, q := rocaPrime(rng, c.bits/2, c.t), rocaPrime(rng, c.bits/2, c.t)
			n := new(big.Int).Mul(p, q)
			if n.BitLen() != c.bits {
				return nil, fmt.Errorf("%d bits: got a %d-bit modulus", c.bits, n.BitLen())
			}
			if p.Cmp(q) == 0 {
				continue
			}
			one := big.NewInt(1)
			pm1, qm1 := new(big.Int).Sub(p, one), new(big.Int).Sub(q, one)
			g := new(big.Int).GCD(nil, nil, pm1, qm1)
			lcm := new(big.Int).Div(new(big.Int).Mul(pm1, qm1), g)
			d := new(big.Int).ModInverse(big.NewInt(65537), lcm)
			k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: 65537}, D: d, Primes: []*big.Int{p, q}}
			k.Precompute()
			if err := k.Validate(); err != nil {
				return nil, fmt.Errorf("%d bits: %w", c.bits, err)
			}
			keys[c.bits] = k
			break
		}
	}
	return keys, nil
}
