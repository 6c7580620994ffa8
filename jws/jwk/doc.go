// Package jwk reads and writes JSON Web Keys and JWK Sets (RFC 7517,
// RFC 7518 §6, RFC 8037, and RFC 9964's AKP keys for ML-DSA) and computes
// JWK thumbprints (RFC 7638), for
// verifying the tokens of an identity provider (Google, Microsoft Entra ID,
// Auth0, Okta, Keycloak, Cognito, Kubernetes) with the keys it publishes.
//
// For most services: point a [Remote] at the provider's jwks_uri (or let
// [Discover] find it from the issuer) and pass it to jwt.VerifyKeyed with
// the request's context:
//
//	keys, err := jwk.NewRemote("https://idp.example/.well-known/jwks.json", nil)
//	if err != nil {
//		return err
//	}
//	c, err := jwt.VerifyKeyed[MyClaims](r.Context(), keys, token, &jwt.VerifyOptions{
//		Claims: claims.Validator{Issuer: "https://idp.example", Audience: "my-api"},
//	})
//
// A Remote fetches the set when first needed, follows the provider's HTTP
// caching, refetches for an unknown kid at most once per cooldown, and
// keeps verifying with the last good set while the provider is down, up to
// a stale limit. It needs no goroutine, no Close, and only net/http.
//
// A [Set] is a parsed JWK Set, for keys the service already has
// ([ParseSet]) or publishes ([NewSet]). Set and Remote each implement
// [jws.Resolver]: they return the Verifiers of a token's "kid", and jws
// uses the one bound to the token's "alg".
//
// # Keys fix the algorithm
//
// Members a set cannot use (encryption keys, unknown key types, keys too
// small or vulnerable, oct secrets beside public keys) are skipped, never
// fatal, and [Set.Skipped] says why, as does resolving a skipped key's
// kid. A kid two of whose keys could verify one algorithm is refused for
// that algorithm rather than tried twice (see [Set]). A key whose JWK has no "alg" serves
// only the algorithms of its own type, and the token's "alg" only picks
// among Verifiers already bound to a key; it never turns one kind of key
// into another. [ParseKey] reads one JWK; [Key.VerifierFor] names the
// algorithm for a key published without "alg".
//
// # Post-quantum keys
//
// Built with Go 1.27 or later, jwk reads and writes AKP keys (RFC 9964)
// for ML-DSA-44, ML-DSA-65 and ML-DSA-87: "pub", the public key, and
// "priv", the 32-octet seed, under an "alg" that is required and fixes the
// parameter set (see [Key]). Built with an earlier Go, an AKP key is
// refused with an error wrapping [jws.ErrUnsupportedAlgorithm], and a Set
// skips it and says why, so a provider may publish ML-DSA keys beside its
// others before every consumer can use them.
//
// To publish your own keys, build them with [NewKey], whose default kid is
// the key's RFC 7638 thumbprint ([Key.Thumbprint]), take their public
// halves with [Key.Public] and marshal a [NewSet]. MarshalJSON writes
// public keys only, so a jwks.json handler cannot publish a "d":
// [Key.MarshalPrivate] and [Set.MarshalPrivate] write private members, for
// storing keys.
//
// # Errors
//
// jwk has no error sentinels of its own. Every error it returns wraps one
// of package jws's ([jws.ErrMalformed], [jws.ErrInvalidKey],
// [jws.ErrUnsupportedAlgorithm], [jws.ErrAlgorithmMismatch],
// [jws.ErrKeyNotFound]), so that one errors.Is switch covers jws, jwk and
// jwt; its messages start with "jwk: ". On error, every other result is the
// zero value.
package jwk
