package jws

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"sync"
)

// HMAC signs and verifies with HS256, HS384 or HS512: HMAC with SHA-2
// (RFC 7518 §3.2). An HMAC key is a shared secret, so an HMAC is both a
// [Signer] and a [Verifier]: whoever can verify can also sign.
//
// An HMAC is safe for concurrent use. Build it with [NewHMAC]. A nil or
// zero HMAC holds no key: its Algorithm returns "" and its other methods
// return an error wrapping [ErrInvalidKey].
type HMAC struct {
	alg  Algorithm
	size int       // octets of the MAC: the hash output size
	pool sync.Pool // of *hmacState, all keyed with the same key
}

// hmacState is one keyed HMAC hash and room for its output, so that
// neither signing nor verifying allocates once the pool is warm.
type hmacState struct {
	mac hash.Hash
	sum [sha512.Size]byte
}

// NewHMAC returns an HMAC for alg, which must be HS256, HS384 or HS512,
// keyed with key. NewHMAC copies key: the caller may change or reuse it
// afterwards.
//
// # Minimum key size
//
// RFC 7518 §3.2 requires a key at least as long as the hash output. NewHMAC
// refuses shorter keys with an error wrapping [ErrInvalidKey]: HS256 needs
// 32 bytes, HS384 48 and HS512 64. The key should be that many random bytes,
// not a password.
func NewHMAC(alg Algorithm, key []byte) (*HMAC, error) {
	var h func() hash.Hash
	switch alg {
	case HS256:
		h = sha256.New
	case HS384:
		h = sha512.New384
	case HS512:
		h = sha512.New
	default:
		return nil, unsupportedAlgorithm("NewHMAC", alg, "HS256, HS384 or HS512")
	}
	size := alg.hash().Size()
	if len(key) < size {
		return nil, fmt.Errorf("%w: %s needs a key of at least %d bytes, got %d (RFC 7518 §3.2)", ErrInvalidKey, alg, size, len(key))
	}
	key = bytes.Clone(key)
	m := &HMAC{alg: alg, size: size}
	m.pool.New = func() any {
		mac := hmac.New(h, key)
		mac.Reset() // lets crypto/hmac save the keyed state, so later Resets are cheap
		return &hmacState{mac: mac}
	}
	return m, nil
}

// Algorithm returns the algorithm m signs and verifies with, or "" if m is
// nil or zero.
func (m *HMAC) Algorithm() Algorithm {
	if m == nil {
		return ""
	}
	return m.alg
}

// retainsNothing reports whether as is m itself: m hands no buffer to
// other code.
func (m *HMAC) retainsNothing(as Signer) bool { return as == Signer(m) }

// usable reports whether m was built by NewHMAC.
func (m *HMAC) usable() bool { return m != nil && m.pool.New != nil }

// Verifier returns m itself: whoever holds an HMAC secret can both sign
// and verify. Keep it away from services that should only verify; they
// need an asymmetric algorithm. If m is nil or zero, Verifier returns nil.
func (m *HMAC) Verifier() Verifier {
	if !m.usable() {
		return nil
	}
	return m
}

// AppendSignature appends the MAC of signingInput to dst and returns the
// extended buffer. It does not allocate when dst has room for the MAC. Its
// only error is that of a nil or zero m, wrapping [ErrInvalidKey]; then it
// returns nil, as every Append function of signet does on error.
func (m *HMAC) AppendSignature(dst, signingInput []byte) ([]byte, error) {
	if !m.usable() {
		return nil, errUnusable("HMAC", "NewHMAC")
	}
	s := m.pool.Get().(*hmacState)
	dst = append(dst, s.compute(signingInput)...)
	m.pool.Put(s)
	return dst, nil
}

// VerifySignature returns nil if signature is the MAC of signingInput, and
// an error wrapping [ErrInvalidSignature] otherwise. The comparison takes
// constant time; a MAC of the wrong length, including a truncated one, is
// refused before it is compared. VerifySignature does not allocate unless it
// refuses a signature of the wrong length. A nil or zero m returns an error
// wrapping [ErrInvalidKey].
func (m *HMAC) VerifySignature(signingInput, signature []byte) error {
	if !m.usable() {
		return errUnusable("HMAC", "NewHMAC")
	}
	if len(signature) != m.size {
		return fmt.Errorf("%w: %s signature must be %d bytes, got %d", ErrInvalidSignature, m.alg, m.size, len(signature))
	}
	s := m.pool.Get().(*hmacState)
	ok := hmac.Equal(s.compute(signingInput), signature)
	m.pool.Put(s)
	if !ok {
		return ErrInvalidSignature
	}
	return nil
}

// compute returns the MAC of in, held in s until s is used again.
func (s *hmacState) compute(in []byte) []byte {
	s.mac.Reset()
	s.mac.Write(in)
	return s.mac.Sum(s.sum[:0])
}

// readsOnly marks HMAC as a Verifier that neither modifies nor keeps
// what VerifySignature is given (see readsOnly).
func (m *HMAC) readsOnly(as Verifier) bool { return as == Verifier(m) }
