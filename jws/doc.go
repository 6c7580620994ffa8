// Package jws signs and verifies compact JSON Web Signatures (RFC 7515) with
// the algorithms of RFC 7518 §3, RFC 8037, RFC 9864 and RFC 9964: HMAC
// (HS256, HS384, HS512), RSASSA-PKCS1-v1_5 (RS256, RS384, RS512),
// RSASSA-PSS (PS256, PS384, PS512), ECDSA (ES256, ES384, ES512), Ed25519
// (Ed25519, and EdDSA under its RFC 8037 name) and, built with Go 1.27 or
// later, ML-DSA (ML-DSA-44, ML-DSA-65, ML-DSA-87).
//
// For JSON Web Tokens, use package jwt, which signs claims and always
// validates them after verifying. Use jws directly for other payloads.
//
// # Keys fix the algorithm
//
// A [Signer] or [Verifier] is built from one algorithm and one key, and the
// constructor checks that they suit each other: [NewHMAC], [NewRSASigner],
// [NewRSAVerifier], [NewECDSASigner], [NewECDSAVerifier], [NewEd25519Signer],
// [NewEd25519Verifier], NewMLDSASigner and NewMLDSAVerifier (Go 1.27 or
// later), and [NewSigner] and [NewVerifier], which take any of these keys
// (and keys held in a KMS or HSM) with the algorithm. Every Signer has a
// Verifier method bound to the same algorithm: an asymmetric signer gives
// its public half, and an [HMAC] is its own Verifier.
//
// [Verify] refuses a token whose "alg" is not the Verifier's algorithm: the
// header never chooses how a token is verified, so an attacker cannot turn
// an RSA public key into an HMAC secret or ask for "none". There is no
// "none" in this package at all. [VerifyKeyed] lets a service pick the key
// by "kid" while it rotates keys: a [Resolver] sees the token's "kid" and
// "alg" and returns candidate Verifiers, and the one bound to the token's
// "alg" verifies it.
//
// # Keys from PEM
//
// Keys kept in PEM files or a secrets manager become a Signer or Verifier
// for a named algorithm in one call: [ParsePEMSigner] reads a PKCS #8,
// PKCS #1 or SEC 1 private key, and [ParsePEMVerifier] a PKIX or PKCS #1
// public key or the public key of a certificate (which is not validated or
// trusted for anything else):
//
//	signer, err := jws.ParsePEMSigner(jws.ES256, privatePEM)
//	verifier, err := jws.ParsePEMVerifier(jws.ES256, publicPEM)
//
// The data must be exactly one unencrypted PEM block, and the key must suit
// the algorithm, with the same floors as the constructors.
//
// # Ed25519 and EdDSA
//
// RFC 9864 gives Ed25519 signatures the fully specified name Ed25519 and
// deprecates the polymorphic EdDSA of RFC 8037; new deployments should
// sign with NewSigner(Ed25519, key) and verify with NewVerifier(Ed25519,
// pub). The signatures are the same, but each verifier accepts only the
// name it was built for: an Ed25519 verifier refuses an "EdDSA" token with
// [ErrAlgorithmMismatch], and the EdDSA verifiers of [NewEd25519Verifier]
// refuse an "Ed25519" one, so that a service changes names when it
// decides to.
//
// # ML-DSA
//
// ML-DSA-44, ML-DSA-65 and ML-DSA-87 (FIPS 204, in JOSE by RFC 9964) are
// implemented with the standard library's crypto/mldsa, so only when
// signet is built with Go 1.27 or later; the constants [MLDSA44],
// [MLDSA65] and [MLDSA87] exist on every release, and built with an
// earlier Go every constructor refuses them with [ErrUnsupportedAlgorithm].
// signet signs the JWS signing input with pure ML-DSA and an empty
// context, hedged (randomized) as FIPS 204 recommends. Signatures are
// 2420, 3309 and 4627 bytes long, so tokens are about 3.3, 4.5 and 6.2 KB
// before any claims: well within [DefaultMaxSize]. ML-DSA keys published
// as JWKs are AKP keys (RFC 9964), which package jws/jwk reads and writes
// on the same Go releases.
//
// # Minimum key sizes
//
// HMAC keys shorter than the hash output (32, 48 or 64 bytes; RFC 7518
// §3.2) and RSA moduli under 2048 bits (RFC 7518 §3.3) are refused with
// [ErrInvalidKey], and so are RSA moduli that the ROCA attack factors
// (CVE-2017-15361, the Infineon key structure), whether the key is built
// from a Go value, a PEM block or a JWK, public or private.
//
// # Strict decoding
//
// One token has one accepted encoding. Verify caps the size
// ([DefaultMaxSize], or [Limits]) before it allocates, cuts the token into
// exactly three parts without splitting it, decodes each part as strict
// unpadded base64url, and reads the header as strict JSON: member names are
// case-sensitive, a duplicate name, invalid UTF-8, a byte-order mark or
// anything after the closing brace is an error, nesting is bounded (32
// levels inside the header object), and a name that differs from "alg",
// "kid", "typ", "cty", "crit" or "b64" only in case is refused, under
// Unicode simple folding ("KID", and "\u212Aid" with the Kelvin sign). A
// "crit" header is refused, since signet implements no extension
// (RFC 7515 §4.1.11), and so is RFC 7797's "b64", with or without "crit":
// signet implements no unencoded payload. "jku", "x5u", "jwk" and "x5c"
// are never used to find a key; they are kept in [Header].Extra as data.
//
// # JSON Web Keys
//
// JSON Web Keys, JWK Sets and thumbprints (RFC 7517, RFC 7638) live in
// package github.com/signet-go/signet/jws/jwk, which also keeps a
// provider's JWK Set current from its jwks_uri. Its Set and Remote are
// Resolvers; jws itself never parses a JWK and never does I/O.
//
// # Errors
//
// Errors wrap one of the package's sentinels, so that a caller can
// write one errors.Is switch: [ErrMalformed], [ErrTooLarge],
// [ErrAlgorithmMismatch], [ErrInvalidSignature], [ErrKeyNotFound],
// [ErrInvalidKey] and [ErrUnsupportedAlgorithm]. Two kinds wrap none: a
// negative [Limits].MaxSize, a configuration error that refuses every
// token, and the error of a [Signer] of another package, which [Sign]
// returns wrapped as it is. A signature that does not
// verify is reported without saying why; only a signature of the wrong length
// for its algorithm, which is public knowledge, is named as such. On error,
// every other result is the zero value.
package jws
