//go:build go1.27

package jws

import (
	"crypto"
	"crypto/mldsa"
	"crypto/rand"
	"fmt"
)

// mldsaAvailable reports whether this build implements ML-DSA: it does
// from Go 1.27 on, whose standard library has crypto/mldsa.
const mldsaAvailable = true

// keyFamilies names the key families NewSigner and NewVerifier take.
const keyFamilies = "RSA, ECDSA, Ed25519 and ML-DSA"

// MLDSASigner signs with ML-DSA (FIPS 204) as RFC 9964 uses it in JWS: the
// "pure" ML-DSA of FIPS 204 §5.2 over the JWS signing input, with an empty
// context string. Its algorithm, MLDSA44, MLDSA65 or MLDSA87, is the
// parameter set of its key.
//
// Signatures are hedged, as FIPS 204 recommends: each one mixes fresh
// randomness with the key, so two signatures of the same input differ and
// both verify. They are 2420, 3309 or 4627 bytes long.
//
// An MLDSASigner is safe for concurrent use. Build it with
// [NewMLDSASigner], or with [NewSigner] for a key held in a KMS or HSM. A
// nil or zero MLDSASigner holds no key: its Algorithm returns "", its
// Verifier returns nil, and AppendSignature returns an error wrapping
// [ErrInvalidKey]. It is available only when signet is built with Go 1.27
// or later.
type MLDSASigner struct {
	alg      Algorithm
	priv     *mldsa.PrivateKey // our own copy; nil for a signer from NewSigner
	key      crypto.Signer     // the caller's signer when priv is nil
	verifier *MLDSAVerifier
}

// MLDSAVerifier verifies ML-DSA signatures (FIPS 204 Algorithm 3, with an
// empty context string) for one algorithm, MLDSA44, MLDSA65 or MLDSA87,
// the parameter set of its key (RFC 9964).
//
// An MLDSAVerifier is safe for concurrent use. Build it with
// [NewMLDSAVerifier] or [NewVerifier]. A nil or zero MLDSAVerifier holds no
// key: its Algorithm returns "" and VerifySignature returns an error
// wrapping [ErrInvalidKey]. It is available only when signet is built with
// Go 1.27 or later.
type MLDSAVerifier struct {
	alg     Algorithm
	key     *mldsa.PublicKey // our own copy
	sigSize int
}

// mldsaParams returns the parameter set of alg, or the error of fn for an
// algorithm that is not ML-DSA.
func mldsaParams(fn string, alg Algorithm) (mldsa.Parameters, error) {
	switch alg {
	case MLDSA44:
		return mldsa.MLDSA44(), nil
	case MLDSA65:
		return mldsa.MLDSA65(), nil
	case MLDSA87:
		return mldsa.MLDSA87(), nil
	}
	return mldsa.Parameters{}, unsupportedAlgorithm(fn, alg, "ML-DSA-44, ML-DSA-65 or ML-DSA-87")
}

// mldsaAlgorithmOf returns the algorithm of a public key of n bytes, the
// length of its encoding, which names its parameter set; or "" if n is no
// parameter set's. A zero mldsa.PublicKey encodes to 32 bytes.
func mldsaAlgorithmOf(n int) Algorithm {
	switch n {
	case mldsa.MLDSA44PublicKeySize:
		return MLDSA44
	case mldsa.MLDSA65PublicKeySize:
		return MLDSA65
	case mldsa.MLDSA87PublicKeySize:
		return MLDSA87
	}
	return ""
}

// NewMLDSASigner returns an MLDSASigner for alg, MLDSA44, MLDSA65 or
// MLDSA87, that signs with key, whose parameter set must be alg's. Another
// algorithm is refused with an error wrapping [ErrUnsupportedAlgorithm]; a
// nil or zero key, or one of another parameter set, with an error wrapping
// [ErrInvalidKey]. NewMLDSASigner derives its own copy of the key from
// key's seed.
//
// NewMLDSASigner is available only when signet is built with Go 1.27 or
// later.
func NewMLDSASigner(alg Algorithm, key *mldsa.PrivateKey) (*MLDSASigner, error) {
	const fn = "NewMLDSASigner"
	params, err := mldsaParams(fn, alg)
	if err != nil {
		return nil, err
	}
	if key == nil {
		return nil, fmt.Errorf("%w: %s needs an ML-DSA private key, got nil", ErrInvalidKey, alg)
	}
	// A zero PrivateKey has a zero public key, whose encoding is 32 bytes.
	pub := key.PublicKey()
	if got := mldsaAlgorithmOf(len(pub.Bytes())); got != alg {
		return nil, wrongMLDSAKey(alg, got, "private")
	}
	priv, err := mldsa.NewPrivateKey(params, key.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%w: %s private key: %w", ErrInvalidKey, alg, err)
	}
	v, err := newMLDSAVerifier(fn, alg, priv.PublicKey())
	if err != nil {
		return nil, err
	}
	return &MLDSASigner{alg: alg, priv: priv, verifier: v}, nil
}

