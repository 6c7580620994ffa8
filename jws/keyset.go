package jws

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/signet-go/signet/internal/strictjson"
)

// A KeySet is a JSON Web Key Set (RFC 7517 §5): the keys an identity
// provider publishes (Google, Microsoft Entra ID, Auth0, Okta, Keycloak,
// Cognito, Kubernetes), from which [KeySet.Lookup] picks a token's key by
// "kid" for [VerifyKeyed].
//
// A KeySet is immutable and safe for concurrent use (only
// [KeySet.UnmarshalJSON] replaces it, as decoding into any value does). The
// zero KeySet holds no key. signet never fetches a key set: the caller retrieves the document
// from a URL it trusts (never from a token's "jku" or "x5u"), bounds its
// size, and replaces the KeySet when the provider rotates its keys.
//
// # Keys without "alg"
//
// In a key set, a key whose JWK has an "alg" verifies that algorithm only.
// A key without "alg" verifies every algorithm of its key type that the
// package's constructors accept for it: an RSA key (Microsoft Entra ID
// publishes them without "alg") RS256, RS384, RS512, PS256, PS384 and
// PS512; an EC key the one algorithm its curve fixes (ES256 for P-256,
// ES384 for P-384, ES512 for P-521); an Ed25519 key EdDSA; an oct key each
// of HS256, HS384 and HS512 whose hash is no longer than the key. The
// token's "alg" then picks among these Verifiers, each already bound to
// the key and its algorithm: the key type always fixes the family, so an
// RSA public key can never be used as an HMAC secret.
//
// A set may hold oct keys, whose Verifier is an [HMAC] that can also sign:
// such a set is a secret, never to be published.
type KeySet struct {
	keys    []*Key
	skipped []error
	// byKID maps each kid to the Verifier Lookup returns: a Verifier of the
	// package when the kid names one binding of a key and an algorithm, a
	// *keyChoice when it names several. The empty kid is present only when
	// the set holds exactly one key, which has no kid.
	byKID map[string]Verifier
}

// ParseKeySet parses a JWK Set, {"keys":[...]} (RFC 7517 §5), as strict
// JSON. Each member of "keys" is parsed as [ParseKey] does; one that
// signet cannot use for verifying signatures (an unknown "kty" or curve, an
// encryption key, a key whose "key_ops" exclude "verify", an "alg" signet
// does not implement, a malformed key) is skipped, not fatal, since
// providers mix such keys in, and [KeySet.Skipped] says why. A set with no
// usable key is an error wrapping [ErrInvalidKey]; a document that is not a
// JSON object with a "keys" array is an error wrapping [ErrMalformed].
// Other top-level members are ignored. On error it returns nil.
func ParseKeySet(data []byte) (*KeySet, error) {
	var raw []byte
	err := strictjson.Object(data, func(name, value []byte) error {
		switch {
		case string(name) == "keys":
			raw = value
		case strings.EqualFold(string(name), "keys"):
			return fmt.Errorf("%w: JWK Set member %q differs from \"keys\" only in case", ErrMalformed, name)
		}
		return nil
	})
	if err != nil {
		var se *strictjson.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%w: JWK Set: %w", ErrMalformed, err)
		}
		return nil, err
	}
	if raw == nil {
		return nil, fmt.Errorf("%w: JWK Set has no \"keys\" (RFC 7517 §5.1)", ErrMalformed)
	}
	var elems []json.RawMessage
	if raw[0] != '[' || json.Unmarshal(raw, &elems) != nil {
		return nil, fmt.Errorf("%w: JWK Set \"keys\" is not an array (RFC 7517 §5.1)", ErrMalformed)
	}
	var (
		keys     []*Key
		bindings [][]Verifier
		skipped  []error
	)
	for i, e := range elems {
		k, kid, err := parseKey(e)
		var vs []Verifier
		if err == nil {
			vs, err = k.setVerifiers()
		}
		if err != nil {
			skipped = append(skipped, &keySetError{index: i, kid: kid, skipped: true, err: err})
			continue
		}
		keys = append(keys, k)
		bindings = append(bindings, vs)
	}
	if len(keys) == 0 {
		if len(skipped) == 0 {
			return nil, fmt.Errorf("%w: JWK Set has no key", ErrInvalidKey)
		}
		return nil, fmt.Errorf("%w: JWK Set has no usable key (%d skipped; %s)", ErrInvalidKey, len(skipped), strings.TrimPrefix(skipped[0].Error(), "jws: "))
	}
	return newKeySet(keys, bindings, skipped), nil
}

