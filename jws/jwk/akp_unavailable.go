//go:build !go1.27

package jwk

import "github.com/signet-go/signet/jws"

// buildAKP refuses an AKP JWK (RFC 9964): its ML-DSA keys need crypto/mldsa,
// which Go's standard library has from Go 1.27 on.
func (f *jwkFields) buildAKP(*Key) error {
	return errorf(jws.ErrUnsupportedAlgorithm, "AKP keys (ML-DSA, RFC 9964) need signet built with Go 1.27 or later (crypto/mldsa)")
}

// setAKPKey reports ok false: before Go 1.27 no key is an ML-DSA key.
func (f *jwkFields) setAKPKey(any) (ok bool, err error) { return false, nil }

// appendAKPMembers returns dst: before Go 1.27 no Key is an AKP key.
func (k *Key) appendAKPMembers(dst []byte) []byte { return dst }

// appendAKPThumbprintMembers returns dst with the opening brace: before
// Go 1.27 no Key is an AKP key.
func (k *Key) appendAKPThumbprintMembers(dst []byte) []byte { return append(dst, '{') }