// wrongMLDSAKey returns the error for a key of algorithm got ("" for none)
// given where alg is wanted; kind is "private" or "public".
func wrongMLDSAKey(alg, got Algorithm, kind string) error {
	if got == "" {
		return fmt.Errorf("%w: %s needs an ML-DSA %s key, got a zero or unknown one", ErrInvalidKey, alg, kind)
	}
	return fmt.Errorf("%w: %s needs an %s %s key, got an %s one", ErrInvalidKey, alg, alg, kind, got)
}

// Algorithm returns the algorithm s signs with, MLDSA44, MLDSA65 or
// MLDSA87, or "" if s is nil or zero.
func (s *MLDSASigner) Algorithm() Algorithm {
	if !s.usable() {
		return ""
	}
	return s.alg
}

// Verifier returns the verifier of s's public key for s's algorithm, an
// *[MLDSAVerifier], or nil if s is nil or zero.
func (s *MLDSASigner) Verifier() Verifier {
	if !s.usable() {
		return nil
	}
	return s.verifier
}

// retainsNothing reports whether s signs with a key of its own: the
// crypto.Signer of NewSigner is given signingInput itself, and may keep it.
func (s *MLDSASigner) retainsNothing(as Signer) bool { return as == Signer(s) && s.priv != nil }

// usable reports whether s was built by NewMLDSASigner or NewSigner.
func (s *MLDSASigner) usable() bool {
	return s != nil && (s.priv != nil || s.key != nil) && s.verifier.usable() && s.alg == s.verifier.alg
}

// AppendSignature appends the ML-DSA signature of signingInput to dst and
// returns the extended buffer. Signatures are hedged (randomized); an
// error from the system's random source is returned wrapped.
//
// With a signer from [NewSigner], AppendSignature returns the signer's
// error wrapped together with [ErrInvalidKey], and refuses a signature
// that is not of its parameter set's size with an error wrapping
// [ErrInvalidSignature]. A nil or zero s returns an error wrapping
// [ErrInvalidKey]. On error AppendSignature returns nil, as every Append
// function of signet does.
func (s *MLDSASigner) AppendSignature(dst, signingInput []byte) ([]byte, error) {
	if !s.usable() {
		return nil, errUnusable("MLDSASigner", "NewMLDSASigner or NewSigner")
	}
	var sig []byte
	var err error
	if s.priv != nil {
		sig, err = s.priv.Sign(nil, signingInput, nil)
		if err != nil {
			return nil, fmt.Errorf("jws: %s signing: %w", s.alg, err)
		}
	} else {
		sig, err = s.key.Sign(rand.Reader, signingInput, &mldsa.Options{})
		if err != nil {
			return nil, fmt.Errorf("%w: the %s signer failed: %w", ErrInvalidKey, s.alg, err)
		}
	}
	if len(sig) != s.verifier.sigSize {
		return nil, fmt.Errorf("%w: the %s signer returned %d bytes, not %d", ErrInvalidSignature, s.alg, len(sig), s.verifier.sigSize)
	}
	return append(dst, sig...), nil
}

// NewMLDSAVerifier returns an MLDSAVerifier for alg, MLDSA44, MLDSA65 or
// MLDSA87, and the public key key, whose parameter set must be alg's.
// Another algorithm is refused with an error wrapping
// [ErrUnsupportedAlgorithm]; a nil or zero key, or one of another parameter
// set, with an error wrapping [ErrInvalidKey]. NewMLDSAVerifier keeps its
// own copy of key.
//
// NewMLDSAVerifier is available only when signet is built with Go 1.27 or
// later.
func NewMLDSAVerifier(alg Algorithm, key *mldsa.PublicKey) (*MLDSAVerifier, error) {
	return newMLDSAVerifier("NewMLDSAVerifier", alg, key)
}

