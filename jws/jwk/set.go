package jwk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/signet-go/signet/internal/strictjson"
	"github.com/signet-go/signet/jws"
)

// A Set is a JSON Web Key Set (RFC 7517 §5): the keys an identity
// provider publishes (Google, Microsoft Entra ID, Auth0, Okta, Keycloak,
// Cognito, Kubernetes). It is a [jws.Resolver]: [Set.Resolve] returns the
// Verifiers of a token's "kid", so a Set can be passed to
// [jws.VerifyKeyed] and jwt.VerifyKeyed as it is.
//
// A Set is immutable and safe for concurrent use (only [Set.UnmarshalJSON]
// replaces it, as decoding into any value does). The zero Set holds no key.
// A Set never fetches anything: to follow a provider's jwks_uri across key
// rotations, use a [Remote] set, which keeps a Set current.
//
// # Keys without "alg"
//
// In a set, a key whose JWK has an "alg" verifies that algorithm only.
// A key without "alg" verifies every algorithm of its key type that the
// jws constructors accept for it: an RSA key (Microsoft Entra ID
// publishes them without "alg") RS256, RS384, RS512, PS256, PS384 and
// PS512; an EC key the one algorithm its curve fixes (ES256 for P-256,
// ES384 for P-384, ES512 for P-521); an Ed25519 key EdDSA and Ed25519
// (RFC 9864), the two names of its signatures; an oct key each
// of HS256, HS384 and HS512 whose hash is no longer than the key. (An AKP
// key, for ML-DSA, always has its "alg", RFC 9964.) Resolve
// returns all these Verifiers, each already bound to the key and its
// algorithm, and jws uses the one whose algorithm is the token's "alg":
// the key type always fixes the family, so an RSA public key can never be
// used as an HMAC secret.
//
// A set may hold oct keys, whose Verifier is a [jws.HMAC] that can also
// sign: such a set is a secret, never to be published.
type Set struct {
	keys    []*Key
	skipped []error
	// byKID maps each kid to the Verifiers Resolve returns: one for each
	// binding of a key of that kid to an algorithm. The empty kid is
	// present only when the set holds exactly one key, which has no kid.
	byKID map[string][]jws.Verifier
}

// ParseSet parses a JWK Set, {"keys":[...]} (RFC 7517 §5), as strict
// JSON. Each member of "keys" is parsed as [ParseKey] does; one that
// signet cannot use for verifying signatures (an unknown "kty" or curve, an
// encryption key, a key whose "key_ops" exclude "verify", an "alg" signet
// does not implement, a malformed key) is skipped, not fatal, since
// providers mix such keys in, and [Set.Skipped] says why. A set with no
// usable key is an error wrapping [jws.ErrInvalidKey]; a document that is not a
// JSON object with a "keys" array is an error wrapping [jws.ErrMalformed].
// Other top-level members are ignored. On error it returns nil.
func ParseSet(data []byte) (*Set, error) {
	var raw []byte
	err := strictjson.Object(data, func(name, value []byte) error {
		switch {
		case string(name) == "keys":
			raw = value
		case strings.EqualFold(string(name), "keys"):
			return errorf(jws.ErrMalformed, "JWK Set member %q differs from \"keys\" only in case", name)
		}
		return nil
	})
	if err != nil {
		var se *strictjson.SyntaxError
		if errors.As(err, &se) {
			return nil, errorf(jws.ErrMalformed, "JWK Set: %w", err)
		}
		return nil, err
	}
	if raw == nil {
		return nil, errorf(jws.ErrMalformed, "JWK Set has no \"keys\" (RFC 7517 §5.1)")
	}
	var elems []json.RawMessage
	if raw[0] != '[' || json.Unmarshal(raw, &elems) != nil {
		return nil, errorf(jws.ErrMalformed, "JWK Set \"keys\" is not an array (RFC 7517 §5.1)")
	}
	var (
		keys     []*Key
		bindings [][]jws.Verifier
		skipped  []error
	)
	for i, e := range elems {
		k, kid, err := parseKey(e)
		var vs []jws.Verifier
		if err == nil {
			vs, err = k.setVerifiers()
		}
		if err != nil {
			skipped = append(skipped, &setError{index: i, kid: kid, skipped: true, err: err})
			continue
		}
		keys = append(keys, k)
		bindings = append(bindings, vs)
	}
	if len(keys) == 0 {
		if len(skipped) == 0 {
			return nil, errorf(jws.ErrInvalidKey, "JWK Set has no key")
		}
		return nil, errorf(jws.ErrInvalidKey, "JWK Set has no usable key (%d skipped; %s)", len(skipped), trimPrefix(skipped[0].Error()))
	}
	return newSet(keys, bindings, skipped), nil
}

