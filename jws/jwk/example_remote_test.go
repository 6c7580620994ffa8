package jwk_test

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
	"github.com/signet-go/signet/jwt"
)

// A service verifies an identity provider's tokens against the JWK Set at
// its jwks_uri. NewRemote does nothing until the set is needed; Ready
// fetches it for a start-up or readiness probe, and verification keeps it
// current. Here the provider runs on 127.0.0.1 and publishes RFC 8037's
// Ed25519 key; a real jwks_uri is https://.
func ExampleNewRemote() {
	idp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/jwk-set+json")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fmt.Fprint(w, `{"keys":[{"kty":"OKP","crv":"Ed25519","use":"sig","alg":"EdDSA",
			"kid":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`)
	}))
	defer idp.Close()

	keys, err := jwk.NewRemote(idp.URL+"/jwks", &jwk.RemoteOptions{
		AllowHTTPLoopback: true, // only for this local provider
		Observer: func(e jwk.FetchEvent) {
			fmt.Println("fetched:", e.Status, e.Keys, "key(s), error:", e.Err)
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background() // the request's context, in a service
	if err := keys.Ready(ctx); err != nil {
		log.Fatal(err)
	}

	token := "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsifQ." +
		"eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoiYWxpY2UifQ." +
		"3AbE_R7CTqbQ66yHaUAstL0QcTk6KUsIyVJhotx9G3qe1bRVlzOSkgjE2eAJ34vpWEVzbSDG3pDKaOB7NU5XBA"
	_, payload, err := jws.VerifyKeyed(ctx, keys, token)
	fmt.Println(string(payload), err)

	// A kid the provider never published: the set was fetched less than a
	// cooldown ago, so this costs no request.
	forged := "eyJhbGciOiJFZERTQSIsImtpZCI6ImZvcmdlZCJ9.e30.AAAA"
	_, _, err = jws.VerifyKeyed(ctx, keys, forged)
	fmt.Println(errors.Is(err, jws.ErrKeyNotFound))
	// Output:
	// fetched: 200 1 key(s), error: <nil>
	// {"iss":"https://issuer.example","sub":"alice"} <nil>
	// true
}

// Discover finds the jwks_uri in the provider's OpenID configuration and
// binds the Remote to the issuer it checked, which the service then
// requires in its tokens. Here the provider runs on 127.0.0.1 and signs
// with RFC 8032 §7.1's TEST 1 key.
func ExampleDiscover() {
	seed, _ := hex.DecodeString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	key, err := jwk.NewKey(ed25519.NewKeyFromSeed(seed), jws.EdDSA, "")
	if err != nil {
		log.Fatal(err)
	}
	public, _ := key.Public()
	set, _ := jwk.NewSet(public)
	jwks, _ := json.Marshal(set)

	var issuer string
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"issuer": issuer, "jwks_uri": issuer + "/keys"})
	})
	mux.HandleFunc("/keys", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(jwks)
	})
	idp := httptest.NewServer(mux)
	defer idp.Close()
	issuer = idp.URL

	ctx := context.Background()
	keys, err := jwk.Discover(ctx, issuer, &jwk.RemoteOptions{AllowHTTPLoopback: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(keys.Issuer() == issuer, keys.URL() == issuer+"/keys")

	// The provider issues a token; the service verifies it.
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	signer, _ := key.Signer()
	token, _ := jwt.Sign(signer, jws.Header{KeyID: key.KeyID()}, claims.Registered{
		Issuer:    issuer,
		Subject:   "ada",
		Audience:  claims.Audience{"my-api"},
		ExpiresAt: claims.NewNumericDate(now.Add(time.Hour)),
	})
	c, err := jwt.VerifyKeyed[claims.Registered](ctx, keys, token, &jwt.VerifyOptions{
		Claims: claims.Validator{Issuer: keys.Issuer(), Audience: "my-api", Now: func() time.Time { return now }},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Subject)
	// Output:
	// true true
	// ada
}
