package jwk

import (
	"context"
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
// replaces it, as decoding into any value does): [Set.Keys] returns
// copies, so nothing a caller does to them changes the set or what it
// verifies with. The zero Set holds no key. A Set never fetches anything:
// to follow a provider's jwks_uri across key rotations, use a [Remote]
// set, which keeps a Set current.
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
// # No ambiguity
//
// A set resolves a token to at most one key, and skips what could make it
// guess:
//
//   - In a set that holds RSA, EC, OKP or AKP keys, even ones it skips
//     (an "enc" key, a small modulus), oct keys (HMAC secrets) are
//     skipped: a published JWK Set never holds a secret, and a set that
//     mixes them invites the confusion of an HMAC keyed with a public key. A set of oct keys alone is a secret shared with its issuer,
//     never to be published; it works as any other set.
//   - When two usable keys of one "kid" can both verify an algorithm,
//     Resolve refuses that kid for that algorithm ([jws.ErrKeyNotFound])
//     rather than try both. Two keys of one kid that serve disjoint
//     algorithms (an RSA key for RS256 and an EC key for ES256) stay
//     valid.
//   - A key whose "use" is neither "sig" nor absent is skipped: "enc"
//     keys, and application values such as SPIFFE's "jwt-svid" and
//     "x509-svid", unless [ParseOptions].SignatureUses names them.
//
// Resolving the kid of a skipped key says why it was skipped, and
// [Set.Skipped] lists every skipped member for diagnostics.
type Set struct {
	keys    []*Key
	skipped []error
	// byKID holds, for each kid, what Resolve returns. The empty kid is
	// present only when the set holds exactly one usable key, which has no
	// kid.
	byKID map[string]kidEntry
}

// kidEntry is what a Set knows of one kid.
type kidEntry struct {
	// verifiers holds one Verifier for each binding of a usable key of the
	// kid to an algorithm; nil if every key of the kid was skipped.
	verifiers []jws.Verifier
	// ambiguous lists the algorithms that two or more of verifiers serve.
	ambiguous []jws.Algorithm
	// skipped is why the first skipped key of the kid was skipped.
	skipped error
}

// ParseOptions says how [ParseOptions.ParseSet] reads a JWK Set. The zero
// value is the default of [ParseSet].
type ParseOptions struct {
	// SignatureUses names application "use" values (RFC 7517 §4.2 lets
	// applications register their own) whose keys verify signatures, as
	// "sig" keys do: a SPIFFE JWT-SVID verifier names "jwt-svid", the use
	// of the keys of a SPIFFE trust bundle that sign JWT-SVIDs. Keys of any
	// other use but "sig" are skipped. "enc" cannot be named.
	SignatureUses []string
}

// ParseSet parses a JWK Set, {"keys":[...]} (RFC 7517 §5), as strict
// JSON, with the default [ParseOptions]. Each member of "keys" is parsed as
// [ParseKey] does; one that signet cannot use for verifying signatures (an
// unknown "kty" or curve, an encryption key, a key whose "key_ops" exclude
// "verify", an "alg" signet does not implement, a malformed key, and what
// [Set] skips to stay unambiguous) is skipped, not fatal, since providers
// mix such keys in (RFC 7517 §5), and [Set.Skipped] says why. A set all of
// whose keys are skipped still parses: Resolve then finds nothing, and
// says why for the kid of a skipped key. A document that is not a JSON
// object with a "keys" array is an error wrapping [jws.ErrMalformed].
// Other top-level members are ignored. On error it returns nil.
func ParseSet(data []byte) (*Set, error) {
	return ParseOptions{}.ParseSet(data)
}

// ParseSet is [ParseSet] under the options o.
func (o ParseOptions) ParseSet(data []byte) (*Set, error) {
	if slices.Contains(o.SignatureUses, "enc") {
		return nil, errorf(jws.ErrInvalidKey, "ParseOptions.SignatureUses names \"enc\", the use of encryption keys (RFC 7517 §4.2)")
	}
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
	// The elements are cut out of data, already checked whole by Object;
	// parseKey copies what it keeps.
	var elems [][]byte
	if raw[0] != '[' || strictjson.Array(raw, func(e []byte) error { elems = append(elems, e); return nil }) != nil {
		return nil, errorf(jws.ErrMalformed, "JWK Set \"keys\" is not an array (RFC 7517 §5.1)")
	}
	var (
		keys     []*Key
		indexes  []int
		bindings [][]jws.Verifier
		skipped  []*setError
		public   bool // some member, used or skipped, is of a public-key type
	)
	for i, e := range elems {
		k, kid, kty, err := parseKey(e)
		switch kty {
		case ktyRSA, ktyEC, ktyOKP, ktyAKP:
			public = true
		}
		var vs []jws.Verifier
		if err == nil {
			vs, err = k.setVerifiers(o.SignatureUses)
		}
		if err != nil {
			skipped = append(skipped, &setError{index: i, kid: kid, skipped: true, err: err})
			continue
		}
		keys = append(keys, k)
		indexes = append(indexes, i)
		bindings = append(bindings, vs)
	}
	// oct keys are never used beside public keys, even skipped ones: the
	// document is then a published set.
	if public {
		n := 0
		for i, k := range keys {
			if k.kty == ktyOct {
				skipped = append(skipped, &setError{index: indexes[i], kid: k.kid, skipped: true, err: errMixedOct()})
				continue
			}
			keys[n], indexes[n], bindings[n] = k, indexes[i], bindings[i]
			n++
		}
		keys, bindings = keys[:n:n], bindings[:n:n]
		slices.SortFunc(skipped, func(a, b *setError) int { return a.index - b.index })
	}
	return newSet(keys, bindings, skipped), nil
}

// errMixedOct returns why a set skips an oct key beside RSA, EC or OKP
// keys.
func errMixedOct() error {
	return errorf(jws.ErrInvalidKey, "an oct key (an HMAC secret) in a JWK Set that holds public keys is never used: a published set holds no secret, and a mixed one invites HMAC-with-a-public-key confusion")
}

// NewSet returns a set holding keys, for a service that publishes
// its own JWK Set (use [Key.Public] on private keys first: MarshalJSON
// writes public keys only) or verifies with keys it already has. Unlike
// [ParseSet], it refuses what a Set would skip, with an error wrapping
// [jws.ErrInvalidKey]: no key, a nil or unusable key, a key without "kid"
// in a set of more than one, two keys of one kid that serve the same
// algorithm, and oct keys beside keys of another type. NewSet keeps copies
// of the keys.
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
		if err == nil && k.kty == ktyOct && slices.ContainsFunc(keys, func(o *Key) bool { return o != nil && o.kty != "" && o.kty != ktyOct }) {
			err = errMixedOct()
		}
		if err == nil {
			bindings[i], err = k.setVerifiers(nil)
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
	copies := make([]*Key, len(keys))
	for i, k := range keys {
		copies[i] = k.clone()
	}
	return newSet(copies, bindings, nil), nil
}

// newSet indexes keys, whose Verifiers are bindings, and the skipped
// members by kid.
func newSet(keys []*Key, bindings [][]jws.Verifier, skipped []*setError) *Set {
	s := &Set{keys: keys, byKID: make(map[string]kidEntry, len(keys))}
	for i, k := range keys {
		if k.kid != "" || len(keys) == 1 {
			e := s.byKID[k.kid]
			e.verifiers = append(e.verifiers, bindings[i]...)
			s.byKID[k.kid] = e
		}
	}
	for kid, e := range s.byKID {
		e.verifiers = slices.Clip(e.verifiers)
		for i, v := range e.verifiers {
			alg := v.Algorithm()
			if !slices.Contains(e.ambiguous, alg) && slices.ContainsFunc(e.verifiers[i+1:], func(w jws.Verifier) bool { return w.Algorithm() == alg }) {
				e.ambiguous = append(e.ambiguous, alg)
			}
		}
		s.byKID[kid] = e
	}
	for _, se := range skipped {
		s.skipped = append(s.skipped, se)
		if se.kid == "" {
			continue
		}
		if e := s.byKID[se.kid]; e.verifiers == nil && e.skipped == nil {
			e.skipped = se
			s.byKID[se.kid] = e
		}
	}
	return s
}

// setVerifiers returns the Verifiers k serves in a key set: the one of its
// "alg", or, for a JWK without "alg", one for each algorithm of its key type
// that the constructors accept for it. sigUses are the application "use"
// values accepted as "sig".
func (k *Key) setVerifiers(sigUses []string) ([]jws.Verifier, error) {
	if err := k.permitsWith("verify", sigUses); err != nil {
		return nil, err
	}
	if k.alg != "" {
		v, err := k.newVerifier(k.alg)
		if err != nil {
			return nil, err
		}
		return []jws.Verifier{v}, nil
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
// kid is matched exactly; ctx is not used. A token without "kid" (kid ==
// "") finds a key only when the set holds exactly one usable key and that
// key has no "kid" either; a key without "kid" in a larger set is never
// found. Every refusal wraps [jws.ErrKeyNotFound]: an unknown kid; the kid
// of a skipped key, with why it was skipped (and that reason's sentinel,
// such as [jws.ErrInvalidKey] for "RS256 needs an RSA modulus of at least
// 2048 bits, got 512"); and a kid two of whose keys can verify alg, which
// the set will not choose between.
//
// The slice returned belongs to the set: the caller must not modify it.
// Resolve does not allocate when it finds the key.
func (s *Set) Resolve(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
	if s != nil {
		if e, ok := s.byKID[kid]; ok {
			switch {
			case e.verifiers == nil:
				return nil, errorf(jws.ErrKeyNotFound, "kid %q names a key the set skipped: %w", shortKID(kid), e.skipped)
			case slices.Contains(e.ambiguous, alg):
				return nil, errorf(jws.ErrKeyNotFound, "kid %q is ambiguous: several keys of the set verify %.64q, and it does not guess which (RFC 7517 §4.5)", shortKID(kid), alg)
			}
			return e.verifiers, nil
		}
	}
	if kid == "" {
		return nil, errorf(jws.ErrKeyNotFound, "the token has no \"kid\", and the key set does not hold exactly one key without one")
	}
	return nil, errorf(jws.ErrKeyNotFound, "kid %q is not in the key set", shortKID(kid))
}

// resolveUsable returns what Resolve returns for a kid of which the set
// holds a usable key, and ok false for any other kid.
func (s *Set) resolveUsable(kid string, alg jws.Algorithm) (vs []jws.Verifier, ok bool, err error) {
	e, found := s.byKID[kid]
	if !found || e.verifiers == nil {
		return nil, false, nil
	}
	vs, err = s.Resolve(context.Background(), kid, alg)
	return vs, true, err
}

// shortKID returns kid cut to a length fit for an error message.
func shortKID(kid string) string {
	const max = 64
	if len(kid) > max {
		return kid[:max] + "…"
	}
	return kid
}

// Keys returns copies of the usable keys of the set, in document order:
// decoding into one, or anything else done to them, changes neither the
// set nor what it verifies with.
func (s *Set) Keys() []*Key {
	if s == nil {
		return nil
	}
	var keys []*Key
	for _, k := range s.keys {
		keys = append(keys, k.clone())
	}
	return keys
}

// Skipped returns why ParseSet skipped members of "keys", one error per
// skipped member, in document order: each names the index and, when it
// could be read, the "kid", and wraps the reason ([jws.ErrUnsupportedAlgorithm],
// [jws.ErrInvalidKey], [jws.ErrMalformed], ...). It is for logging and
// debugging: a set that resolves nothing says why here.
func (s *Set) Skipped() []error {
	if s == nil {
		return nil
	}
	return append([]error(nil), s.skipped...)
}

// MarshalJSON returns the JWK Set of the usable keys, {"keys":[...]}, each
// as [Key.MarshalJSON] writes it. A set that holds a private or oct key is
// refused with an error wrapping [jws.ErrInvalidKey], so that a jwks.json
// handler cannot publish a "d": build the set from [Key.Public] keys to
// publish it, or use [Set.MarshalPrivate] to store private keys. Skipped
// members are not written.
func (s *Set) MarshalJSON() ([]byte, error) {
	if s != nil {
		for i, k := range s.keys {
			if k.priv != nil {
				return nil, errPrivate("keys[%d] (kid %q) is a private %s key", i, shortKID(k.kid), k.kty)
			}
		}
	}
	return s.MarshalPrivate()
}

// MarshalPrivate returns the JWK Set of the usable keys as
// [Set.MarshalJSON] does, but with the private members of private keys and
// the secrets of oct keys, as [Key.MarshalPrivate] writes them: for storing
// a set, never for publishing one.
func (s *Set) MarshalPrivate() ([]byte, error) {
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
	if s == nil {
		return errorf(jws.ErrInvalidKey, "UnmarshalJSON into a nil *Set")
	}
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
