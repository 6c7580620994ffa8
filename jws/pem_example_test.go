package jws_test

import (
	"errors"
	"fmt"

	"github.com/signet-go/signet/jws"
)

// The Ed25519 key pair of testdata/pem (ed25519.pkcs8.pem and
// ed25519.pub.pem), written by openssl genpkey; openssl pkeyutl -sign
// -rawin gives the same signature. In a service these bytes
// come from a file or a secrets manager.
const (
	ed25519PrivatePEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIOObt930n3VyB4wQfAVLuYj0vaZ2M1AMqrT2PD/Q+Rn+
-----END PRIVATE KEY-----
`
	ed25519PublicPEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEATLvE/zfoZoigDmklwg7nVu6xssG4nRA9bXoPWoTYfbI=
-----END PUBLIC KEY-----
`
)

// The issuer builds its Signer from the private key's PEM; the services
// that verify build their Verifier from the public key's PEM (or from a
// certificate), for the algorithm they expect.
func ExampleParsePEMSigner() {
	signer, err := jws.ParsePEMSigner(jws.Ed25519, []byte(ed25519PrivatePEM))
	if err != nil {
		fmt.Println(err)
		return
	}
	token, err := jws.Sign(signer, jws.Header{}, []byte("hello"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(token)

	verifier, err := jws.ParsePEMVerifier(jws.Ed25519, []byte(ed25519PublicPEM))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, payload, err := jws.Verify(verifier, token)
	fmt.Printf("%s %v\n", payload, err)
	// Output:
	// eyJhbGciOiJFZDI1NTE5In0.aGVsbG8.bD2K6__iQVlVPI8AA0fey2sCLHP6B9Apb_ce9rs1Y-bkpsC4vuKtP3Yh9lzIHCcn4Ubjf2DwBlHcyGJu-j7aAA
	// hello <nil>
}

// A key that does not suit the algorithm, or a file that is not one plain
// PEM key, is refused with an error wrapping one of the package's
// sentinels.
func ExampleParsePEMVerifier_errors() {
	_, err := jws.ParsePEMVerifier(jws.ES256, []byte(ed25519PublicPEM))
	fmt.Println(errors.Is(err, jws.ErrUnsupportedAlgorithm), err)

	_, err = jws.ParsePEMVerifier(jws.EdDSA, []byte(ed25519PrivatePEM))
	fmt.Println(errors.Is(err, jws.ErrInvalidKey), err)

	_, err = jws.ParsePEMVerifier(jws.EdDSA, []byte(ed25519PublicPEM+ed25519PublicPEM))
	fmt.Println(errors.Is(err, jws.ErrMalformed), err)
	// Output:
	// true jws: unsupported algorithm: ES256 cannot be used with an Ed25519 key
	// true jws: invalid key: ParsePEMVerifier: a PRIVATE KEY PEM block where a public key is expected; publish the public key (openssl pkey -pubout), or use ParsePEMSigner and the Signer's Verifier method
	// true jws: malformed input: 2 PEM blocks where one is expected (the first is PUBLIC KEY)
}
