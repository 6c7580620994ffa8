package jws

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
)

// ParsePEMSigner returns a Signer for alg from data, which must hold
// exactly one PEM-encoded private key (RFC 7468):
//
//   - "PRIVATE KEY": PKCS #8 (RFC 5208), holding an RSA, ECDSA or Ed25519
//     key, as openssl genpkey writes;
//   - "RSA PRIVATE KEY": PKCS #1 (RFC 8017 Appendix A.1.2);
//   - "EC PRIVATE KEY": SEC 1 (RFC 5915), as openssl ecparam -genkey
//     -noout writes.
//
// The key must suit alg as for [NewSigner]: an RSA key for RS256 to PS512
// and at least 2048 bits, an ECDSA key on the curve alg names, an Ed25519
// key for EdDSA or Ed25519, and with Go 1.27 or later an ML-DSA key (PKCS
// #8 only) for the algorithm of its parameter set. The Signer's Verifier
// method gives the public half.
//
// ParsePEMSigner refuses, with an error wrapping [ErrMalformed], data that
// is not one PEM block: no block, anything but whitespace before or after
// it, several blocks (such as the "EC PARAMETERS" block openssl ecparam
// writes without -noout), PEM headers, or a block whose contents do not
// parse. It refuses an encrypted key ("ENCRYPTED PRIVATE KEY", or a
// "Proc-Type: 4,ENCRYPTED" header), a public key or certificate, and a key
// that cannot sign (X25519) with an error wrapping [ErrInvalidKey]. HMAC
// secrets are not PEM: use [NewHMAC].
func ParsePEMSigner(alg Algorithm, data []byte) (Signer, error) {
	const fn = "ParsePEMSigner"
	if err := pemAlgorithm(fn, alg); err != nil {
		return nil, err
	}
	block, err := onePEMBlock(data)
	if err != nil {
		return nil, err
	}
	var key any
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
		return nil, fmt.Errorf("%w: %s: a %s PEM block cannot sign; it needs a private key (for a Verifier use ParsePEMVerifier)", ErrInvalidKey, fn, block.Type)
	default:
		return nil, unknownPEMType(fn, block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: the %s PEM block does not parse: %w", ErrMalformed, fn, block.Type, err)
	}
	switch k := key.(type) {
	case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey:
		return NewSigner(alg, k.(crypto.Signer))
	case *ecdh.PrivateKey:
		return nil, fmt.Errorf("%w: %s: an X25519 or other ECDH key agrees on keys and cannot sign", ErrInvalidKey, fn)
	case crypto.Signer:
		if s, ok, err := mldsaPrivateSigner(alg, k); ok {
			return s, err
		}
	}
	return nil, fmt.Errorf("%w: %s: a private key of type %T", ErrInvalidKey, fn, key)
}

