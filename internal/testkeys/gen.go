//go:build ignore

// Command gen writes a new RSA private key of the given size, PKCS #8 in
// PEM, to its standard output: for sizes that OpenSSL 3 does not make
// exactly (it rounds 2049 bits to 2048). Run in internal/testkeys:
//
//	go run gen.go -bits 2049 > testdata/rsa2049-0.pem
package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"flag"
	"log"
	"os"
)

func main() {
	bits := flag.Int("bits", 2048, "modulus size")
	flag.Parse()
	key, err := rsa.GenerateKey(rand.Reader, *bits)
	if err != nil {
		log.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		log.Fatal(err)
	}
	if err := pem.Encode(os.Stdout, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		log.Fatal(err)
	}
}