func newMLDSAVerifier(fn string, alg Algorithm, key *mldsa.PublicKey) (*MLDSAVerifier, error) {
	params, err := mldsaParams(fn, alg)
	if err != nil {
		return nil, err
	}
	if key == nil {
		return nil, fmt.Errorf("%w: %s needs an ML-DSA public key, got nil", ErrInvalidKey, alg)
	}
	// The length of the encoding names the parameter set without calling
	// key.Parameters, which panics on a zero PublicKey.
	enc := key.Bytes()
	if got := mldsaAlgorithmOf(len(enc)); got != alg {
		return nil, wrongMLDSAKey(alg, got, "public")
	}
	pub, err := mldsa.NewPublicKey(params, enc)
	if err != nil {
		return nil, fmt.Errorf("%w: %s public key: %w", ErrInvalidKey, alg, err)
	}
	return &MLDSAVerifier{alg: alg, key: pub, sigSize: params.SignatureSize()}, nil
}

// Algorithm returns the only algorithm v accepts, MLDSA44, MLDSA65 or
// MLDSA87, or "" if v is nil or zero.
func (v *MLDSAVerifier) Algorithm() Algorithm {
	if !v.usable() {
		return ""
	}
	return v.alg
}

// usable reports whether v was built by NewMLDSAVerifier or NewVerifier.
func (v *MLDSAVerifier) usable() bool {
	return v != nil && v.key != nil && v.alg.isMLDSA() && v.sigSize > 0
}

// VerifySignature returns nil if signature is a valid ML-DSA signature of
// signingInput with an empty context, and an error wrapping
// [ErrInvalidSignature] otherwise. signature must be exactly the parameter
// set's size: 2420, 3309 or 4627 bytes. A nil or zero v returns an error
// wrapping [ErrInvalidKey].
func (v *MLDSAVerifier) VerifySignature(signingInput, signature []byte) error {
	if !v.usable() {
		return errUnusable("MLDSAVerifier", "NewMLDSAVerifier or NewVerifier")
	}
	if len(signature) != v.sigSize {
		return fmt.Errorf("%w: %s signature must be %d bytes, got %d", ErrInvalidSignature, v.alg, v.sigSize, len(signature))
	}
	if mldsa.Verify(v.key, signingInput, signature, nil) != nil {
		return ErrInvalidSignature
	}
	return nil
}

// mldsaPrivateSigner returns NewSigner's Signer for key if key is an
// *mldsa.PrivateKey, with ok true; ok is false for any other key.
func mldsaPrivateSigner(alg Algorithm, key crypto.Signer) (s Signer, ok bool, err error) {
	k, ok := key.(*mldsa.PrivateKey)
	if !ok {
		return nil, false, nil
	}
	if !alg.isMLDSA() {
		return nil, true, mismatchedKey(alg, "an ML-DSA key")
	}
	s, err = nonNil(NewMLDSASigner(alg, k))
	return s, true, err
}

// mldsaOpaqueSigner returns NewSigner's Signer for key, whose public key
// is pub, if pub is an *mldsa.PublicKey, with ok true; ok is false for any
// other public key.
func mldsaOpaqueSigner(alg Algorithm, key crypto.Signer, pub crypto.PublicKey) (s Signer, ok bool, err error) {
	p, ok := pub.(*mldsa.PublicKey)
	if !ok {
		return nil, false, nil
	}
	if !alg.isMLDSA() {
		return nil, true, mismatchedKey(alg, "an ML-DSA key")
	}
	v, err := newMLDSAVerifier("NewSigner", alg, p)
	if err != nil {
		return nil, true, err
	}
	return &MLDSASigner{alg: alg, key: key, verifier: v}, true, nil
}

// mldsaVerifierFor returns the Verifier of fn (NewVerifier or
// ParsePEMVerifier) for key if key is an *mldsa.PublicKey, with ok true; ok
// is false for any other key.
func mldsaVerifierFor(fn string, alg Algorithm, key crypto.PublicKey) (v Verifier, ok bool, err error) {
	p, ok := key.(*mldsa.PublicKey)
	if !ok {
		return nil, false, nil
	}
	if !alg.isMLDSA() {
		return nil, true, mismatchedKey(alg, "an ML-DSA key")
	}
	v, err = nonNilVerifier(newMLDSAVerifier(fn, alg, p))
	return v, true, err
}

// readsOnly marks MLDSAVerifier as a Verifier that neither modifies nor keeps
// what VerifySignature is given (see readsOnly).
func (v *MLDSAVerifier) readsOnly(as Verifier) bool { return as == Verifier(v) }