// NewSet returns a set holding keys, for a service that publishes
// its own JWK Set (use [Key.Public] on private keys first: MarshalJSON
// writes what the keys hold) or verifies with keys it already has. Unlike
// [ParseSet], it refuses what Resolve could not use, with an error
// wrapping [jws.ErrInvalidKey]: no key, a nil or unusable key, a key without
// "kid" in a set of more than one, and two keys of one kid that serve the
// same algorithm.
func NewSet(keys ...*Key) (*Set, error) {
	if len(keys) == 0 {
		return nil, errorf(jws.ErrInvalidKey, "NewSet: no key")
	}
	bindings := make([][]jws.Verifier, len(keys))
	for i, k := range keys {
		err := k.check()
		if err == nil && k.kid == "" && len(keys) > 1 {
			err = errorf(jws.ErrInvalidKey, "no \"kid\", which only the key of a one-key set may omit")
		}
		if err == nil {
			bindings[i], err = k.setVerifiers()
		}
		if err != nil {
			kid := ""
			if k != nil {
				kid = k.kid
			}
			return nil, &setError{index: i, kid: kid, err: err}
		}
		for j := range i {
			if keys[j].kid != k.kid {
				continue
			}
			for _, v := range bindings[i] {
				for _, w := range bindings[j] {
					if v.Algorithm() == w.Algorithm() {
						return nil, errorf(jws.ErrInvalidKey, "NewSet: keys[%d] and keys[%d] have kid %q and both serve %s", j, i, k.kid, v.Algorithm())
					}
				}
			}
		}
	}
	return newSet(append([]*Key(nil), keys...), bindings, nil), nil
}

// newSet indexes keys, whose Verifiers are bindings, by kid.
func newSet(keys []*Key, bindings [][]jws.Verifier, skipped []error) *Set {
	s := &Set{keys: keys, skipped: skipped, byKID: make(map[string][]jws.Verifier, len(keys))}
	for i, k := range keys {
		if k.kid != "" || len(keys) == 1 {
			s.byKID[k.kid] = append(s.byKID[k.kid], bindings[i]...)
		}
	}
	for kid, vs := range s.byKID {
		s.byKID[kid] = slices.Clip(vs)
	}
	return s
}

// setVerifiers returns the Verifiers k serves in a key set: the one of its
// "alg", or, for a JWK without "alg", one for each algorithm of its key type
// that the constructors accept for it.
func (k *Key) setVerifiers() ([]jws.Verifier, error) {
	if k.alg != "" {
		v, err := k.VerifierFor(k.alg)
		if err != nil {
			return nil, err
		}
		return []jws.Verifier{v}, nil
	}
	if err := k.permits("verify"); err != nil {
		return nil, err
	}
	var (
		vs       []jws.Verifier
		firstErr error
	)
	for _, alg := range keyTypeAlgorithms(k.kty) {
		v, err := k.newVerifier(alg)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		vs = append(vs, v)
	}
	if vs == nil {
		return nil, firstErr
	}
	return vs, nil
}

// Resolve returns the Verifiers of the keys whose "kid" is kid, one for
// each algorithm they serve (see [Set] for keys without "alg"), for
// [jws.VerifyKeyed], which uses the one whose algorithm is alg:
//
//	header, payload, err := jws.VerifyKeyed(ctx, set, token)
//
// kid is matched exactly; ctx and alg are not used. A token without "kid"
// (kid == "") finds a key only when the set holds exactly one key and that
// key has no "kid" either; a key without "kid" in a larger set is never
// found. An unknown kid is an error wrapping [jws.ErrKeyNotFound].
//
// The slice returned belongs to the set: the caller must not modify it.
// Resolve does not allocate when it finds the key.
func (s *Set) Resolve(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
	if s != nil {
		if vs, ok := s.byKID[kid]; ok {
			return vs, nil
		}
	}
	if kid == "" {
		return nil, errorf(jws.ErrKeyNotFound, "the token has no \"kid\", and the key set does not hold exactly one key without one")
	}
	return nil, errorf(jws.ErrKeyNotFound, "kid %q is not in the key set", shortKID(kid))
}

// shortKID returns kid cut to a length fit for an error message.
func shortKID(kid string) string {
	const max = 64
	if len(kid) > max {
		return kid[:max] + "…"
	}
	return kid
}

// Keys returns the usable keys of the set, in document order.
func (s *Set) Keys() []*Key {
	if s == nil {
		return nil
	}
	return append([]*Key(nil), s.keys...)
}

// Skipped returns why ParseSet skipped members of "keys", one error per
// skipped member, in document order: each names the index and, when it
// could be read, the "kid", and wraps the reason ([jws.ErrUnsupportedAlgorithm],
// [jws.ErrInvalidKey], [jws.ErrMalformed], ...). It is for logging and debugging.
func (s *Set) Skipped() []error {
	if s == nil {
		return nil
	}
	return append([]error(nil), s.skipped...)
}

// MarshalJSON returns the JWK Set of the usable keys, {"keys":[...]}, each
// as [Key.MarshalJSON] writes it, private members included: build the set
// from [Key.Public] keys to publish it. Skipped members are not written.
func (s *Set) MarshalJSON() ([]byte, error) {
	dst := []byte(`{"keys":[`)
	if s != nil {
		for i, k := range s.keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = k.appendJSON(dst)
		}
	}
	return append(dst, ']', '}'), nil
}

// UnmarshalJSON sets s to the key set [ParseSet] returns for data. On
// error s is unchanged. As encoding/json convention asks, the JSON null
// leaves s unchanged.
func (s *Set) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	ns, err := ParseSet(data)
	if err != nil {
		return err
	}
	*s = *ns
	return nil
}

// setError reports a member of a key set that ParseSet skipped or NewSet
// refused.
type setError struct {
	index   int
	kid     string
	skipped bool
	err     error
}

func (e *setError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "jwk: JWK Set keys[%d]", e.index)
	if e.kid != "" {
		fmt.Fprintf(&b, " (kid %q)", shortKID(e.kid))
	}
	if e.skipped {
		b.WriteString(" skipped")
	}
	b.WriteString(": ")
	b.WriteString(trimPrefix(e.err.Error()))
	return b.String()
}

func (e *setError) Unwrap() error { return e.err }
