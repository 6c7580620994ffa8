// Package eckey reads the point and the scalar of crypto/ecdsa keys
// through their SEC 1 encodings (PublicKey.Bytes, PrivateKey.Bytes), so
// that signet never reads the X, Y and D fields that Go 1.26 deprecated,
// while it still refuses, without panicking, a key that a caller built
// through them with a nil value.
package eckey

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"errors"
)

// ErrNil reports a key whose coordinates or scalar are nil.
var ErrNil = errors.New("eckey: a nil coordinate or scalar")

// Point returns the uncompressed point (SEC 1 §2.3.3) of key on curve,
// which must be elliptic.P224(), P256(), P384() or P521(): key's own
// Curve is ignored, so that the caller can accept a key whose Curve is
// the curve's Params(). It returns an error if the point is not on the
// curve, and ErrNil if a coordinate is nil.
func Point(key *ecdsa.PublicKey, curve elliptic.Curve) ([]byte, error) {
	k := *key
	k.Curve = curve
	return bytes(k.Bytes)
}

// Scalar returns the private scalar (SEC 1 §2.3.6, fixed-length
// big-endian) of key on curve, as Point does for the public key. It
// returns an error if the scalar is not in [1, n-1], and ErrNil if it or
// a coordinate is nil. It does not check that the scalar matches the
// public point.
func Scalar(key *ecdsa.PrivateKey, curve elliptic.Curve) ([]byte, error) {
	k := *key
	k.Curve = curve
	return bytes(k.Bytes)
}

// bytes returns what encode returns; crypto/ecdsa dereferences the key's
// values, so that a nil one panics there: bytes returns ErrNil instead.
func bytes(encode func() ([]byte, error)) (b []byte, err error) {
	defer func() {
		if recover() != nil {
			b, err = nil, ErrNil
		}
	}()
	return encode()
}
