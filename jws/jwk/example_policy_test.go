package jwk_test

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log"

	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// A SPIFFE trust bundle publishes its JWT-SVID signing keys with "use"
// "jwt-svid". A JWT-SVID verifier names that use; by default such keys are
// skipped, and resolving their kid says why. The key is RFC 8037 A.1's.
func ExampleParseOptions_ParseSet() {
	bundle := []byte(`{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"svid-1","use":"jwt-svid",
		"x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`)

	set, err := jwk.ParseSet(bundle)
	if err != nil {
		log.Fatal(err)
	}
	_, err = set.Resolve(context.Background(), "svid-1", jws.EdDSA)
	fmt.Println(errors.Is(err, jws.ErrKeyNotFound), len(set.Skipped()), "skipped")

	svids, err := jwk.ParseOptions{SignatureUses: []string{"jwt-svid"}}.ParseSet(bundle)
	if err != nil {
		log.Fatal(err)
	}
	vs, err := svids.Resolve(context.Background(), "svid-1", jws.EdDSA)
	fmt.Println(len(vs) > 0, err)
	// Output:
	// true 1 skipped
	// true <nil>
}

// A set whose keys are all unusable still parses (RFC 7517 §5), and
// resolving a skipped key's kid says why it was skipped.
func ExampleSet_Skipped() {
	set, err := jwk.ParseSet([]byte(`{"keys":[{"kty":"EC","kid":"enc-1","use":"enc","crv":"P-256",
		"x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}]}`))
	if err != nil {
		log.Fatal(err)
	}
	for _, err := range set.Skipped() {
		fmt.Println(err)
	}
	_, err = set.Resolve(context.Background(), "enc-1", jws.ES256)
	fmt.Println(errors.Is(err, jws.ErrKeyNotFound), errors.Is(err, jws.ErrInvalidKey))
	// Output:
	// jwk: JWK Set keys[0] (kid "enc-1") skipped: invalid key: the JWK's "use" is "enc", not "sig" (RFC 7517 §4.2)
	// true true
}

// MarshalJSON writes public keys only, so that a jwks.json handler never
// publishes a private key; storing one takes MarshalPrivate. The key is
// RFC 8032 §7.1's TEST 1.
func ExampleKey_MarshalPrivate() {
	seed, _ := hex.DecodeString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	key, err := jwk.NewKey(ed25519.NewKeyFromSeed(seed), jws.EdDSA, "k1")
	if err != nil {
		log.Fatal(err)
	}
	_, err = key.MarshalJSON()
	fmt.Println(errors.Is(err, jws.ErrInvalidKey))

	stored, err := key.MarshalPrivate()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(stored))
	// Output:
	// true
	// {"kty":"OKP","kid":"k1","alg":"EdDSA","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}
}

// A set of private keys is stored with MarshalPrivate; MarshalJSON, and
// so json.Marshal, refuses it.
func ExampleSet_MarshalPrivate() {
	seed, _ := hex.DecodeString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	key, err := jwk.NewKey(ed25519.NewKeyFromSeed(seed), jws.EdDSA, "k1")
	if err != nil {
		log.Fatal(err)
	}
	set, err := jwk.NewSet(key)
	if err != nil {
		log.Fatal(err)
	}
	_, err = set.MarshalJSON()
	fmt.Println(errors.Is(err, jws.ErrInvalidKey))
	stored, err := set.MarshalPrivate()
	fmt.Println(len(stored) > 0, err)
	// Output:
	// true
	// true <nil>
}
