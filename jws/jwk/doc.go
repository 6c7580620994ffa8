// Package jwk reads and writes JSON Web Keys and JWK Sets (RFC 7517,
// RFC 7518 §6, RFC 8037) and computes JWK thumbprints (RFC 7638), for
// verifying the tokens of an identity provider (Google, Microsoft Entra ID,
// Auth0, Okta, Keycloak, Cognito, Kubernetes) with the keys it publishes.
//
// For most services: parse the provider's JWK Set with [ParseSet] and pass
// the [Set] to jwt.VerifyKeyed or [jws.VerifyKeyed]; a Set is a
// [jws.Resolver], which returns the Verifiers of a token's "kid", and jws
// uses the one bound to the token's "alg".
//
// # Keys fix the algorithm
//
// Members a set cannot use (encryption keys, unknown key types) are
// skipped, and [Set.Skipped] says why. A key whose JWK has no "alg" serves
// only the algorithms of its own type, and the token's "alg" only picks
// among Verifiers already bound to a key; it never turns one kind of key
// into another. [ParseKey] reads one JWK; [Key.VerifierFor] names the
// algorithm for a key published without "alg".
//
// To publish your own keys, build them with [NewKey], whose default kid is
// the key's RFC 7638 thumbprint ([Key.Thumbprint]), take their public
// halves with [Key.Public] and marshal a [NewSet].
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
