package jws

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
)

// Ed25519Signer signs with Ed25519 (RFC 8032 §5.1) under one of its two
// JWS names, fixed when it is built: EdDSA (RFC 8037 §3.1) or Ed25519
// (RFC 9864). Ed25519 signatures are deterministic: the same key and input
// always give the same 64 bytes, whichever name the header carries.
//
// An Ed25519Signer is safe for concurrent use. Build it with
// [NewEd25519Signer] for EdDSA, or with [NewSigner] for either name and for
// a key held in a KMS or HSM. A nil or zero Ed25519Signer holds no key:
// its Algorithm returns "", its Verifier returns nil, and AppendSignature
// returns an error wrapping [ErrInvalidKey].
type Ed25519Signer struct {
	alg      Algorithm          // EdDSA or Ed25519
	priv     ed25519.PrivateKey // our copy; nil for a signer from NewSigner
	key      crypto.Signer      // the caller's signer when priv is nil
	verifier *Ed25519Verifier
}

// Ed25519Verifier verifies Ed25519 signatures under one of their two JWS
// names, fixed when it is built: EdDSA (RFC 8037 §3.1) or Ed25519 (RFC
// 9864). A verifier built for one refuses a token whose "alg" is the other
// with [ErrAlgorithmMismatch], although the signature would verify. It
// verifies as crypto/ed25519 does (RFC 8032 §5.1.7, with S required to be
// below the group order).
//
// An Ed25519Verifier is safe for concurrent use. Build it with
// [NewEd25519Verifier] for EdDSA, or with [NewVerifier] for either name. A
// nil or zero Ed25519Verifier holds no key: its Algorithm returns "" and
// VerifySignature returns an error wrapping [ErrInvalidKey].
type Ed25519Verifier struct {
	alg Algorithm         // EdDSA or Ed25519
	key ed25519.PublicKey // a copy of the caller's
}

// NewEd25519Signer returns an Ed25519Signer for EdDSA signing with key,
// which must be 64 bytes (seed and public key, as crypto/ed25519 holds
// them) whose public half matches the seed; otherwise NewEd25519Signer
// returns an error wrapping [ErrInvalidKey]. NewEd25519Signer copies key:
// the caller may change it afterwards.
//
// EdDSA in signet means Ed25519; Ed448 is not implemented. To sign under
// the fully specified name Ed25519 (RFC 9864), which new deployments
// should prefer, use NewSigner(Ed25519, key): it makes the same checks.
func NewEd25519Signer(key ed25519.PrivateKey) (*Ed25519Signer, error) {
	return newEd25519Signer(EdDSA, key)
}

// newEd25519Signer is NewEd25519Signer for alg, EdDSA or Ed25519.
func newEd25519Signer(alg Algorithm, key ed25519.PrivateKey) (*Ed25519Signer, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("%w: %s needs an Ed25519 private key of %d bytes, got %d", ErrInvalidKey, alg, ed25519.PrivateKeySize, len(key))
	}
	priv := ed25519.NewKeyFromSeed(key.Seed())
	if !bytes.Equal(priv, key) {
		return nil, fmt.Errorf("%w: the Ed25519 private key does not match its public key", ErrInvalidKey)
	}
	v, err := newEd25519Verifier(alg, ed25519.PublicKey(priv[ed25519.SeedSize:]))
	if err != nil {
		return nil, err
	}
	return &Ed25519Signer{alg: alg, priv: priv, verifier: v}, nil
}

// Algorithm returns the algorithm s signs with, EdDSA or Ed25519, or "" if
// s is nil or zero.
func (s *Ed25519Signer) Algorithm() Algorithm {
	if !s.usable() {
		return ""
	}
	return s.alg
}

// Verifier returns the verifier of s's public key for s's algorithm, an
// *[Ed25519Verifier], or nil if s is nil or zero.
func (s *Ed25519Signer) Verifier() Verifier {
	if !s.usable() {
		return nil
	}
	return s.verifier
}

// retainsNothing reports whether s signs with a key of its own: the
// crypto.Signer of NewSigner is given signingInput itself, and may keep it.
func (s *Ed25519Signer) retainsNothing(as Signer) bool { return as == Signer(s) && s.priv != nil }

