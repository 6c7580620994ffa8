package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha512"
	"errors"
	"fmt"

	"github.com/signet-go/signet/internal/eckey"
)

// ECDSASigner signs with ES256 (ECDSA on P-256 with SHA-256), ES384 (P-384,
// SHA-384) or ES512 (P-521, SHA-512), RFC 7518 §3.4. Signatures are the
// fixed-size concatenation R‖S that JWS uses, not ASN.1.
//
// An ECDSASigner is safe for concurrent use. Build it with
// [NewECDSASigner], or with [NewSigner] for a key held in a KMS or HSM. A
// nil or zero ECDSASigner holds no key: its Algorithm returns "", its
// Verifier returns nil, and AppendSignature returns an error
// wrapping [ErrInvalidKey].
type ECDSASigner struct {
	alg      Algorithm
	key      crypto.Signer // an *ecdsa.PrivateKey of our own, or the caller's signer
	verifier *ECDSAVerifier
}

// ECDSAVerifier verifies ES256, ES384 or ES512 signatures (RFC 7518 §3.4).
//
// An ECDSAVerifier is safe for concurrent use. Build it with
// [NewECDSAVerifier]. A nil or zero ECDSAVerifier holds no key: its
// Algorithm returns "" and VerifySignature returns an error wrapping
// [ErrInvalidKey].
type ECDSAVerifier struct {
	alg  Algorithm
	hash crypto.Hash
	key  ecdsa.PublicKey // a copy of the caller's
	size int             // octets of R and of S
}

// NewECDSASigner returns an ECDSASigner for alg, which must be ES256, ES384
// or ES512, signing with key, whose curve must be the one alg names: P-256,
// P-384 or P-521 respectively.
//
// key must be valid: its public point on the curve, its scalar in range and
// matching the public point; otherwise NewECDSASigner returns an error
// wrapping [ErrInvalidKey]. NewECDSASigner copies key: the caller may change
// it afterwards.
//
// Signatures are randomized as crypto/ecdsa does (hedged with the key and
// the message), so signing the same input twice gives different signatures.
func NewECDSASigner(alg Algorithm, key *ecdsa.PrivateKey) (*ECDSASigner, error) {
	curve, _, err := ecdsaParams("NewECDSASigner", alg)
	if err != nil {
		return nil, err
	}
	if key == nil {
		return nil, fmt.Errorf("%w: %s needs an ECDSA private key, got nil", ErrInvalidKey, alg)
	}
	v, err := newECDSAVerifier("NewECDSASigner", alg, &key.PublicKey)
	if err != nil {
		return nil, err
	}
	// The scalar goes through its SEC 1 encoding (PrivateKey.Bytes, which
	// checks its range) into a key of our own.
	d, err := eckey.Scalar(key, curve)
	if errors.Is(err, eckey.ErrNil) {
		return nil, fmt.Errorf("%w: %s needs an ECDSA private key, got nil", ErrInvalidKey, alg)
	}
	var priv *ecdsa.PrivateKey
	if err == nil {
		priv, err = ecdsa.ParseRawPrivateKey(curve, d)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: the %s private scalar is out of range", ErrInvalidKey, curve.Params().Name)
	}
	if !priv.PublicKey.Equal(&v.key) {
		return nil, fmt.Errorf("%w: the ECDSA private key does not match its public key", ErrInvalidKey)
	}
	return &ECDSASigner{alg: alg, key: priv, verifier: v}, nil
}

// Algorithm returns the algorithm s signs with, or "" if s is nil or zero.
func (s *ECDSASigner) Algorithm() Algorithm {
	if s == nil {
		return ""
	}
	return s.alg
}

// Verifier returns the verifier of s's public key for the same algorithm, an
// *[ECDSAVerifier], or nil if s is nil or zero.
func (s *ECDSASigner) Verifier() Verifier {
	if !s.usable() {
		return nil
	}
	return s.verifier
}

// retainsNothing reports whether as is s itself: a crypto.Signer from
// NewSigner sees only a digest in a buffer of AppendSignature's own, never
// dst or signingInput.
func (s *ECDSASigner) retainsNothing(as Signer) bool { return as == Signer(s) }

// usable reports whether s was built by NewECDSASigner or NewSigner.
func (s *ECDSASigner) usable() bool { return s != nil && s.key != nil && s.verifier.usable() }

