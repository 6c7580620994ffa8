// Package testkeys holds the private keys of signet's tests, generated
// once and committed, so that no test generates an RSA key at run time
// (RSA key generation takes seconds under -race or on 32-bit platforms).
// Only tests import it.
//
// The keys are PKCS #8 PEM files in testdata/, made by OpenSSL 3.0 with
// these commands, run in testdata/:
//
//	for i in 0 1; do
//		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048-$i.pem
//		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out p256-$i.pem
//		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384-$i.pem
//		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out p521-$i.pem
//		openssl genpkey -algorithm ED25519 -out ed25519-$i.pem
//	done
//	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024-0.pem
//	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:768 -out rsa768-0.pem
//	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:769 -out rsa769-0.pem
//	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-224 -out p224-0.pem
//	go run ../gen.go -bits 2049 > rsa2049-0.pem # OpenSSL 3 rounds 2049 bits to 2048
//
// They protect nothing: never use them outside tests.
//
// Each function parses its key anew, so that a test may change what it
// gets without touching other tests, and panics if asked for a key that
// does not exist.
package testkeys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"embed"
	"encoding/pem"
	"fmt"
)

//go:embed testdata/*.pem
var files embed.FS

// RSA returns 2048-bit RSA key i, 0 or 1.
func RSA(i int) *rsa.PrivateKey {
	return parse[*rsa.PrivateKey](fmt.Sprintf("rsa2048-%d", i))
}

// RSA1024 returns a 1024-bit RSA key, shorter than signet accepts.
func RSA1024() *rsa.PrivateKey {
	return parse[*rsa.PrivateKey]("rsa1024-0")
}

// RSASize returns the RSA key of the given size: 768, 769, 1024, 2048
// (the same as RSA(0)) or 2049 bits, for tests of the arithmetic at odd
// sizes. A key under 1024 bits parses only in a test binary that has the
// line //go:debug rsa1024min=0.
func RSASize(bits int) *rsa.PrivateKey {
	if bits == 2048 {
		return RSA(0)
	}
	return parse[*rsa.PrivateKey](fmt.Sprintf("rsa%d-0", bits))
}

// ECDSA returns ECDSA key i, 0 or 1, on curve: elliptic.P256(), P384()
// or P521(); or key 0 of elliptic.P224(), a curve signet refuses.
func ECDSA(curve elliptic.Curve, i int) *ecdsa.PrivateKey {
	name := map[elliptic.Curve]string{
		elliptic.P224(): "p224", elliptic.P256(): "p256", elliptic.P384(): "p384", elliptic.P521(): "p521",
	}[curve]
	if name == "" {
		panic(fmt.Sprintf("testkeys: no key on %v", curve))
	}
	return parse[*ecdsa.PrivateKey](fmt.Sprintf("%s-%d", name, i))
}

// Ed25519 returns Ed25519 key i, 0 or 1.
func Ed25519(i int) ed25519.PrivateKey {
	return parse[ed25519.PrivateKey](fmt.Sprintf("ed25519-%d", i))
}

func parse[K any](name string) K {
	data, err := files.ReadFile("testdata/" + name + ".pem")
	if err != nil {
		panic(fmt.Sprintf("testkeys: no key %s", name))
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		panic(fmt.Sprintf("testkeys: %s.pem is not a PKCS #8 PEM file", name))
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		panic(fmt.Sprintf("testkeys: %s.pem: %v", name, err))
	}
	k, ok := key.(K)
	if !ok {
		panic(fmt.Sprintf("testkeys: %s.pem holds a %T", name, key))
	}
	return k
}
