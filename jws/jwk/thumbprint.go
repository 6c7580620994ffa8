package jwk

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"math/big"

	"github.com/signet-go/signet/internal/strictjson"
	"github.com/signet-go/signet/jws"
)

// Thumbprint returns the JWK Thumbprint of k under the hash h (RFC 7638
// §3): the digest of the key's required members ("e", "kty", "n" for RSA;
// "crv", "kty", "x", "y" for EC; "crv", "kty", "x" for OKP, RFC 8037 §2;
// "alg", "kty", "pub" for AKP, RFC 9964; "k", "kty" for oct), in
// lexicographic order, without whitespace, with
// the key material in its canonical form. A private key has the thumbprint
// of its public key. The thumbprint of an oct key is a digest of the
// secret.
//
// Its base64url encoding is the "kid" [NewKey] gives by default, with
// crypto.SHA256. A hash that is not linked into the binary (see
// [crypto.Hash.Available]) is an error wrapping [jws.ErrUnsupportedAlgorithm].
func (k *Key) Thumbprint(h crypto.Hash) ([]byte, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if !h.Available() {
		return nil, errorf(jws.ErrUnsupportedAlgorithm, "hash %v is not available for a JWK thumbprint", h)
	}
	d := h.New()
	d.Write(k.appendThumbprintInput(make([]byte, 0, 512)))
	return d.Sum(nil), nil
}

// appendThumbprintInput appends the RFC 7638 §3.2 input of k's thumbprint.
func (k *Key) appendThumbprintInput(dst []byte) []byte {
	switch pub := k.pub.(type) {
	case nil:
		dst = appendB64Value(append(dst, `{"k":`...), k.priv.([]byte))
		dst = append(dst, `,"kty":"oct"`...)
	case *rsa.PublicKey:
		dst = appendB64Value(append(dst, `{"e":`...), big.NewInt(int64(pub.E)).Bytes())
		dst = appendB64Value(append(dst, `,"kty":"RSA","n":`...), pub.N.Bytes())
	case *ecdsa.PublicKey:
		c, _ := curveOf(pub.Curve)
		dst = strictjson.AppendString(append(dst, `{"crv":`...), c.name)
		x, y := ecCoordinates(pub, c.size)
		dst = appendB64Value(append(dst, `,"kty":"EC","x":`...), x)
		dst = appendB64Value(append(dst, `,"y":`...), y)
	case ed25519.PublicKey:
		dst = appendB64Value(append(dst, `{"crv":"Ed25519","kty":"OKP","x":`...), pub)
	default:
		dst = k.appendAKPThumbprintMembers(dst)
	}
	return append(dst, '}')
}