// AppendSignature appends the signature R‖S of signingInput to dst, each
// of R and S left-padded to the size of the curve's order (32, 48 or 66
// bytes, RFC 7518 §3.4), and returns the extended buffer.
//
// With a signer from [NewSigner], AppendSignature returns the signer's
// error wrapped together with [ErrInvalidKey], and converts the ASN.1 DER
// signature the signer returns to R‖S, refusing one that is not strict DER
// or whose R or S is zero or too long for the curve with an error wrapping
// [ErrInvalidSignature]. A nil or zero s returns an error wrapping
// [ErrInvalidKey]. On error AppendSignature returns nil, as every Append
// function of signet does.
func (s *ECDSASigner) AppendSignature(dst, signingInput []byte) ([]byte, error) {
	if !s.usable() {
		return nil, errUnusable("ECDSASigner", "NewECDSASigner or NewSigner")
	}
	var buf [sha512.Size]byte
	v := s.verifier
	der, err := s.key.Sign(rand.Reader, digest(v.hash, signingInput, &buf), v.hash)
	if err != nil {
		return nil, fmt.Errorf("%w: the %s signer failed: %w", ErrInvalidKey, s.alg, err)
	}
	out, err := appendRawECDSA(dst, der, v.size)
	if err != nil {
		return nil, fmt.Errorf("%w: the %s signer returned %w", ErrInvalidSignature, s.alg, err)
	}
	return out, nil
}

// NewECDSAVerifier returns an ECDSAVerifier for alg, which must be ES256,
// ES384 or ES512, and the public key key, whose curve must be the one alg
// names: P-256, P-384 or P-521 respectively. A key whose point is not on
// the curve (or is the point at infinity) is refused with an error
// wrapping [ErrInvalidKey]. NewECDSAVerifier copies key: the caller may
// change it afterwards.
func NewECDSAVerifier(alg Algorithm, key *ecdsa.PublicKey) (*ECDSAVerifier, error) {
	return newECDSAVerifier("NewECDSAVerifier", alg, key)
}

func newECDSAVerifier(fn string, alg Algorithm, key *ecdsa.PublicKey) (*ECDSAVerifier, error) {
	curve, size, err := ecdsaParams(fn, alg)
	if err != nil {
		return nil, err
	}
	if key == nil {
		return nil, fmt.Errorf("%w: %s needs an ECDSA public key, got nil", ErrInvalidKey, alg)
	}
	name := curve.Params().Name
	// The curve's own parameters (elliptic.P256().Params()) name it too,
	// as crypto/ecdsa accepts.
	if key.Curve != curve && (key.Curve == nil || key.Curve.Params() != curve.Params()) {
		got := "no curve"
		if key.Curve != nil && key.Curve.Params() != nil {
			got = key.Curve.Params().Name
		}
		return nil, fmt.Errorf("%w: %s needs a key on %s, got one on %s", ErrInvalidKey, alg, name, got)
	}
	// The point goes through its SEC 1 encoding (PublicKey.Bytes, which
	// checks it is on the curve) into a key of our own.
	point, err := eckey.Point(key, curve)
	if errors.Is(err, eckey.ErrNil) {
		return nil, fmt.Errorf("%w: %s needs an ECDSA public key, got nil", ErrInvalidKey, alg)
	}
	var pub *ecdsa.PublicKey
	if err == nil {
		pub, err = ecdsa.ParseUncompressedPublicKey(curve, point)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: the public key is not a valid point on %s", ErrInvalidKey, name)
	}
	return &ECDSAVerifier{alg: alg, hash: alg.hash(), key: *pub, size: size}, nil
}

// Algorithm returns the only algorithm v accepts, or "" if v is nil or
// zero.
func (v *ECDSAVerifier) Algorithm() Algorithm {
	if v == nil {
		return ""
	}
	return v.alg
}

// usable reports whether v was built by NewECDSAVerifier.
func (v *ECDSAVerifier) usable() bool { return v != nil && v.key.Curve != nil }

// VerifySignature returns nil if signature is a valid signature R‖S of
// signingInput, and an error wrapping [ErrInvalidSignature] otherwise.
// signature must be exactly twice the size of the curve's order (64, 96 or
// 132 bytes, RFC 7518 §3.4); R and S must be in [1, n-1]. A nil or zero v
// returns an error wrapping [ErrInvalidKey].
func (v *ECDSAVerifier) VerifySignature(signingInput, signature []byte) error {
	if !v.usable() {
		return errUnusable("ECDSAVerifier", "NewECDSAVerifier")
	}
	if len(signature) != 2*v.size {
		return fmt.Errorf("%w: %s signature must be %d bytes, got %d", ErrInvalidSignature, v.alg, 2*v.size, len(signature))
	}
	// crypto/ecdsa verifies ASN.1 (ecdsa.Verify with big.Int R and S
	// encodes them to it); encoding R and S ourselves saves the big.Ints.
	var der [maxECDSADERSize]byte
	var buf [sha512.Size]byte
	sig := appendDERSignature(der[:0], signature[:v.size], signature[v.size:])
	if !ecdsa.VerifyASN1(&v.key, digest(v.hash, signingInput, &buf), sig) {
		return ErrInvalidSignature
	}
	return nil
}

