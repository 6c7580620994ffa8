package jws

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
)

// Ed25519Signer signs with EdDSA using Ed25519 (RFC 8037 §3.1, RFC 8032
// §5.1). Ed25519 signatures are deterministic: the same key and input
// always give the same 64 bytes.
//
// An Ed25519Signer is safe for concurrent use. Build it with
// [NewEd25519Signer], or with [NewSigner] for a key held in a KMS or HSM. A
// nil or zero Ed25519Signer holds no key: its Algorithm returns "", its
// Verifier returns nil, and AppendSignature returns an error
// wrapping [ErrInvalidKey].
type Ed25519Signer struct {
	priv     ed25519.PrivateKey // our copy; nil for a signer from NewSigner
	key      crypto.Signer      // the caller's signer when priv is nil
	verifier *Ed25519Verifier
}

// Ed25519Verifier verifies EdDSA signatures made with Ed25519 (RFC 8037
// §3.1). It verifies as crypto/ed25519 does (RFC 8032 §5.1.7, with S
// required to be below the group order).
//
// An Ed25519Verifier is safe for concurrent use. Build it with
// [NewEd25519Verifier]. A nil or zero Ed25519Verifier holds no key: its
// Algorithm returns "" and VerifySignature returns an error wrapping
// [ErrInvalidKey].
type Ed25519Verifier struct {
	key ed25519.PublicKey // a copy of the caller's
}

// NewEd25519Signer returns an Ed25519Signer for EdDSA signing with key,
// which must be 64 bytes (seed and public key, as crypto/ed25519 holds
// them) whose public half matches the seed; otherwise NewEd25519Signer
// returns an error wrapping [ErrInvalidKey]. NewEd25519Signer copies key:
// the caller may change it afterwards.
//
// EdDSA in signet means Ed25519; Ed448 is not implemented.
func NewEd25519Signer(key ed25519.PrivateKey) (*Ed25519Signer, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("%w: EdDSA needs an Ed25519 private key of %d bytes, got %d", ErrInvalidKey, ed25519.PrivateKeySize, len(key))
	}
	priv := ed25519.NewKeyFromSeed(key.Seed())
	if !bytes.Equal(priv, key) {
		return nil, fmt.Errorf("%w: the Ed25519 private key does not match its public key", ErrInvalidKey)
	}
	v, err := NewEd25519Verifier(ed25519.PublicKey(priv[ed25519.SeedSize:]))
	if err != nil {
		return nil, err
	}
	return &Ed25519Signer{priv: priv, verifier: v}, nil
}

// Algorithm returns EdDSA, or "" if s is nil or zero.
func (s *Ed25519Signer) Algorithm() Algorithm {
	if !s.usable() {
		return ""
	}
	return EdDSA
}

// Verifier returns the verifier of s's public key for EdDSA, an
// *[Ed25519Verifier], or nil if s is nil or zero.
func (s *Ed25519Signer) Verifier() Verifier {
	if !s.usable() {
		return nil
	}
	return s.verifier
}

// usable reports whether s was built by NewEd25519Signer or NewSigner.
func (s *Ed25519Signer) usable() bool {
	return s != nil && (s.priv != nil || s.key != nil) && s.verifier.usable()
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
		return nil, fmt.Errorf("%w: the EdDSA signer failed: %w", ErrInvalidKey, err)
	}
	if len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: the EdDSA signer returned %d bytes, not %d", ErrInvalidSignature, len(sig), ed25519.SignatureSize)
	}
	return append(dst, sig...), nil
}

// NewEd25519Verifier returns an Ed25519Verifier for EdDSA and the public
// key key, which must be 32 bytes; otherwise NewEd25519Verifier returns an
// error wrapping [ErrInvalidKey]. NewEd25519Verifier copies key: the caller
// may change it afterwards.
func NewEd25519Verifier(key ed25519.PublicKey) (*Ed25519Verifier, error) {
	if len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: EdDSA needs an Ed25519 public key of %d bytes, got %d", ErrInvalidKey, ed25519.PublicKeySize, len(key))
	}
	return &Ed25519Verifier{key: bytes.Clone(key)}, nil
}

// Algorithm returns EdDSA, the only algorithm v accepts, or "" if v is nil
// or zero.
func (v *Ed25519Verifier) Algorithm() Algorithm {
	if !v.usable() {
		return ""
	}
	return EdDSA
}

// usable reports whether v was built by NewEd25519Verifier.
func (v *Ed25519Verifier) usable() bool { return v != nil && len(v.key) == ed25519.PublicKeySize }

// VerifySignature returns nil if signature is a valid Ed25519 signature of
// signingInput, and an error wrapping [ErrInvalidSignature] otherwise.
// signature must be exactly 64 bytes. A nil or zero v returns an error
// wrapping [ErrInvalidKey].
func (v *Ed25519Verifier) VerifySignature(signingInput, signature []byte) error {
	if !v.usable() {
		return errUnusable("Ed25519Verifier", "NewEd25519Verifier")
	}
	if len(signature) != ed25519.SignatureSize {
		return fmt.Errorf("%w: EdDSA signature must be %d bytes, got %d", ErrInvalidSignature, ed25519.SignatureSize, len(signature))
	}
	if !ed25519.Verify(v.key, signingInput, signature) {
		return ErrInvalidSignature
	}
	return nil
}
