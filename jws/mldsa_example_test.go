//go:build go1.27

package jws_test

import (
	"crypto/mldsa"
	"fmt"
	"strings"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
)

// ExampleNewMLDSASigner signs a payload with ML-DSA-44 (RFC 9964) and
// verifies it. ML-DSA signatures are hedged, so the token differs on every
// run; its size does not. Built with Go 1.27 or later only.
func ExampleNewMLDSASigner() {
	private, err := mldsa.GenerateKey(mldsa.MLDSA44())
	if err != nil {
		panic(err)
	}
	signer, err := jws.NewMLDSASigner(jws.MLDSA44, private)
	if err != nil {
		panic(err)
	}
	token, err := jws.Sign(signer, jws.Header{KeyID: "pq-1"}, []byte("post-quantum hello"))
	if err != nil {
		panic(err)
	}

	// The relying party has the public key, as 1312 bytes.
	public, err := mldsa.NewPublicKey(mldsa.MLDSA44(), private.PublicKey().Bytes())
	if err != nil {
		panic(err)
	}
	verifier, err := jws.NewMLDSAVerifier(jws.MLDSA44, public)
	if err != nil {
		panic(err)
	}
	h, payload, err := jws.Verify(verifier, token)
	fmt.Println(h.Algorithm, h.KeyID, string(payload), err)

	sig, _ := base64url.DecodeString(token[strings.LastIndexByte(token, '.')+1:])
	fmt.Printf("signature: %d bytes, token: %d bytes\n", len(sig), len(token))
	// Output:
	// ML-DSA-44 pq-1 post-quantum hello <nil>
	// signature: 2420 bytes, token: 3296 bytes
}
