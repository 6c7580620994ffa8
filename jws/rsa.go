package jws

import (
	"crypto"
	"crypto/fips140"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha512"
	"fmt"
	"math/big"

	"github.com/signet-go/signet/internal/rsapub"
)

// minRSABits is the smallest RSA modulus signet accepts (RFC 7518 §3.3).
const minRSABits = 2048

// rsaAlgorithms lists the algorithms of the RSA constructors, for errors.
const rsaAlgorithms = "RS256, RS384, RS512, PS256, PS384 or PS512"

// RSASigner signs with one of RS256, RS384 and RS512 (RSASSA-PKCS1-v1_5,
// RFC 7518 §3.3) or PS256, PS384 and PS512 (RSASSA-PSS, RFC 7518 §3.5).
//
// An RSASigner is safe for concurrent use. Build it with [NewRSASigner], or
// with [NewSigner] for a key held in a KMS or HSM. A nil or zero RSASigner
// holds no key: its Algorithm returns "", its Verifier returns nil, and
// AppendSignature returns an error wrapping [ErrInvalidKey].
type RSASigner struct {
	alg      Algorithm
	hash     crypto.Hash
	key      crypto.Signer // an *rsa.PrivateKey of our own, or the caller's signer
	opts     crypto.SignerOpts
	verifier *RSAVerifier
}

// RSAVerifier verifies signatures made with one of RS256, RS384, RS512,
// PS256, PS384 and PS512 (RFC 7518 §3.3, §3.5).
//
// An RSAVerifier is safe for concurrent use. Build it with
// [NewRSAVerifier]. A nil or zero RSAVerifier holds no key: its Algorithm
// returns "" and VerifySignature returns an error wrapping [ErrInvalidKey].
type RSAVerifier struct {
	alg  Algorithm
	hash crypto.Hash
	key  rsa.PublicKey    // a copy of the caller's, for crypto/rsa in FIPS 140-3 mode
	pub  rsapub.PublicKey // the same key for signet's own arithmetic, prepared on first use
	size int              // octets of the modulus, and of every signature
	pss  *rsa.PSSOptions  // nil for RS*; the exact salt length for PS*
}

// NewRSASigner returns an RSASigner for alg, which must be one of RS256,
// RS384, RS512, PS256, PS384 and PS512, signing with key.
//
// PS256, PS384 and PS512 use a salt as long as the hash output and MGF1
// with the same hash, as RFC 7518 §3.5 requires.
//
// key must be a complete private key that passes [rsa.PrivateKey.Validate]:
// with its two primes (multi-prime keys and keys holding only D are
// refused), consistent with its public half. NewRSASigner works on a
// shallow copy of key, which it precomputes; the caller must not modify
// key's fields afterwards, as crypto/rsa also requires.
//
// # Minimum key size
//
// NewRSASigner refuses moduli shorter than 2048 bits (RFC 7518 §3.3), and
// public exponents that are even, below 3 or above 2³¹-1, with an error
// wrapping [ErrInvalidKey]. Unlike crypto/rsa, no GODEBUG setting lowers
// the floor.
func NewRSASigner(alg Algorithm, key *rsa.PrivateKey) (*RSASigner, error) {
	if _, _, err := rsaParams("NewRSASigner", alg); err != nil {
		return nil, err
	}
	if key == nil {
		return nil, fmt.Errorf("%w: %s needs an RSA private key, got nil", ErrInvalidKey, alg)
	}
	if err := checkRSAPublicKey(alg, &key.PublicKey); err != nil {
		return nil, err
	}
	k := *key // the fields are shared, the precomputed values are ours
	k.Precompute()
	if err := k.Validate(); err != nil {
		return nil, fmt.Errorf("%w: RSA private key is not valid: %w", ErrInvalidKey, err)
	}
	return newRSASigner(alg, &k, &k.PublicKey)
}