// NewKeySet returns a key set holding keys, for a service that publishes
// its own JWK Set (use [Key.Public] on private keys first: MarshalJSON
// writes what the keys hold) or verifies with keys it already has. Unlike
// [ParseKeySet], it refuses what Lookup could not use, with an error
// wrapping [ErrInvalidKey]: no key, a nil or unusable key, a key without
// "kid" in a set of more than one, and two keys of one kid that serve the
// same algorithm.
func NewKeySet(keys ...*Key) (*KeySet, error) {
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: NewKeySet: no key", ErrInvalidKey)
	}
	bindings := make([][]Verifier, len(keys))
	for i, k := range keys {
		err := k.check()
		if err == nil && k.kid == "" && len(keys) > 1 {
			err = fmt.Errorf("%w: no \"kid\", which only the key of a one-key set may omit", ErrInvalidKey)
		}
		if err == nil {
			bindings[i], err = k.setVerifiers()
		}
		if err != nil {
			kid := ""
			if k != nil {
				kid = k.kid
			}
			return nil, &keySetError{index: i, kid: kid, err: err}
		}
		for j := range i {
			if keys[j].kid != k.kid {
				continue
			}
			for _, v := range bindings[i] {
				for _, w := range bindings[j] {
					if v.Algorithm() == w.Algorithm() {
						return nil, fmt.Errorf("%w: NewKeySet: keys[%d] and keys[%d] have kid %q and both serve %s", ErrInvalidKey, j, i, k.kid, v.Algorithm())
					}
				}
			}
		}
	}
	return newKeySet(append([]*Key(nil), keys...), bindings, nil), nil
}

// newKeySet indexes keys, whose Verifiers are bindings, by kid.
func newKeySet(keys []*Key, bindings [][]Verifier, skipped []error) *KeySet {
	byKID := make(map[string][]Verifier, len(keys))
	for i, k := range keys {
		if k.kid != "" || len(keys) == 1 {
			byKID[k.kid] = append(byKID[k.kid], bindings[i]...)
		}
	}
	s := &KeySet{keys: keys, skipped: skipped, byKID: make(map[string]Verifier, len(byKID))}
	for kid, vs := range byKID {
		if len(vs) == 1 {
			s.byKID[kid] = vs[0]
		} else {
			s.byKID[kid] = &keyChoice{kid: kid, verifiers: vs}
		}
	}
	return s
}

