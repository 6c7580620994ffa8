//go:build go1.27

package jwk_test

import (
	"context"
	"crypto/mldsa"
	"encoding/json"
	"fmt"
	"log"

	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// A service publishes an ML-DSA-44 key as an AKP JWK (RFC 9964) and its
// relying parties verify its tokens with the JWK Set. Built with Go 1.27 or
// later only; before, a Set skips AKP keys and says why.
func ExampleNewKey_mldsa() {
	private, err := mldsa.GenerateKey(mldsa.MLDSA44())
	if err != nil {
		log.Fatal(err)
	}
	// "alg" is the key's parameter set; the kid its RFC 7638 thumbprint.
	key, err := jwk.NewKey(private, "", "")
	if err != nil {
		log.Fatal(err)
	}
	signer, err := key.Signer()
	if err != nil {
		log.Fatal(err)
	}
	token, err := jws.Sign(signer, jws.Header{KeyID: key.KeyID()}, []byte("post-quantum hello"))
	if err != nil {
		log.Fatal(err)
	}

	// What the service publishes: the public half, without "priv".
	public, err := key.Public()
	if err != nil {
		log.Fatal(err)
	}
	published, err := jwk.NewSet(public)
	if err != nil {
		log.Fatal(err)
	}
	doc, err := json.Marshal(published)
	if err != nil {
		log.Fatal(err)
	}
	var members struct {
		Keys []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal(doc, &members); err != nil {
		log.Fatal(err)
	}
	_, hasPriv := members.Keys[0]["priv"]
	fmt.Println(members.Keys[0]["kty"], members.Keys[0]["alg"], "priv published:", hasPriv)

	// A relying party parses the set and verifies.
	set, err := jwk.ParseSet(doc)
	if err != nil {
		log.Fatal(err)
	}
	h, payload, err := jws.VerifyKeyed(context.Background(), set, token)
	fmt.Println(h.Algorithm, h.KeyID == key.KeyID(), string(payload), err)
	// Output:
	// AKP ML-DSA-44 priv published: false
	// ML-DSA-44 true post-quantum hello <nil>
}