// newRSASigner returns an RSASigner for alg signing with key, whose public
// key is pub.
func newRSASigner(alg Algorithm, key crypto.Signer, pub *rsa.PublicKey) (*RSASigner, error) {
	v, err := newRSAVerifier("NewRSASigner", alg, pub)
	if err != nil {
		return nil, err
	}
	s := &RSASigner{alg: alg, hash: v.hash, key: key, opts: v.hash, verifier: v}
	if v.pss != nil {
		s.opts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: v.hash}
	}
	return s, nil
}

// Algorithm returns the algorithm s signs with, or "" if s is nil or zero.
func (s *RSASigner) Algorithm() Algorithm {
	if s == nil {
		return ""
	}
	return s.alg
}

// Verifier returns the verifier of s's public key for the same algorithm, an
// *[RSAVerifier], or nil if s is nil or zero.
func (s *RSASigner) Verifier() Verifier {
	if !s.usable() {
		return nil
	}
	return s.verifier
}

// usable reports whether s was built by NewRSASigner or NewSigner.
func (s *RSASigner) usable() bool { return s != nil && s.key != nil && s.verifier.usable() }

// AppendSignature appends the signature of signingInput to dst and returns
// the extended buffer. The signature is exactly as long as the modulus.
//
// With a signer from [NewSigner], AppendSignature returns the signer's
// error wrapped together with [ErrInvalidKey], and refuses a signature
// longer than the modulus with an error wrapping [ErrInvalidSignature]. A
// shorter one is left-padded with zeros, which gives the same integer in
// the length RFC 8017 §8.2.1 requires. A nil or zero s returns an error
// wrapping [ErrInvalidKey]. On error AppendSignature returns nil, as every
// Append function of signet does.
func (s *RSASigner) AppendSignature(dst, signingInput []byte) ([]byte, error) {
	if !s.usable() {
		return nil, errUnusable("RSASigner", "NewRSASigner or NewSigner")
	}
	var buf [sha512.Size]byte
	sig, err := s.key.Sign(rand.Reader, digest(s.hash, signingInput, &buf), s.opts)
	if err != nil {
		return nil, fmt.Errorf("%w: the %s signer failed: %w", ErrInvalidKey, s.alg, err)
	}
	size := s.verifier.size
	if len(sig) > size {
		return nil, fmt.Errorf("%w: the %s signer returned %d bytes, more than the modulus size %d", ErrInvalidSignature, s.alg, len(sig), size)
	}
	for range size - len(sig) {
		dst = append(dst, 0)
	}
	return append(dst, sig...), nil
}

// NewRSAVerifier returns an RSAVerifier for alg, which must be one of
// RS256, RS384, RS512, PS256, PS384 and PS512, and the public key key.
// NewRSAVerifier copies key: the caller may change it afterwards.
//
// # Minimum key size
//
// NewRSAVerifier refuses moduli shorter than 2048 bits (RFC 7518 §3.3),
// even moduli, and public exponents that are even, below 3 or above 2³¹-1,
// with an error wrapping [ErrInvalidKey].
func NewRSAVerifier(alg Algorithm, key *rsa.PublicKey) (*RSAVerifier, error) {
	return newRSAVerifier("NewRSAVerifier", alg, key)
}

func newRSAVerifier(fn string, alg Algorithm, key *rsa.PublicKey) (*RSAVerifier, error) {
	h, pss, err := rsaParams(fn, alg)
	if err != nil {
		return nil, err
	}
	if err := checkRSAPublicKey(alg, key); err != nil {
		return nil, err
	}
	v := &RSAVerifier{
		alg:  alg,
		hash: h,
		key:  rsa.PublicKey{N: new(big.Int).Set(key.N), E: key.E},
		pss:  pss,
	}
	v.pub.N, v.pub.E = v.key.N, v.key.E
	v.size = v.key.Size()
	return v, nil
}

// Algorithm returns the only algorithm v accepts, or "" if v is nil or
// zero.
func (v *RSAVerifier) Algorithm() Algorithm {
	if v == nil {
		return ""
	}
	return v.alg
}

// usable reports whether v was built by NewRSAVerifier.
func (v *RSAVerifier) usable() bool { return v != nil && v.key.N != nil }

