package jws

import (
	"crypto"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"strings"
)

// hash returns the hash function of a, or 0 for EdDSA, Ed25519 and ML-DSA
// (which hash internally) and for any algorithm signet does not implement.
func (a Algorithm) hash() crypto.Hash {
	switch a {
	case HS256, RS256, PS256, ES256:
		return crypto.SHA256
	case HS384, RS384, PS384, ES384:
		return crypto.SHA384
	case HS512, RS512, PS512, ES512:
		return crypto.SHA512
	}
	return 0
}

// implemented reports whether a is one of the algorithms signet implements
// when built with this Go release.
func (a Algorithm) implemented() bool {
	return a == EdDSA || a == Ed25519 || a.hash() != 0 || (mldsaAvailable && a.isMLDSA())
}

// isMLDSA reports whether a is one of the ML-DSA algorithms, whether or not
// this build implements them.
func (a Algorithm) isMLDSA() bool {
	return a == MLDSA44 || a == MLDSA65 || a == MLDSA87
}

// isEd25519 reports whether a is one of the two names of Ed25519
// signatures: EdDSA (RFC 8037) and Ed25519 (RFC 9864).
func (a Algorithm) isEd25519() bool {
	return a == EdDSA || a == Ed25519
}

// digest returns the hash h of in, written into buf. It does not allocate:
// h is one of SHA-256, SHA-384 and SHA-512.
func digest(h crypto.Hash, in []byte, buf *[sha512.Size]byte) []byte {
	switch h {
	case crypto.SHA256:
		*(*[sha256.Size]byte)(buf[:sha256.Size]) = sha256.Sum256(in)
		return buf[:sha256.Size]
	case crypto.SHA384:
		*(*[sha512.Size384]byte)(buf[:sha512.Size384]) = sha512.Sum384(in)
		return buf[:sha512.Size384]
	default:
		*buf = sha512.Sum512(in)
		return buf[:]
	}
}

// unsupportedAlgorithm returns the error of a constructor, named by fn, that
// was given alg but takes only the algorithms listed in want.
func unsupportedAlgorithm(fn string, alg Algorithm, want string) error {
	switch {
	case strings.EqualFold(string(alg), "none"):
		return fmt.Errorf("%w: %q: signet has no unsecured JWS (RFC 7518 §3.6) and %s does not take it", ErrUnsupportedAlgorithm, alg, fn)
	case alg.isMLDSA() && !mldsaAvailable:
		return errMLDSAUnavailable(alg)
	case !alg.implemented():
		// %.64q: the name may come from outside; keep the message short.
		return fmt.Errorf("%w: %.64q is not an algorithm signet implements", ErrUnsupportedAlgorithm, alg)
	}
	return fmt.Errorf("%w: %s takes %s, not %s", ErrUnsupportedAlgorithm, fn, want, alg)
}

// errMLDSAUnavailable returns the error for an ML-DSA algorithm in a build
// without crypto/mldsa.
func errMLDSAUnavailable(alg Algorithm) error {
	return fmt.Errorf("%w: %s needs signet built with Go 1.27 or later (crypto/mldsa)", ErrUnsupportedAlgorithm, alg)
}