// ecdsaParams returns the curve of alg and the size of its order in
// octets; fn names the constructor for the error if alg is not an ECDSA
// algorithm.
func ecdsaParams(fn string, alg Algorithm) (elliptic.Curve, int, error) {
	switch alg {
	case ES256:
		return elliptic.P256(), 32, nil
	case ES384:
		return elliptic.P384(), 48, nil
	case ES512:
		return elliptic.P521(), 66, nil
	}
	return nil, 0, unsupportedAlgorithm(fn, alg, "ES256, ES384 or ES512")
}

// maxECDSADERSize is the longest DER ECDSA-Sig-Value of a P-521 signature:
// a SEQUENCE with a one-octet long-form length holding two INTEGERs of at
// most 67 octets (66 and a leading zero).
const maxECDSADERSize = 3 + 2*(2+67)

// appendDERSignature appends the DER encoding of ECDSA-Sig-Value
// (SEQUENCE { r INTEGER, s INTEGER }, RFC 3279 §2.2.3) of the unsigned
// big-endian r and s, each at most 66 octets, to dst.
func appendDERSignature(dst, r, s []byte) []byte {
	r, s = trimZeros(r), trimZeros(s)
	n := intLen(r) + intLen(s)
	dst = append(dst, 0x30)
	if n >= 0x80 {
		dst = append(dst, 0x81)
	}
	dst = append(dst, byte(n))
	return appendDERInt(appendDERInt(dst, r), s)
}

// trimZeros returns b without its leading zero octets.
func trimZeros(b []byte) []byte {
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

// intLen returns the length of the DER INTEGER of the unsigned big-endian
// v, which has no leading zero octets: tag, length and content.
func intLen(v []byte) int {
	if len(v) == 0 || v[0]&0x80 != 0 {
		return 2 + len(v) + 1
	}
	return 2 + len(v)
}

// appendDERInt appends the DER INTEGER of the unsigned big-endian v, which
// has no leading zero octets and at most 126 of them, to dst.
func appendDERInt(dst, v []byte) []byte {
	dst = append(dst, 0x02, byte(intLen(v)-2))
	if len(v) == 0 || v[0]&0x80 != 0 {
		dst = append(dst, 0)
	}
	return append(dst, v...)
}

// appendRawECDSA parses der, a strict DER ECDSA-Sig-Value, and appends R
// and S to dst, each left-padded to size octets. On error it returns nil.
func appendRawECDSA(dst, der []byte, size int) ([]byte, error) {
	seq, rest, ok := readDER(der, 0x30)
	if !ok || len(rest) != 0 {
		return nil, errors.New("a signature that is not a DER SEQUENCE")
	}
	r, seq, ok := readDER(seq, 0x02)
	if !ok {
		return nil, errors.New("a DER signature without its INTEGER r")
	}
	s, seq, ok := readDER(seq, 0x02)
	if !ok || len(seq) != 0 {
		return nil, errors.New("a DER signature without its INTEGER s, or with more")
	}
	for _, v := range [2][]byte{r, s} {
		switch {
		case len(v) == 0:
			return nil, errors.New("a DER signature with an empty INTEGER")
		case v[0]&0x80 != 0:
			return nil, errors.New("a DER signature with a negative INTEGER")
		case len(v) > 1 && v[0] == 0 && v[1]&0x80 == 0:
			return nil, errors.New("a DER signature with a non-minimal INTEGER")
		}
		v = trimZeros(v)
		if len(v) == 0 || len(v) > size {
			return nil, fmt.Errorf("a signature with r or s zero or longer than %d bytes", size)
		}
		for range size - len(v) {
			dst = append(dst, 0)
		}
		dst = append(dst, v...)
	}
	return dst, nil
}

// readDER reads one DER element with the given tag from b, with a length
// of at most 255 octets in its minimal encoding, and returns its contents
// and what follows it.
func readDER(b []byte, tag byte) (contents, rest []byte, ok bool) {
	if len(b) < 2 || b[0] != tag {
		return nil, nil, false
	}
	n := int(b[1])
	b = b[2:]
	switch {
	case n == 0x81:
		if len(b) < 1 || b[0] < 0x80 {
			return nil, nil, false
		}
		n = int(b[0])
		b = b[1:]
	case n >= 0x80:
		return nil, nil, false
	}
	if len(b) < n {
		return nil, nil, false
	}
	return b[:n], b[n:], true
}

// readsOnly marks ECDSAVerifier as a Verifier that neither modifies nor keeps
// what VerifySignature is given (see readsOnly).
func (v *ECDSAVerifier) readsOnly(as Verifier) bool { return as == Verifier(v) }