// VerifySignature returns nil if signature is a valid signature of
// signingInput, and an error wrapping [ErrInvalidSignature] otherwise. A
// signature must be exactly as long as the modulus (RFC 8017 §8.2.2). PS*
// signatures must use a salt exactly as long as the hash output. A nil or
// zero v returns an error wrapping [ErrInvalidKey].
func (v *RSAVerifier) VerifySignature(signingInput, signature []byte) error {
	if !v.usable() {
		return errUnusable("RSAVerifier", "NewRSAVerifier")
	}
	if len(signature) != v.size {
		return fmt.Errorf("%w: %s signature must be %d bytes, got %d", ErrInvalidSignature, v.alg, v.size, len(signature))
	}
	var err error
	if v.pss != nil {
		err = v.verifyPSS(signingInput, signature)
	} else {
		err = v.verifyPKCS1v15(signingInput, signature)
	}
	if err != nil {
		return ErrInvalidSignature
	}
	return nil
}

// verifyPKCS1v15 and verifyPSS verify with internal/rsapub, which keeps the
// Montgomery set-up of the modulus from one signature to the next and
// allocates nothing, or with crypto/rsa when crypto/fips140.Enabled: FIPS
// 140-3 mode must use the validated module. The crypto/rsa calls have
// digest buffers of their own: crypto/rsa lets the digest escape to the
// heap in VerifyPSS.

func (v *RSAVerifier) verifyPKCS1v15(signingInput, signature []byte) error {
	var buf [sha512.Size]byte
	d := digest(v.hash, signingInput, &buf)
	if fips140.Enabled() {
		return rsa.VerifyPKCS1v15(&v.key, v.hash, d, signature)
	}
	return v.pub.VerifyPKCS1v15(v.hash, d, signature)
}

func (v *RSAVerifier) verifyPSS(signingInput, signature []byte) error {
	if fips140.Enabled() {
		var buf [sha512.Size]byte
		return rsa.VerifyPSS(&v.key, v.hash, digest(v.hash, signingInput, &buf), signature, v.pss)
	}
	var buf [sha512.Size]byte
	return v.pub.VerifyPSS(v.hash, digest(v.hash, signingInput, &buf), signature, v.pss.SaltLength)
}

// rsaParams returns the hash of alg and, for PS*, the PSS options that
// verify it; fn names the constructor for the error if alg is not an RSA
// algorithm.
func rsaParams(fn string, alg Algorithm) (crypto.Hash, *rsa.PSSOptions, error) {
	switch alg {
	case RS256, RS384, RS512:
		return alg.hash(), nil, nil
	case PS256, PS384, PS512:
		h := alg.hash()
		return h, &rsa.PSSOptions{SaltLength: h.Size(), Hash: h}, nil
	}
	return 0, nil, unsupportedAlgorithm(fn, alg, rsaAlgorithms)
}

// checkRSAPublicKey returns an error wrapping ErrInvalidKey if key is not
// an RSA public key signet accepts for alg.
func checkRSAPublicKey(alg Algorithm, key *rsa.PublicKey) error {
	switch {
	case key == nil || key.N == nil:
		return fmt.Errorf("%w: %s needs an RSA public key, got nil", ErrInvalidKey, alg)
	case key.N.Sign() <= 0:
		return fmt.Errorf("%w: the RSA modulus is not positive", ErrInvalidKey)
	case key.N.BitLen() < minRSABits:
		return fmt.Errorf("%w: %s needs an RSA modulus of at least %d bits, got %d (RFC 7518 §3.3)", ErrInvalidKey, alg, minRSABits, key.N.BitLen())
	case key.N.Bit(0) == 0:
		return fmt.Errorf("%w: the RSA modulus is even", ErrInvalidKey)
	case key.E > 0 && key.E%2 == 0:
		return fmt.Errorf("%w: the RSA public exponent %d is even", ErrInvalidKey, key.E)
	case key.E < 3:
		return fmt.Errorf("%w: the RSA public exponent is %d, it must be at least 3", ErrInvalidKey, key.E)
	case key.E > 1<<31-1:
		return fmt.Errorf("%w: the RSA public exponent %d is larger than 2³¹-1", ErrInvalidKey, key.E)
	}
	return nil
}
