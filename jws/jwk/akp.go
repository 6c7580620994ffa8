//go:build go1.27

package jwk

import (
	"crypto/mldsa"

	"github.com/signet-go/signet/internal/strictjson"
	"github.com/signet-go/signet/jws"
)

// akpParams returns the ML-DSA parameter set alg names, with ok false if
// alg is not an ML-DSA algorithm.
func akpParams(alg jws.Algorithm) (params mldsa.Parameters, ok bool) {
	switch alg {
	case jws.MLDSA44:
		return mldsa.MLDSA44(), true
	case jws.MLDSA65:
		return mldsa.MLDSA65(), true
	case jws.MLDSA87:
		return mldsa.MLDSA87(), true
	}
	return mldsa.Parameters{}, false
}

// akpAlgorithmOf returns the algorithm of an ML-DSA public key whose
// encoding is n octets long, which names its parameter set, or "" if n is
// no parameter set's (a zero mldsa.PublicKey encodes to 32 octets).
func akpAlgorithmOf(n int) jws.Algorithm {
	switch n {
	case mldsa.MLDSA44PublicKeySize:
		return jws.MLDSA44
	case mldsa.MLDSA65PublicKeySize:
		return jws.MLDSA65
	case mldsa.MLDSA87PublicKeySize:
		return jws.MLDSA87
	}
	return ""
}

// buildAKP checks the members of an AKP JWK (RFC 9964) and sets k's key:
// "alg" names the parameter set, "pub" must be that set's public key, and
// "priv", if present, the 32-octet seed that derives it.
func (f *jwkFields) buildAKP(k *Key) error {
	if f.alg == "" {
		return errorf(jws.ErrMalformed, "AKP JWK has no \"alg\", which names its parameter set (RFC 9964)")
	}
	params, ok := akpParams(f.alg)
	if !ok {
		if algorithmKeyType(f.alg) != "" {
			return errorf(jws.ErrInvalidKey, "the JWK's \"alg\" %s is not an algorithm for AKP keys", f.alg)
		}
		return errorf(jws.ErrUnsupportedAlgorithm, "AKP JWK with \"alg\" %.64q (signet implements ML-DSA-44, ML-DSA-65 and ML-DSA-87)", f.alg)
	}
	if f.pub == nil {
		return errorf(jws.ErrMalformed, "AKP JWK has no \"pub\" (RFC 9964)")
	}
	if len(f.pub) != params.PublicKeySize() {
		return errorf(jws.ErrInvalidKey, "%s \"pub\" is %d octets, not %d", f.alg, len(f.pub), params.PublicKeySize())
	}
	pub, err := mldsa.NewPublicKey(params, f.pub)
	if err != nil {
		return errorf(jws.ErrInvalidKey, "%s \"pub\": %w", f.alg, err)
	}
	if f.priv == nil {
		k.pub = pub
		return nil
	}
	if len(f.priv) != mldsa.PrivateKeySize {
		return errorf(jws.ErrInvalidKey, "%s \"priv\" is %d octets, not the %d of an ML-DSA seed (RFC 9964)", f.alg, len(f.priv), mldsa.PrivateKeySize)
	}
	priv, err := mldsa.NewPrivateKey(params, f.priv)
	if err != nil {
		return errorf(jws.ErrInvalidKey, "%s \"priv\": %w", f.alg, err)
	}
	if !priv.PublicKey().Equal(pub) {
		return errorf(jws.ErrInvalidKey, "AKP \"priv\" does not derive \"pub\"")
	}
	k.priv, k.pub = priv, priv.PublicKey()
	return nil
}

// setAKPKey fills the key material of f from key if it is an ML-DSA key,
// for NewKey, and reports whether it was one. An "alg" left empty becomes
// the key's own parameter set, since an AKP JWK always has one.
func (f *jwkFields) setAKPKey(key any) (ok bool, err error) {
	var pub *mldsa.PublicKey
	switch key := key.(type) {
	case *mldsa.PublicKey:
		if key == nil {
			return true, errorf(jws.ErrInvalidKey, "empty ML-DSA key")
		}
		pub = key
	case *mldsa.PrivateKey:
		if key == nil {
			return true, errorf(jws.ErrInvalidKey, "empty ML-DSA key")
		}
		// A zero PrivateKey has a zero public key, whose encoding is 32
		// octets: look at it before asking for the seed.
		pub = key.PublicKey()
		if akpAlgorithmOf(len(pub.Bytes())) != "" {
			f.priv = key.Bytes()
		}
	default:
		return false, nil
	}
	// The encoding's length names the parameter set without calling
	// pub.Parameters, which panics on a zero PublicKey.
	enc := pub.Bytes()
	alg := akpAlgorithmOf(len(enc))
	if alg == "" {
		return true, errorf(jws.ErrInvalidKey, "empty or unknown ML-DSA key")
	}
	f.kty, f.pub = ktyAKP, enc
	if f.alg == "" {
		f.alg = alg
	}
	return true, nil
}

// appendAKPMembers appends the key material of k, an AKP key: ,"pub":… and,
// for a private key, ,"priv":… (the seed).
func (k *Key) appendAKPMembers(dst []byte) []byte {
	pub, ok := k.pub.(*mldsa.PublicKey)
	if !ok {
		return dst
	}
	dst = appendB64Member(dst, "pub", pub.Bytes())
	if priv, ok := k.priv.(*mldsa.PrivateKey); ok {
		dst = appendB64Member(dst, "priv", priv.Bytes())
	}
	return dst
}

// appendAKPThumbprintMembers appends the RFC 7638 members of k, an AKP
// key, after the opening brace: "alg", "kty" and "pub", the members
// RFC 9964 requires, in lexicographic order.
func (k *Key) appendAKPThumbprintMembers(dst []byte) []byte {
	pub, ok := k.pub.(*mldsa.PublicKey)
	if !ok {
		return append(dst, '{')
	}
	dst = strictjson.AppendString(append(dst, `{"alg":`...), string(k.alg))
	return appendB64Value(append(dst, `,"kty":"AKP","pub":`...), pub.Bytes())
}