// setVerifiers returns the Verifiers k serves in a key set: the one of its
// "alg", or, for a JWK without "alg", one for each algorithm of its key type
// that the constructors accept for it.
func (k *Key) setVerifiers() ([]Verifier, error) {
	if k.alg != "" {
		v, err := k.VerifierFor(k.alg)
		if err != nil {
			return nil, err
		}
		return []Verifier{v}, nil
	}
	if err := k.permits("verify"); err != nil {
		return nil, err
	}
	var (
		vs       []Verifier
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

// Lookup returns the Verifier for the key whose "kid" is kid, for
// [VerifyKeyed]:
//
//	header, payload, err := jws.VerifyKeyed(set.Lookup, token)
//
// kid is matched exactly. A token without "kid" (kid == "") finds a key only
// when the set holds exactly one key and that key has no "kid" either; a
// key without "kid" in a larger set is never found. An unknown kid is an
// error wrapping [ErrKeyNotFound].
//
// When kid names a single key with a single algorithm (see [KeySet] for
// keys without "alg"), Lookup returns that key's Verifier. When it names
// several (keys sharing a kid, or a key without "alg" that serves several
// algorithms), Lookup returns a Verifier that [VerifyKeyed] asks for the
// Verifier bound to the token's "alg": it chooses only among Verifiers
// already bound to their own key and algorithm, an "alg" none of them has is
// an error wrapping [ErrAlgorithmMismatch], and one that two keys of that
// kid both serve is ambiguous, an error wrapping [ErrKeyNotFound]. Used
// directly, that Verifier verifies nothing: its Algorithm method returns ""
// and its VerifySignature always fails with [ErrInvalidSignature]. A lookup
// that wraps Lookup (to refresh the set, say) must return the Verifier
// unchanged. jwt.VerifyKeyed goes through VerifyKeyed and works the same.
//
// Lookup does not allocate when it finds the key.
func (s *KeySet) Lookup(kid string) (Verifier, error) {
	if s != nil {
		if v, ok := s.byKID[kid]; ok {
			return v, nil
		}
	}
	if kid == "" {
		return nil, fmt.Errorf("%w: the token has no \"kid\", and the key set does not hold exactly one key without one", ErrKeyNotFound)
	}
	return nil, fmt.Errorf("%w: kid %q is not in the key set", ErrKeyNotFound, shortKID(kid))
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
func (s *KeySet) Keys() []*Key {
	if s == nil {
		return nil
	}
	return append([]*Key(nil), s.keys...)
}

// Skipped returns why ParseKeySet skipped members of "keys", one error per
// skipped member, in document order: each names the index and, when it
// could be read, the "kid", and wraps the reason ([ErrUnsupportedAlgorithm],
// [ErrInvalidKey], [ErrMalformed], ...). It is for logging and debugging.
func (s *KeySet) Skipped() []error {
	if s == nil {
		return nil
	}
	return append([]error(nil), s.skipped...)
}

// MarshalJSON returns the JWK Set of the usable keys, {"keys":[...]}, each
// as [Key.MarshalJSON] writes it, private members included: build the set
// from [Key.Public] keys to publish it. Skipped members are not written.
func (s *KeySet) MarshalJSON() ([]byte, error) {
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

// UnmarshalJSON sets s to the key set [ParseKeySet] returns for data. On
// error s is unchanged. As encoding/json convention asks, the JSON null
// leaves s unchanged.
func (s *KeySet) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	ns, err := ParseKeySet(data)
	if err != nil {
		return err
	}
	*s = *ns
	return nil
}

// keySetError reports a member of a key set that ParseKeySet skipped or
// NewKeySet refused.
type keySetError struct {
	index   int
	kid     string
	skipped bool
	err     error
}

func (e *keySetError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "jws: JWK Set keys[%d]", e.index)
	if e.kid != "" {
		fmt.Fprintf(&b, " (kid %q)", shortKID(e.kid))
	}
	if e.skipped {
		b.WriteString(" skipped")
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(e.err.Error(), "jws: "))
	return b.String()
}

func (e *keySetError) Unwrap() error { return e.err }

// keyChoice is the Verifier that KeySet.Lookup returns when a kid names more
// than one binding of a key to an algorithm. VerifyKeyed calls
// chooseAlgorithm with the token's "alg"; the header only picks among
// Verifiers already bound to their own key and algorithm, and never
// reinterprets a key. Used directly, it verifies nothing.
type keyChoice struct {
	kid       string
	verifiers []Verifier
}

// Algorithm returns "": a keyChoice has no single algorithm.
func (c *keyChoice) Algorithm() Algorithm { return "" }

// VerifySignature always fails: only VerifyKeyed can choose the key.
func (c *keyChoice) VerifySignature(signingInput, signature []byte) error {
	return fmt.Errorf("%w: kid %q names several keys or algorithms; only VerifyKeyed chooses among them", ErrInvalidSignature, shortKID(c.kid))
}

// chooseAlgorithm returns the Verifier bound to alg.
func (c *keyChoice) chooseAlgorithm(alg Algorithm) (Verifier, error) {
	var found Verifier
	n := 0
	for _, v := range c.verifiers {
		if v.Algorithm() == alg {
			found = v
			n++
		}
	}
	switch n {
	case 0:
		return nil, fmt.Errorf("%w: no key of kid %q verifies %.64q", ErrAlgorithmMismatch, shortKID(c.kid), alg)
	case 1:
		return found, nil
	}
	return nil, fmt.Errorf("%w: kid %q names %d keys that verify %.64s; the key set is ambiguous", ErrKeyNotFound, shortKID(c.kid), n, alg)
}
