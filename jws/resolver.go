package jws

import "context"

// A Resolver finds the keys that may verify a token, for [VerifyKeyed]. It
// is the one shape of key resolution in signet: a map of keys, a JWK Set
// (the jwk package's Set), or a provider's JWK Set kept current over HTTP
// (the jwk package's Remote).
//
// Resolve receives the token's unverified "kid" ("" if absent) and "alg"
// and returns the candidate Verifiers, each bound to its own key and
// algorithm; VerifyKeyed uses the one whose Algorithm() equals alg. alg is
// untrusted: it may help a Resolver decide whether a refetch could help,
// but never what a key means. A Resolver that finds no key returns an error
// wrapping [ErrKeyNotFound]. ctx bounds any I/O Resolve does: a Resolver
// that fetches keys returns once ctx is done.
//
// VerifyKeyed does not modify the returned slice, so a Resolver may return
// a slice it keeps. Implementations must be safe for concurrent use.
type Resolver interface {
	Resolve(ctx context.Context, kid string, alg Algorithm) ([]Verifier, error)
}

// ResolverFunc adapts a function to a [Resolver], as http.HandlerFunc does
// for handlers: for a few keys held in a map, or to wrap another Resolver
// (to log, count or filter what it returns).
type ResolverFunc func(ctx context.Context, kid string, alg Algorithm) ([]Verifier, error)

// Resolve returns f(ctx, kid, alg).
func (f ResolverFunc) Resolve(ctx context.Context, kid string, alg Algorithm) ([]Verifier, error) {
	return f(ctx, kid, alg)
}