// ParsePEMVerifier returns a Verifier for alg from data, which must hold
// exactly one PEM-encoded public key or certificate (RFC 7468):
//
//   - "PUBLIC KEY": PKIX SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), holding
//     an RSA, ECDSA or Ed25519 key (or, with Go 1.27 or later, ML-DSA), as
//     openssl pkey -pubout writes;
//   - "RSA PUBLIC KEY": PKCS #1 (RFC 8017 Appendix A.1.1);
//   - "CERTIFICATE": an X.509 certificate (RFC 5280), of which only the
//     public key is used.
//
// A certificate is not validated or trusted in any way: ParsePEMVerifier
// does not look at its validity period, issuer, chain, key usage or
// revocation, and the Verifier trusts its key because you gave it, exactly
// as if you had given the bare public key. Check the certificate yourself
// (with [x509.Certificate.Verify]) if that is what you rely on.
//
// The key must suit alg as for the specific constructors: an RSA key for
// RS256 to PS512 and at least 2048 bits ([NewRSAVerifier]), an ECDSA key on
// the curve alg names ([NewECDSAVerifier]), an Ed25519 key for EdDSA or
// Ed25519 ([NewVerifier]), and with Go 1.27 or later an ML-DSA key for the
// algorithm of its parameter set. The Verifier accepts alg only.
//
// ParsePEMVerifier refuses, with an error wrapping [ErrMalformed], data
// that is not one PEM block: no block, anything but whitespace before or
// after it, several blocks (a certificate chain included: give the leaf
// alone), PEM headers, or a block whose contents do not parse. It refuses a
// private key with an error wrapping [ErrInvalidKey]: a service that only
// verifies should not hold one (use [ParsePEMSigner] and the Signer's
// Verifier method where the private key is at hand).
func ParsePEMVerifier(alg Algorithm, data []byte) (Verifier, error) {
	const fn = "ParsePEMVerifier"
	if err := pemAlgorithm(fn, alg); err != nil {
		return nil, err
	}
	block, err := onePEMBlock(data)
	if err != nil {
		return nil, err
	}
	var key any
	switch block.Type {
	case "PUBLIC KEY":
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		var cert *x509.Certificate
		cert, err = x509.ParseCertificate(block.Bytes)
		if err == nil {
			key = cert.PublicKey
		}
	case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
		return nil, fmt.Errorf("%w: %s: a %s PEM block where a public key is expected; publish the public key (openssl pkey -pubout), or use ParsePEMSigner and the Signer's Verifier method", ErrInvalidKey, fn, block.Type)
	default:
		return nil, unknownPEMType(fn, block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: the %s PEM block does not parse: %w", ErrMalformed, fn, block.Type, err)
	}
	return newVerifier(fn, alg, key)
}

// pemAlgorithm returns an error if alg cannot have a PEM key.
func pemAlgorithm(fn string, alg Algorithm) error {
	switch alg {
	case HS256, HS384, HS512:
		return fmt.Errorf("%w: %s does not take %s, whose key is a shared secret and not PEM: use NewHMAC", ErrUnsupportedAlgorithm, fn, alg)
	}
	if !alg.implemented() {
		return unsupportedAlgorithm(fn, alg, "")
	}
	return nil
}

// onePEMBlock returns the only PEM block of data, which may have nothing
// but whitespace around it, and no headers.
func onePEMBlock(data []byte) (*pem.Block, error) {
	block, rest := pem.Decode(data)
	if block == nil {
		if bytes.Contains(data, []byte("-----BEGIN ")) {
			return nil, fmt.Errorf("%w: the PEM block is not well formed (its BEGIN and END lines or base64 body)", ErrMalformed)
		}
		return nil, fmt.Errorf("%w: no PEM block (a PEM key starts with a \"-----BEGIN\" line)", ErrMalformed)
	}
	// pem.Decode skips whatever precedes a block, including a block it
	// could not decode: the consumed part must start with the block.
	consumed := data[:len(data)-len(rest)]
	if !bytes.HasPrefix(bytes.TrimLeft(consumed, " \t\r\n"), []byte("-----BEGIN ")) {
		return nil, fmt.Errorf("%w: data before the PEM block", ErrMalformed)
	}
	if n := bytes.Count(consumed, []byte("-----BEGIN ")); n != 1 {
		return nil, fmt.Errorf("%w: the first PEM block is not well formed (its BEGIN and END lines or base64 body)", ErrMalformed)
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		if next, _ := pem.Decode(rest); next != nil || bytes.Contains(rest, []byte("-----BEGIN ")) {
			n := 1 + bytes.Count(rest, []byte("-----BEGIN "))
			return nil, fmt.Errorf("%w: %d PEM blocks where one is expected (the first is %s)", ErrMalformed, n, quotePEMType(block.Type))
		}
		return nil, fmt.Errorf("%w: data after the %s PEM block", ErrMalformed, quotePEMType(block.Type))
	}
	if strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED") {
		return nil, fmt.Errorf("%w: the %s PEM block is encrypted; decrypt it first (openssl pkey -in encrypted.pem -out key.pem)", ErrInvalidKey, quotePEMType(block.Type))
	}
	if len(block.Headers) != 0 {
		return nil, fmt.Errorf("%w: the %s PEM block has headers; signet reads blocks without them", ErrMalformed, quotePEMType(block.Type))
	}
	return block, nil
}

// unknownPEMType returns the error for a PEM block of a type fn does not
// read.
func unknownPEMType(fn, typ string) error {
	switch typ {
	case "ENCRYPTED PRIVATE KEY":
		return fmt.Errorf("%w: %s: the PEM private key is encrypted (PKCS #8); decrypt it first (openssl pkey -in encrypted.pem -out key.pem)", ErrInvalidKey, fn)
	case "OPENSSH PRIVATE KEY":
		return fmt.Errorf("%w: %s: an OpenSSH private key; convert it to PKCS #8 first (ssh-keygen -p -m PKCS8 -f key)", ErrInvalidKey, fn)
	case "EC PARAMETERS":
		return fmt.Errorf("%w: %s: an EC PARAMETERS PEM block, not a key (openssl ecparam -genkey writes one before the key unless given -noout)", ErrInvalidKey, fn)
	}
	return fmt.Errorf("%w: %s: a %s PEM block is not a key %s reads", ErrInvalidKey, fn, quotePEMType(typ), fn)
}

// quotePEMType returns typ for an error message: as it is when it is made
// of the capital letters, digits and spaces of PEM labels (RFC 7468 §2),
// otherwise quoted and shortened.
func quotePEMType(typ string) string {
	if len(typ) <= 64 && strings.Trim(typ, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 #-") == "" {
		return typ
	}
	return fmt.Sprintf("%.64q", typ)
}

// newVerifier returns a Verifier for alg and the public key pub, named in
// errors as coming from fn. It returns a verifier for alg or an error,
// never a verifier for another algorithm.
func newVerifier(fn string, alg Algorithm, pub any) (Verifier, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if _, _, err := rsaParams(fn, alg); err != nil {
			return nil, mismatchedKey(alg, "an RSA key")
		}
		return nonNilVerifier(newRSAVerifier(fn, alg, k))
	case *ecdsa.PublicKey:
		if _, _, err := ecdsaParams(fn, alg); err != nil {
			return nil, mismatchedKey(alg, "an ECDSA key")
		}
		return nonNilVerifier(newECDSAVerifier(fn, alg, k))
	case ed25519.PublicKey:
		if !alg.isEd25519() {
			return nil, mismatchedKey(alg, "an Ed25519 key")
		}
		return nonNilVerifier(newEd25519Verifier(alg, k))
	case *ecdh.PublicKey:
		return nil, fmt.Errorf("%w: %s: an X25519 or other ECDH key agrees on keys and cannot verify signatures", ErrInvalidKey, fn)
	}
	if v, ok, err := mldsaVerifierFor(fn, alg, pub); ok {
		return v, err
	}
	return nil, fmt.Errorf("%w: %s takes %s public keys, not %T", ErrInvalidKey, fn, keyFamilies, pub)
}
