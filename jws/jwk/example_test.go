package jwk_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// A service verifies tokens from an identity provider with the provider's
// JWK Set, picking the key by the token's "kid". The set mixes in a key for
// encryption, which is skipped.
func ExampleParseSet() {
	// Fetched from the provider's jwks_uri, which the service configures
	// (never from a token's "jku" or "x5u"). The Ed25519 key is RFC 8037's.
	jwks := []byte(`{"keys":[
		{"kty":"EC","crv":"P-256","use":"enc","kid":"1",
		 "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
		{"kty":"OKP","crv":"Ed25519","use":"sig","alg":"EdDSA","kid":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
		 "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
	]}`)
	set, err := jwk.ParseSet(jwks)
	if err != nil {
		log.Fatal(err)
	}
	for _, err := range set.Skipped() {
		fmt.Println(err)
	}

	token := "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsifQ." +
		"eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoiYWxpY2UifQ." +
		"3AbE_R7CTqbQ66yHaUAstL0QcTk6KUsIyVJhotx9G3qe1bRVlzOSkgjE2eAJ34vpWEVzbSDG3pDKaOB7NU5XBA"
	header, payload, err := jws.VerifyKeyed(context.Background(), set, token)
	switch {
	case errors.Is(err, jws.ErrKeyNotFound):
		fmt.Println("unknown key: a Remote would refetch the set, at most once per cooldown")
	case err != nil:
		fmt.Println("rejected:", err)
	default:
		fmt.Println(header.Algorithm, header.KeyID)
		fmt.Println(string(payload))
	}
	// Output:
	// jwk: JWK Set keys[0] (kid "1") skipped: invalid key: the JWK's "use" is "enc", not "sig" (RFC 7517 §4.2)
	// EdDSA kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k
	// {"iss":"https://issuer.example","sub":"alice"}
}

// A key published without "alg" (as Microsoft Entra ID publishes its RSA
// keys) verifies once the caller names the algorithm. The key and token are
// those of RFC 8037 Appendix A.2 and A.5.
func ExampleKey_VerifierFor() {
	key, err := jwk.ParseKey([]byte(`{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := key.Verifier(); err != nil {
		fmt.Println(err)
	}
	v, err := key.VerifierFor(jws.EdDSA)
	if err != nil {
		log.Fatal(err)
	}
	_, payload, err := jws.Verify(v, "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."+
		"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")
	fmt.Printf("%s %v\n", payload, err)
	// Output:
	// jwk: unsupported algorithm: the JWK has no "alg"; name the algorithm with VerifierFor
	// Example of Ed25519 signing <nil>
}

// A Set is a jws.Resolver, and so is a function wrapping it: here one that
// logs what each token asks for. The set's key has no "alg" (as Microsoft
// Entra ID publishes its keys) and no "kid"; the token's "alg" picks the
// Verifier bound to it, through the wrapper as well. The key and token are
// those of RFC 8037 Appendix A.2 and A.5.
func ExampleSet_Resolve() {
	set, err := jwk.ParseSet([]byte(`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`))
	if err != nil {
		log.Fatal(err)
	}
	logged := jws.ResolverFunc(func(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
		vs, err := set.Resolve(ctx, kid, alg)
		fmt.Printf("resolve kid %q alg %s: %d candidate(s), err %v\n", kid, alg, len(vs), err)
		return vs, err
	})
	token := "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc." +
		"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
	_, payload, err := jws.VerifyKeyed(context.Background(), logged, token)
	fmt.Printf("%s %v\n", payload, err)
	// Output:
	// resolve kid "" alg EdDSA: 2 candidate(s), err <nil>
	// Example of Ed25519 signing <nil>
}

// The JWK Thumbprint of RFC 7638 §3.1's example key.
func ExampleKey_Thumbprint() {
	key, err := jwk.ParseKey([]byte(`{"kty":"RSA","alg":"RS256","kid":"2011-04-29","e":"AQAB",
		"n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}`))
	if err != nil {
		log.Fatal(err)
	}
	t, err := key.Thumbprint(crypto.SHA256)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(base64url.EncodeToString(t))
	// Output: NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs
}

// A service that issues tokens publishes the public half of its signing
// key as a JWK Set, for its clients to verify with. NewKey sets the kid to
// the key's RFC 7638 thumbprint. The key is RFC 8032 §7.1's TEST 1.
func ExampleNewSet() {
	seed, _ := hex.DecodeString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	key, err := jwk.NewKey(ed25519.NewKeyFromSeed(seed), jws.Ed25519, "") // RFC 9864's name, not EdDSA
	if err != nil {
		log.Fatal(err)
	}
	public, err := key.Public()
	if err != nil {
		log.Fatal(err)
	}
	set, err := jwk.NewSet(public)
	if err != nil {
		log.Fatal(err)
	}
	doc, err := json.Marshal(set) // serve this at the jwks_uri
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(doc))

	// Tokens carry the key's kid, which clients look up in the set.
	signer, err := key.Signer()
	if err != nil {
		log.Fatal(err)
	}
	token, err := jws.Sign(signer, jws.Header{KeyID: key.KeyID()}, []byte("hello"))
	if err != nil {
		log.Fatal(err)
	}
	published, err := jwk.ParseSet(doc)
	if err != nil {
		log.Fatal(err)
	}
	_, payload, err := jws.VerifyKeyed(context.Background(), published, token)
	fmt.Printf("%s %v\n", payload, err)
	// Output:
	// {"keys":[{"kty":"OKP","kid":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","alg":"Ed25519","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}
	// hello <nil>
}
