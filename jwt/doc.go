// Package jwt signs and verifies JSON Web Tokens (RFC 7519): the front door
// of signet, joining the signature layer (package jws) and the claims layer
// (package claims).
//
// For most use cases, use [Sign] and [Verify]:
//
//	type MyClaims struct {
//		claims.Registered
//		Name  string `json:"name"`
//		Admin bool   `json:"admin"`
//	}
//
//	key, err := jws.NewHMAC(jws.HS256, secret) // secret: 32 random bytes or more
//	if err != nil {
//		return err
//	}
//	token, err := jwt.Sign(key, jws.Header{}, MyClaims{
//		Registered: claims.Registered{
//			Issuer:    "https://auth.example",
//			Audience:  claims.Audience{"api"},
//			ExpiresAt: claims.NewNumericDate(time.Now().Add(15 * time.Minute)),
//		},
//		Name: "Ada",
//	})
//	if err != nil {
//		return err
//	}
//
//	c, err := jwt.Verify[MyClaims](key, token, &jwt.VerifyOptions{
//		Claims: claims.Validator{Issuer: "https://auth.example", Audience: "api"},
//	})
//	if err != nil {
//		return err // see Errors below
//	}
//	fmt.Println(c.Name)
//
// Verify returns the claims or an error, never both.
//
// # How do I
//
// Each task has a runnable example in this package's documentation:
//
//   - sign a token: [Sign], and the example of Sign;
//   - verify a token: [Verify] with a [claims.Validator] naming your issuer
//     and audience, and the example of Verify;
//   - verify with an identity provider's keys: point a jwk.Remote
//     (package jws/jwk) at its jwks_uri with jwk.NewRemote, or find it from
//     the issuer with jwk.Discover, and pass it to [VerifyKeyed] with the
//     request's context; a JWK Set you already hold parses with
//     jwk.ParseSet (example "IdentityProviderKeys");
//   - use keys from PEM files: [jws.ParsePEMSigner] and
//     [jws.ParsePEMVerifier] (example "KeysFromPEM");
//   - read claims not known at compile time: Verify into [claims.Dynamic]
//     and read them with [claims.Get] (example "DynamicClaims");
//   - accept several issuers or audiences: [claims.Validator]'s Issuers
//     and Audiences, any one of which must match (the claims package's
//     example "Validator (Several)");
//   - issue access and refresh tokens: a "typ" for each, required with
//     [VerifyOptions].Type, and a "jti" checked by
//     [claims.Validator].CheckID (example "AccessAndRefreshTokens"; the
//     program examples/refresh goes further).
//
// # Security defaults
//
// Verify checks, in this order: the token's size and shape, strict
// base64url and header JSON, that the header's "alg" is the one the key was
// built for (the header never chooses how a token is verified, and there is
// no "none"), the signature, the "typ" if [VerifyOptions.Type] is set, the
// claims' strict JSON (duplicate or case-variant member names are refused,
// so "ISS" never fills "iss"), and last the registered claims with
// [claims.Validator].
//
// The zero [VerifyOptions] (or nil) is strict: "exp" is required, "exp",
// "nbf" and "iat" are checked against the clock, and a token carrying "aud"
// is refused because the caller expects no audience (RFC 7519 §4.1.3) — set
// [claims.Validator].Audience to accept it. Escape hatches have names that
// say what they do, such as AllowMissingExpiry.
//
// Key constructors refuse keys too weak for their algorithm: HMAC keys
// shorter than the hash output and RSA keys under 2048 bits.
//
// # Explicit typing
//
// A service that issues several kinds of token with the same key, such as
// access and refresh tokens, must keep one from being accepted as the other
// (RFC 8725 §3.11). Sign them with different header types and set
// [VerifyOptions].Type where each is accepted:
//
//	access, err := jwt.Sign(key, jws.Header{Type: "at+jwt"}, accessClaims)
//	refresh, err := jwt.Sign(key, jws.Header{Type: "refresh+jwt"}, refreshClaims)
//	// ... both go to the client; later, where access tokens are accepted:
//	_, err = jwt.Verify[MyClaims](key, refresh, &jwt.VerifyOptions{Type: "at+jwt"})
//	// errors.Is(err, jwt.ErrType)
//
// # Key rotation
//
// Give every key a "kid" and sign with it in the header; verify with
// [VerifyKeyed] and a [jws.Resolver] that maps kid to verifiers: a
// [jws.ResolverFunc] over a map, a jwk.Set for keys published as a JWK
// Set, or a jwk.Remote for an identity provider's jwks_uri. The resolver
// sees only the kid and the alg; the verifier used must still be bound to
// the token's "alg". Retiring a key is removing it from the resolver.
//
// # Errors
//
// Errors wrap the sentinels of this package and of packages jws and claims,
// so one switch sorts them:
//
//	switch {
//	case err == nil:
//	case errors.Is(err, claims.ErrExpired):        // ask the client to refresh
//	case errors.Is(err, jws.ErrInvalidSignature):  // forged or corrupted
//	case errors.Is(err, jws.ErrAlgorithmMismatch): // another algorithm or key type
//	case errors.Is(err, claims.ErrAudience):       // meant for another service
//	case errors.Is(err, jwt.ErrType):              // another kind of token
//	default:                                       // malformed, too large, and the rest
//	}
//
// Claim errors name the claim and say what differed ("claims: exp: token
// expired at 2026-12-02T10:00:00Z, 31s before now (leeway 0s)"), with the
// token's values quoted safely; signature errors stay deliberately vague.
package jwt
