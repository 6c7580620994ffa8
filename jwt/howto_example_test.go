package jwt_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
	"github.com/signet-go/signet/jwt"
)

// The examples' Ed25519 key pair: testdata/pem/ed25519.pkcs8.pem and
// ed25519.pub.pem, written by openssl genpkey. A service reads such bytes
// from a file or a secrets manager.
const (
	privateKeyPEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIOObt930n3VyB4wQfAVLuYj0vaZ2M1AMqrT2PD/Q+Rn+
-----END PRIVATE KEY-----
`
	publicKeyPEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEATLvE/zfoZoigDmklwg7nVu6xssG4nRA9bXoPWoTYfbI=
-----END PUBLIC KEY-----
`
)

// How do I use keys from PEM files? Build the Signer from the private key
// and the Verifier from the public key (or a certificate), naming the
// algorithm: the key must suit it. Ed25519 is the name RFC 9864 gives these
// signatures, which new deployments should prefer to EdDSA.
func Example_keysFromPEM() {
	signer, err := jws.ParsePEMSigner(jws.Ed25519, []byte(privateKeyPEM))
	if err != nil {
		fmt.Println(err)
		return
	}
	token, err := jwt.Sign(signer, jws.Header{}, claims.Registered{
		Subject:   "ada",
		ExpiresAt: claims.NewNumericDate(exampleNow().Add(time.Hour)),
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	verifier, err := jws.ParsePEMVerifier(jws.Ed25519, []byte(publicKeyPEM))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := jwt.Verify[claims.Registered](verifier, token, &jwt.VerifyOptions{
		Claims: claims.Validator{Now: exampleNow},
	})
	if err != nil {
		fmt.Println("refused:", err)
		return
	}
	fmt.Println(c.Subject)

	// The key decides what it can do: an Ed25519 key is no ES256 key.
	_, err = jws.ParsePEMVerifier(jws.ES256, []byte(publicKeyPEM))
	fmt.Println(err)
	// Output:
	// ada
	// jws: unsupported algorithm: ES256 cannot be used with an Ed25519 key
}

// How do I verify the tokens of an identity provider? Give VerifyKeyed its
// JWK Set, which picks the key by the token's "kid". A service points a
// jwk.Remote at the provider's jwks_uri (jwk.NewRemote, or jwk.Discover from
// the issuer), which fetches the set and keeps it current; here the set is
// parsed from its JSON with jwk.ParseSet. Both are jws.Resolvers. The
// provider chooses the keys; you still choose the issuer and the audience
// to accept.
func Example_identityProviderKeys() {
	// The provider's JWK Set, as its jwks_uri serves it.
	const jwks = `{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"2026-11","alg":"EdDSA","use":"sig",` +
		`"x":"TLvE_zfoZoigDmklwg7nVu6xssG4nRA9bXoPWoTYfbI"}]}`
	set, err := jwk.ParseSet([]byte(jwks))
	if err != nil {
		fmt.Println(err)
		return
	}

	// A token the provider issued to a client of this API.
	const token = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjYtMTEifQ." +
		"eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlIiwic3ViIjoiYWRhIiwiYXVkIjoiYXBpIiwiZXhwIjoxNzk1MzUyNDAwfQ." +
		"wIXlglK2VUMcN98nyHM-atko4yysOKNuiwrjMZZZiOmb_ZUc7XtXcBncekVwHFhMcFVysdsD9heBjbTMd4kCBw"

	opts := &jwt.VerifyOptions{Claims: claims.Validator{
		Issuer:   "https://idp.example",
		Audience: "api",
		Now:      exampleNow, // leave nil to use time.Now
	}}
	c, err := jwt.VerifyKeyed[claims.Registered](context.Background(), set, token, opts)
	if err != nil {
		fmt.Println("refused:", err)
		return
	}
	fmt.Println(c.Issuer, c.Subject)

	// A token whose kid the set does not hold is refused.
	hmac, _ := jws.NewHMAC(jws.HS256, demoKey)
	other, _ := jwt.Sign(hmac, jws.Header{KeyID: "2026-12"}, claims.Registered{Issuer: "https://idp.example"})
	_, err = jwt.VerifyKeyed[claims.Registered](context.Background(), set, other, opts)
	fmt.Println(errors.Is(err, jws.ErrKeyNotFound))
	// Output:
	// https://idp.example ada
	// true
}

// How do I issue access and refresh tokens with one key? Give each kind its
// own "typ" and require it where each is accepted, so that a refresh token
// is never taken for an access token (RFC 8725 §3.11). The refresh token
// also carries a "jti" that the refresh endpoint checks, to rotate and
// revoke it.
func Example_accessAndRefreshTokens() {
	key, _ := jws.NewHMAC(jws.HS256, demoKey)
	now := exampleNow()
	access, _ := jwt.Sign(key, jws.Header{Type: "at+jwt"}, claims.Registered{
		Issuer: "https://auth.example", Subject: "ada", Audience: claims.Audience{"api"},
		ExpiresAt: claims.NewNumericDate(now.Add(15 * time.Minute)),
	})
	refresh, _ := jwt.Sign(key, jws.Header{Type: "refresh+jwt"}, claims.Registered{
		Issuer: "https://auth.example", Subject: "ada", Audience: claims.Audience{"https://auth.example/token"},
		ExpiresAt: claims.NewNumericDate(now.Add(30 * 24 * time.Hour)),
		ID:        "r-1",
	})

	// The API accepts access tokens only.
	api := &jwt.VerifyOptions{Type: "at+jwt", Claims: claims.Validator{
		Issuer: "https://auth.example", Audience: "api", Now: exampleNow,
	}}
	// The refresh endpoint accepts refresh tokens it has not revoked.
	revoked := map[string]bool{}
	endpoint := &jwt.VerifyOptions{Type: "refresh+jwt", Claims: claims.Validator{
		Issuer: "https://auth.example", Audience: "https://auth.example/token", Now: exampleNow,
		CheckID: func(jti string) error {
			if revoked[jti] {
				return errors.New("revoked")
			}
			return nil
		},
	}}

	_, err := jwt.Verify[claims.Registered](key, access, api)
	fmt.Println("access at the API:", err)
	_, err = jwt.Verify[claims.Registered](key, refresh, api)
	fmt.Println("refresh at the API:", err)
	_, err = jwt.Verify[claims.Registered](key, refresh, endpoint)
	fmt.Println("refresh at the endpoint:", err)
	_, err = jwt.Verify[claims.Registered](key, access, endpoint)
	fmt.Println("access at the endpoint:", err)
	revoked["r-1"] = true // logout, or the token was rotated
	_, err = jwt.Verify[claims.Registered](key, refresh, endpoint)
	fmt.Println("revoked refresh:", err)
	// Output:
	// access at the API: <nil>
	// refresh at the API: jwt: unexpected token type: "refresh+jwt", want "at+jwt"
	// refresh at the endpoint: <nil>
	// access at the endpoint: jwt: unexpected token type: "at+jwt", want "refresh+jwt"
	// revoked refresh: claims: jti: token ID "r-1" rejected: revoked
}

// How do I read claims I do not know at compile time? Verify into
// claims.Dynamic: the registered claims are validated as usual (and "typ"
// checked), the others are kept as raw JSON for claims.Get.
func Example_dynamicClaims() {
	key, _ := jws.NewHMAC(jws.HS256, demoKey)
	token, _ := jwt.Sign(key, jws.Header{Type: "at+jwt"}, claims.Dynamic{
		Registered: claims.Registered{
			Issuer:    "https://auth.example",
			Audience:  claims.Audience{"gateway"},
			ExpiresAt: claims.NewNumericDate(exampleNow().Add(time.Hour)),
		},
		Extra: claims.Set{
			"tenant": json.RawMessage(`"acme"`),
			"quota":  json.RawMessage(`9007199254740993`),
		},
	})

	c, err := jwt.Verify[claims.Dynamic](key, token, &jwt.VerifyOptions{
		Type:   "at+jwt",
		Claims: claims.Validator{Issuer: "https://auth.example", Audience: "gateway", Now: exampleNow},
	})
	if err != nil {
		fmt.Println("refused:", err)
		return
	}
	tenant, err := claims.Get[string](c.Extra, "tenant")
	if err != nil {
		fmt.Println(err)
		return
	}
	quota, err := claims.Get[int64](c.Extra, "quota") // exact: not a float64
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = claims.Get[string](c.Extra, "region")
	fmt.Println(c.Issuer, tenant, quota, errors.Is(err, claims.ErrMissing))
	// Output:
	// https://auth.example acme 9007199254740993 true
}