// usable reports whether s was built by NewEd25519Signer or NewSigner.
func (s *Ed25519Signer) usable() bool {
	return s != nil && (s.priv != nil || s.key != nil) && s.verifier.usable() && s.alg == s.verifier.alg
}

// AppendSignature appends the 64-byte Ed25519 signature of signingInput to
// dst and returns the extended buffer.
//
// With a signer from [NewSigner], AppendSignature returns the signer's
// error wrapped together with [ErrInvalidKey], and refuses a signature that
// is not 64 bytes with an error wrapping [ErrInvalidSignature]. A nil or
// zero s returns an error wrapping [ErrInvalidKey]. On error
// AppendSignature returns nil, as every Append function of signet does.
func (s *Ed25519Signer) AppendSignature(dst, signingInput []byte) ([]byte, error) {
	if !s.usable() {
		return nil, errUnusable("Ed25519Signer", "NewEd25519Signer or NewSigner")
	}
	if s.priv != nil {
		return append(dst, ed25519.Sign(s.priv, signingInput)...), nil
	}
	sig, err := s.key.Sign(rand.Reader, signingInput, crypto.Hash(0))
	if err != nil {
		return nil, fmt.Errorf("%w: the %s signer failed: %w", ErrInvalidKey, s.alg, err)
	}
	if len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: the %s signer returned %d bytes, not %d", ErrInvalidSignature, s.alg, len(sig), ed25519.SignatureSize)
	}
	return append(dst, sig...), nil
}

// NewEd25519Verifier returns an Ed25519Verifier for EdDSA and the public
// key key, which must be 32 bytes; otherwise NewEd25519Verifier returns an
// error wrapping [ErrInvalidKey]. NewEd25519Verifier copies key: the caller
// may change it afterwards.
//
// The verifier accepts only tokens whose "alg" is EdDSA. For tokens whose
// "alg" is Ed25519 (RFC 9864), use NewVerifier(Ed25519, key).
func NewEd25519Verifier(key ed25519.PublicKey) (*Ed25519Verifier, error) {
	return newEd25519Verifier(EdDSA, key)
}

// newEd25519Verifier is NewEd25519Verifier for alg, EdDSA or Ed25519.
func newEd25519Verifier(alg Algorithm, key ed25519.PublicKey) (*Ed25519Verifier, error) {
	if len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: %s needs an Ed25519 public key of %d bytes, got %d", ErrInvalidKey, alg, ed25519.PublicKeySize, len(key))
	}
	return &Ed25519Verifier{alg: alg, key: bytes.Clone(key)}, nil
}

// Algorithm returns the only algorithm v accepts, EdDSA or Ed25519, or ""
// if v is nil or zero.
func (v *Ed25519Verifier) Algorithm() Algorithm {
	if !v.usable() {
		return ""
	}
	return v.alg
}

// usable reports whether v was built by NewEd25519Verifier or NewVerifier.
func (v *Ed25519Verifier) usable() bool {
	return v != nil && len(v.key) == ed25519.PublicKeySize && v.alg.isEd25519()
}

// VerifySignature returns nil if signature is a valid Ed25519 signature of
// signingInput, and an error wrapping [ErrInvalidSignature] otherwise.
// signature must be exactly 64 bytes. A nil or zero v returns an error
// wrapping [ErrInvalidKey].
func (v *Ed25519Verifier) VerifySignature(signingInput, signature []byte) error {
	if !v.usable() {
		return errUnusable("Ed25519Verifier", "NewEd25519Verifier or NewVerifier")
	}
	if len(signature) != ed25519.SignatureSize {
		return fmt.Errorf("%w: %s signature must be %d bytes, got %d", ErrInvalidSignature, v.alg, ed25519.SignatureSize, len(signature))
	}
	if !ed25519.Verify(v.key, signingInput, signature) {
		return ErrInvalidSignature
	}
	return nil
}

// readsOnly marks Ed25519Verifier as a Verifier that neither modifies nor keeps
// what VerifySignature is given (see readsOnly).
func (v *Ed25519Verifier) readsOnly(as Verifier) bool { return as == Verifier(v) }
