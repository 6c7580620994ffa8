package jwk

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/internal/eckey"
	"github.com/signet-go/signet/internal/strictjson"
	"github.com/signet-go/signet/jws"
)

// JWK key types ("kty", RFC 7518 §6.1, RFC 8037 §2).
const (
	ktyRSA = "RSA"
	ktyEC  = "EC"
	ktyOKP = "OKP"
	ktyOct = "oct"
	ktyAKP = "AKP" // RFC 9964: ML-DSA, on Go 1.27 and later
)

// maxRSABits is the largest RSA modulus a JWK may carry. Verifying with a
// larger one costs more than any real key is worth; crypto/tls draws the
// same line.
const maxRSABits = 8192

// A Key is a JSON Web Key (RFC 7517): an RSA, EC (P-256, P-384, P-521), OKP
// (Ed25519), AKP (ML-DSA-44, ML-DSA-65, ML-DSA-87; RFC 9964) or oct (HMAC
// secret) key, public or private, with the JWK's metadata ("kid", "alg",
// "use", "key_ops" and the X.509 members). AKP keys need signet built with
// Go 1.27 or later (see AKP keys below).
//
// A Key is immutable and safe for concurrent use (only [Key.UnmarshalJSON]
// replaces it, as decoding into any value does). Build one with [ParseKey]
// or [NewKey]; the zero Key holds no key, and its methods that return an
// error return one.
//
// # Algorithms
//
// [Key.Verifier] and [Key.Signer] take the algorithm from the JWK's "alg".
// A key published without "alg" (Microsoft Entra ID publishes its RSA keys
// so) gives an error there: the caller names the algorithm with
// [Key.VerifierFor] or [Key.SignerFor], which still refuse an algorithm of
// another key type, one the key is too small for, and one that contradicts
// the JWK's own "alg". A [Set] has its own rule for such keys.
//
// # Strict parsing
//
// [ParseKey] accepts one encoding of one key. The JSON is strict (as for
// headers: duplicate names, invalid UTF-8, trailing data and deep nesting
// are refused), and so is every base64url member. Member names are
// case-sensitive, and a name that differs from a registered JWK member only
// in case ("KTY", "Kid") is refused rather than ignored, since a lenient
// decoder would read it as the registered one. Members of another key type
// (an "n" in an EC key) are refused too; other unknown members are ignored
// (RFC 7517 §4).
//
// The key material must be exactly what RFC 7518 §6, RFC 8037 §2 and
// RFC 9964 describe: EC coordinates and "d" of the curve's exact length, and
// a point on the curve; Ed25519 "x" and "d" of 32 octets; RSA "e" without
// leading zero, odd, at least 3 and below 2³¹; an AKP "pub" of exactly the
// length of its parameter set's public key, and "priv" of 32 octets. Private
// keys must match their public part: EC and Ed25519 "d" must give "x" (and
// "y"), an AKP "priv" (the ML-DSA seed) must derive "pub", and an RSA
// private key must satisfy p·q = n and [rsa.PrivateKey.Validate], including
// its CRT values "dp", "dq" and "qi".
//
// # AKP keys
//
// An AKP JWK (RFC 9964) holds an ML-DSA key: "pub", the encoded public key,
// and for a private key "priv", the 32-octet seed FIPS 204 derives the key
// from (signet never reads or writes the expanded private key). Its "alg"
// is required and fixes the parameter set: ML-DSA-44, ML-DSA-65 or
// ML-DSA-87, whose public keys are 1312, 1952 and 2592 octets. A JWK
// without "alg" is malformed; an "alg" of another key type (RS256) makes
// the key invalid; any other "alg" (another algorithm that AKP keys may
// carry) is unsupported. An AKP key verifies and signs only its "alg".
//
// ML-DSA needs crypto/mldsa, which Go's standard library has from Go 1.27
// on. Built with an earlier Go, signet refuses every AKP JWK with an error
// wrapping [jws.ErrUnsupportedAlgorithm] that says so, and a [Set] skips it
// for that reason. (The rules common to all JWKs come first: an AKP JWK
// that is not strict JSON, or has a member in the wrong case or of another
// key type, is malformed on every Go release.)
//
// Two leniencies are deliberate and limited. RSA "n" may carry one leading
// zero octet: RFC 7518 §6.3.1.1 forbids it, but real providers have
// published moduli encoded as signed integers; the modulus is read without
// it, and the size floor applies to what remains. The private RSA members
// ("d", "p", "q", "dp", "dq", "qi") may carry leading zeros, as producers
// that write them at a fixed width do; they are checked for consistency.
// [Key.MarshalJSON] writes all of them without leading zeros.
//
// An RSA private key given by "d" alone, without "p", "q", "dp", "dq" and
// "qi" (which RFC 7518 §6.3.2 lets producers omit), is refused: Go signs
// with the primes, and their consistency is what proves "d" matches "n".
// Multi-prime keys ("oth") are refused too.
//
// # Minimum and maximum key sizes
//
// The floors of the constructors apply: an RSA key under 2048 bits is
// refused whatever its "alg", and an oct key shorter than the hash of its
// "alg" is refused. RSA moduli over 8192 bits are refused, and so are
// moduli vulnerable to ROCA (CVE-2017-15361; see [jws.NewRSAVerifier]).
//
// # Errors
//
// A JWK that is not strict JSON, lacks a required member, has a member of
// the wrong JSON type, or a member that is not strict base64url is reported
// with an error wrapping [jws.ErrMalformed]. Bad key material (a point off the
// curve, a coordinate of the wrong length, a small modulus, a private part
// that does not match, an "alg" the key cannot serve) wraps [jws.ErrInvalidKey].
// A "kty" or "crv" signet does not implement (Ed448, X25519, secp256k1), or
// an AKP key before Go 1.27, wraps [jws.ErrUnsupportedAlgorithm].
type Key struct {
	kty    string
	kid    string
	use    string
	keyOps []string // nil when absent; non-nil and possibly empty when present
	alg    jws.Algorithm
	x509   X509

	// pub is *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey or (AKP)
	// *mldsa.PublicKey; nil for oct.
	pub crypto.PublicKey
	// priv is *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey,
	// *mldsa.PrivateKey, or []byte for oct; nil for a public key.
	priv crypto.PrivateKey
}

// X509 holds the X.509 members of a JWK (RFC 7517 §4.6–4.9) as data; a
// member the JWK does not have is zero. signet never fetches URL, never
// parses or trusts Chain, and never checks that the certificates or
// thumbprints match the key: a caller that relies on them must verify them
// itself.
type X509 struct {
	// URL is "x5u", a URI for the certificate chain.
	URL string
	// Chain is "x5c", DER certificates, the first one holding the key.
	Chain [][]byte
	// SHA1Thumbprint is "x5t", the SHA-1 digest of the DER certificate.
	SHA1Thumbprint []byte
	// SHA256Thumbprint is "x5t#S256", its SHA-256 digest.
	SHA256Thumbprint []byte
	// Opaque holds, by member name, the X.509 members whose value is not in
	// the form RFC 7517 §4.6–4.9 gives it (a padded "x5t", an "x5c" with
	// line breaks, a thumbprint of the wrong length), as the raw JSON value
	// found: signet never uses these members, so a key is not refused over
	// them. The decoded field of such a member is left zero; MarshalJSON
	// writes the value back as it was.
	Opaque map[string]json.RawMessage
}

// ParseKey parses a JSON Web Key (RFC 7517 §4; RFC 7518 §6; RFC 8037 §2;
// RFC 9964) under the rules of [Key]. On error it returns nil.
func ParseKey(data []byte) (*Key, error) {
	k, _, _, err := parseKey(data)
	if err != nil {
		return nil, err
	}
	return k, nil
}

// NewKey returns a JWK holding key, which is one of *rsa.PublicKey,
// *rsa.PrivateKey, *ecdsa.PublicKey, *ecdsa.PrivateKey (P-256, P-384 or
// P-521), ed25519.PublicKey, ed25519.PrivateKey, []byte for an oct (HMAC)
// secret, or, built with Go 1.27 or later, *mldsa.PublicKey and
// *mldsa.PrivateKey (an AKP key). The key is copied and checked as
// [ParseKey] checks a JWK.
//
// alg is the JWK's "alg": one of the package's algorithms, which the key
// must suit, or "" for a key without "alg". An ML-DSA key always has its
// "alg" (RFC 9964 requires it): "" gives the key's own parameter set. kid
// is its "kid"; "" sets it to the base64url SHA-256 thumbprint of the key
// (RFC 7638 §3; RFC 7517 §4.5 leaves the choice of kid to the producer).
// The Key has no "use", "key_ops" or X.509 members.
func NewKey(key any, alg jws.Algorithm, kid string) (*Key, error) {
	if alg != "" && algorithmKeyType(alg) == "" {
		return nil, errorf(jws.ErrUnsupportedAlgorithm, "%q is not an algorithm signet implements", alg)
	}
	if !utf8.ValidString(kid) {
		return nil, errorf(jws.ErrInvalidKey, "kid is not valid UTF-8")
	}
	f := jwkFields{kid: kid, alg: alg}
	if err := f.setKey(key); err != nil {
		return nil, err
	}
	k, err := f.build()
	if err != nil {
		return nil, err
	}
	if kid == "" {
		t, err := k.Thumbprint(crypto.SHA256)
		if err != nil {
			return nil, err
		}
		k.kid = base64url.EncodeToString(t)
	}
	return k, nil
}

// Verifier returns a Verifier for the key bound to the JWK's "alg". It
// returns an error wrapping [jws.ErrUnsupportedAlgorithm] if the JWK has no
// "alg" (use [Key.VerifierFor]) or names an algorithm signet does not
// implement, and one wrapping [jws.ErrInvalidKey] if the JWK is not for
// verifying signatures: "use" other than "sig", or "key_ops" without
// "verify" (RFC 7517 §4.2, §4.3). A private key gives the Verifier of its
// public half.
func (k *Key) Verifier() (jws.Verifier, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if k.alg == "" {
		return nil, errorf(jws.ErrUnsupportedAlgorithm, "the JWK has no \"alg\"; name the algorithm with VerifierFor")
	}
	return k.VerifierFor(k.alg)
}

// VerifierFor is like [Key.Verifier] but for the algorithm alg, for keys
// published without "alg". It refuses an alg that differs from the JWK's
// own "alg" ([jws.ErrAlgorithmMismatch]), one for another key type
// ([jws.ErrUnsupportedAlgorithm]: an RSA key never verifies HS256), and one the
// key does not suit, as the constructors do ([jws.ErrInvalidKey]: an HMAC key
// shorter than the hash, an EC key of another curve).
func (k *Key) VerifierFor(alg jws.Algorithm) (jws.Verifier, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if err := k.permits("verify"); err != nil {
		return nil, err
	}
	if k.alg != "" && alg != k.alg {
		return nil, errorf(jws.ErrAlgorithmMismatch, "the JWK's \"alg\" is %q, not %q", k.alg, alg)
	}
	return k.newVerifier(alg)
}

// Signer returns a Signer for the private key bound to the JWK's "alg",
// under the rules of [Key.Verifier], with "sign" in place of "verify". A
// public key gives an error wrapping [jws.ErrInvalidKey].
func (k *Key) Signer() (jws.Signer, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if k.alg == "" {
		return nil, errorf(jws.ErrUnsupportedAlgorithm, "the JWK has no \"alg\"; name the algorithm with SignerFor")
	}
	return k.SignerFor(k.alg)
}

// SignerFor is like [Key.Signer] but for the algorithm alg, under the rules
// of [Key.VerifierFor].
func (k *Key) SignerFor(alg jws.Algorithm) (jws.Signer, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if k.priv == nil {
		return nil, errorf(jws.ErrInvalidKey, "public %s keys cannot sign", k.kty)
	}
	if err := k.permits("sign"); err != nil {
		return nil, err
	}
	if k.alg != "" && alg != k.alg {
		return nil, errorf(jws.ErrAlgorithmMismatch, "the JWK's \"alg\" is %q, not %q", k.alg, alg)
	}
	if err := k.suits(alg); err != nil {
		return nil, err
	}
	switch priv := k.priv.(type) {
	case []byte:
		return nonNil(jws.NewHMAC(alg, priv))
	case *rsa.PrivateKey:
		return nonNil(jws.NewRSASigner(alg, priv))
	case *ecdsa.PrivateKey:
		return nonNil(jws.NewECDSASigner(alg, priv))
	case ed25519.PrivateKey:
		return nonNil(jws.NewSigner(alg, priv))
	case crypto.Signer: // *mldsa.PrivateKey, of an AKP key
		return nonNil(jws.NewSigner(alg, priv))
	}
	return nil, errorf(jws.ErrInvalidKey, "no key")
}

// KeyID returns the JWK's "kid" (RFC 7517 §4.5), or "".
func (k *Key) KeyID() string {
	if k == nil {
		return ""
	}
	return k.kid
}

// Algorithm returns the JWK's "alg" (RFC 7517 §4.4), or "". It may name an
// algorithm signet does not implement, such as an encryption algorithm.
func (k *Key) Algorithm() jws.Algorithm {
	if k == nil {
		return ""
	}
	return k.alg
}

// Use returns the JWK's "use" (RFC 7517 §4.2): "sig", "enc", another value,
// or "" if absent.
func (k *Key) Use() string {
	if k == nil {
		return ""
	}
	return k.use
}

// KeyOps returns a copy of the JWK's "key_ops" (RFC 7517 §4.3), or nil if
// absent. A non-nil empty slice means the JWK allows no operation.
func (k *Key) KeyOps() []string {
	if k == nil {
		return nil
	}
	return slices.Clone(k.keyOps)
}

// KeyType returns the JWK's "kty" (RFC 7517 §4.1): "RSA", "EC", "OKP", "AKP"
// or "oct"; "" for the zero Key.
func (k *Key) KeyType() string {
	if k == nil {
		return ""
	}
	return k.kty
}

// IsPrivate reports whether k holds secret material: a private key, or an
// oct key, which is a shared secret.
func (k *Key) IsPrivate() bool { return k != nil && k.priv != nil }

// clone returns a copy of k that shares nothing mutable with it: the Go
// keys, which nothing modifies, are shared.
func (k *Key) clone() *Key {
	c := *k
	c.keyOps = slices.Clone(k.keyOps)
	c.x509 = k.X509()
	return &c
}

// Public returns the public half of k: k itself if it is a public key, or a
// Key without the private members, with the same "kid", "alg", "use" and
// X.509 members, to publish in a JWK Set. Its "key_ops", if any, lists the
// public counterpart of each operation ("sign" becomes "verify", "decrypt"
// becomes "encrypt", "unwrapKey" becomes "wrapKey"; others are dropped). An
// oct key has no public half: Public returns an error wrapping
// [jws.ErrInvalidKey].
func (k *Key) Public() (*Key, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if k.kty == ktyOct {
		return nil, errorf(jws.ErrInvalidKey, "an oct key is a shared secret and has no public half")
	}
	if k.priv == nil {
		return k, nil
	}
	p := *k
	p.priv = nil
	p.keyOps = publicKeyOps(k.keyOps)
	return &p, nil
}

// CryptoKey returns the Go key k holds: *rsa.PublicKey, *rsa.PrivateKey,
// *ecdsa.PublicKey, *ecdsa.PrivateKey, ed25519.PublicKey,
// ed25519.PrivateKey, *mldsa.PublicKey, *mldsa.PrivateKey, or a copy of the
// secret as []byte for an oct key; nil for the zero Key. The caller must not
// modify it.
func (k *Key) CryptoKey() any {
	if k == nil {
		return nil
	}
	switch priv := k.priv.(type) {
	case nil:
		return k.pub
	case []byte:
		return bytes.Clone(priv)
	}
	return k.priv
}

// X509 returns a copy of the JWK's X.509 members, which signet keeps as
// data and never uses.
func (k *Key) X509() X509 {
	if k == nil {
		return X509{}
	}
	x := k.x509
	if x.Chain != nil {
		x.Chain = make([][]byte, len(k.x509.Chain))
		for i, c := range k.x509.Chain {
			x.Chain[i] = bytes.Clone(c)
		}
	}
	x.SHA1Thumbprint = bytes.Clone(x.SHA1Thumbprint)
	x.SHA256Thumbprint = bytes.Clone(x.SHA256Thumbprint)
	if x.Opaque != nil {
		x.Opaque = make(map[string]json.RawMessage, len(k.x509.Opaque))
		for name, v := range k.x509.Opaque {
			x.Opaque[name] = bytes.Clone(v)
		}
	}
	return x
}

// MarshalJSON returns the JWK of k, which must be a public key: a private
// key, or an oct key (a secret), is refused with an error wrapping
// [jws.ErrInvalidKey], so that encoding a Key, or a struct or [Set] that
// holds one, never publishes a "d", a "priv" or a "k". Use [Key.Public] for
// what may be published, and [Key.MarshalPrivate] to write the private
// members.
//
// Members appear in a fixed order: "kty", "kid", "use", "key_ops", "alg",
// the key material in the order of RFC 7518 §6 ("crv", "x", "y" or "n",
// "e", then "d" and the other private members; for AKP, "pub" then
// "priv"), then "x5u", "x5c", "x5t", "x5t#S256". Unknown members of a
// parsed JWK are not kept. Key material is written in its canonical form
// (RSA integers without leading zeros), so
// ParseKey(MarshalJSON) gives back the same key.
func (k *Key) MarshalJSON() ([]byte, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if k.priv != nil {
		return nil, errPrivate("the %s key %q is private", k.kty, shortKID(k.kid))
	}
	return k.appendJSON(nil), nil
}

// MarshalPrivate returns the JWK of k as [Key.MarshalJSON] writes it, but
// with the private members of a private key ("d", "p", "q", "dp", "dq",
// "qi"; an AKP key's "priv") and the secret of an oct key ("k"): for
// storing a key, never for publishing one.
func (k *Key) MarshalPrivate() ([]byte, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	return k.appendJSON(nil), nil
}

// errPrivate returns the error of MarshalJSON on private key material.
func errPrivate(format string, args ...any) error {
	return errorf(jws.ErrInvalidKey, format+": MarshalJSON writes public keys only; use MarshalPrivate to write private members, or Public for what may be published", args...)
}

// UnmarshalJSON sets k to the key [ParseKey] returns for data, so that a
// Key can be a field of a configuration struct. On error k is unchanged.
// As encoding/json convention asks, the JSON null leaves k unchanged.
//
// UnmarshalJSON is the one method that changes a Key. The Keys that a
// [Set] returns are copies: decoding into one changes neither the set nor
// what it verifies with.
func (k *Key) UnmarshalJSON(data []byte) error {
	if k == nil {
		return errorf(jws.ErrInvalidKey, "UnmarshalJSON into a nil *Key")
	}
	if string(data) == "null" {
		return nil
	}
	nk, err := ParseKey(data)
	if err != nil {
		return err
	}
	*k = *nk
	return nil
}

// check returns an error if k holds no key.
func (k *Key) check() error {
	if k == nil || k.kty == "" {
		return errorf(jws.ErrInvalidKey, "empty Key")
	}
	return nil
}

// permits returns an error if the JWK's "use" or "key_ops" exclude op
// ("sign" or "verify").
func (k *Key) permits(op string) error {
	return k.permitsWith(op, nil)
}

// permitsWith is permits, with the application "use" values of sigUses
// accepted as "sig".
func (k *Key) permitsWith(op string, sigUses []string) error {
	if k.use != "" && k.use != "sig" && !slices.Contains(sigUses, k.use) {
		if k.use == "enc" {
			return errorf(jws.ErrInvalidKey, "the JWK's \"use\" is \"enc\", not \"sig\" (RFC 7517 §4.2)")
		}
		return errorf(jws.ErrInvalidKey, "the JWK's \"use\" is %q, not \"sig\" (RFC 7517 §4.2); a Set accepts it when ParseOptions.SignatureUses names it", k.use)
	}
	if k.keyOps != nil && !slices.Contains(k.keyOps, op) {
		return errorf(jws.ErrInvalidKey, "the JWK's \"key_ops\" %q do not include %q (RFC 7517 §4.3)", k.keyOps, op)
	}
	return nil
}

// suits returns an error unless alg is an algorithm of k's key type.
func (k *Key) suits(alg jws.Algorithm) error {
	switch algorithmKeyType(alg) {
	case "":
		return errorf(jws.ErrUnsupportedAlgorithm, "%q is not an algorithm signet implements", alg)
	case k.kty:
		return nil
	}
	return errorf(jws.ErrUnsupportedAlgorithm, "%s keys cannot be used with %s", k.kty, alg)
}

// newVerifier builds the Verifier of k's public part for alg with the
// package's constructors, without looking at "use", "key_ops" or "alg".
func (k *Key) newVerifier(alg jws.Algorithm) (jws.Verifier, error) {
	if err := k.suits(alg); err != nil {
		return nil, err
	}
	switch pub := k.pub.(type) {
	case nil:
		return nonNilVerifier(jws.NewHMAC(alg, k.priv.([]byte)))
	case *rsa.PublicKey:
		return nonNilVerifier(jws.NewRSAVerifier(alg, pub))
	case *ecdsa.PublicKey:
		return nonNilVerifier(jws.NewECDSAVerifier(alg, pub))
	case ed25519.PublicKey:
		return nonNilVerifier(jws.NewVerifier(alg, pub))
	default: // *mldsa.PublicKey, of an AKP key
		return nonNilVerifier(jws.NewVerifier(alg, pub))
	}
}

// algorithmKeyType returns the JWK key type that serves alg, or "" if alg
// is not an algorithm signet implements.
func algorithmKeyType(alg jws.Algorithm) string {
	switch alg {
	case jws.HS256, jws.HS384, jws.HS512:
		return ktyOct
	case jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512:
		return ktyRSA
	case jws.ES256, jws.ES384, jws.ES512:
		return ktyEC
	case jws.EdDSA, jws.Ed25519:
		return ktyOKP
	case jws.MLDSA44, jws.MLDSA65, jws.MLDSA87:
		return ktyAKP
	}
	return ""
}

// keyTypeAlgorithms returns the algorithms of a key type, in the order
// RFC 7518 §3.1 lists them.
func keyTypeAlgorithms(kty string) []jws.Algorithm {
	switch kty {
	case ktyOct:
		return []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512}
	case ktyRSA:
		return []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512}
	case ktyEC:
		return []jws.Algorithm{jws.ES256, jws.ES384, jws.ES512}
	case ktyOKP:
		// EdDSA (RFC 8037) and Ed25519 (RFC 9864) are two names for the
		// same signatures.
		return []jws.Algorithm{jws.EdDSA, jws.Ed25519}
	}
	// An AKP key always has its one "alg".
	return nil
}

// publicKeyOps maps the operations of a private key to those of its
// public half (RFC 7517 §4.3).
func publicKeyOps(ops []string) []string {
	if ops == nil {
		return nil
	}
	out := make([]string, 0, len(ops))
	for _, op := range ops {
		switch op {
		case "sign", "verify":
			op = "verify"
		case "decrypt", "encrypt":
			op = "encrypt"
		case "unwrapKey", "wrapKey":
			op = "wrapKey"
		default:
			continue
		}
		if !slices.Contains(out, op) {
			out = append(out, op)
		}
	}
	return out
}

// curveParams describes one of the NIST curves of RFC 7518 §6.2.1.1.
type curveParams struct {
	name  string
	size  int // octets of a coordinate and of d
	curve elliptic.Curve
}

func curveByName(crv string) (curveParams, bool) {
	switch crv {
	case "P-256":
		return curveParams{"P-256", 32, elliptic.P256()}, true
	case "P-384":
		return curveParams{"P-384", 48, elliptic.P384()}, true
	case "P-521":
		return curveParams{"P-521", 66, elliptic.P521()}, true
	}
	return curveParams{}, false
}

// curveOf returns the parameters of c, which may be a standard curve or its
// Params(), as crypto/ecdsa and NewECDSAVerifier accept.
func curveOf(c elliptic.Curve) (curveParams, bool) {
	if c == nil {
		return curveParams{}, false
	}
	switch c.Params() {
	case elliptic.P256().Params():
		return curveByName("P-256")
	case elliptic.P384().Params():
		return curveByName("P-384")
	case elliptic.P521().Params():
		return curveByName("P-521")
	}
	return curveParams{}, false
}

// jwkRaw holds the raw JSON values of the registered members of a JWK.
type jwkRaw struct {
	kty, use, keyOps, alg, kid, x5u, x5c, x5t, x5tS256 []byte
	crv, x, y, d, n, e, p, q, dp, dq, qi, oth, k       []byte
	pub, priv                                          []byte
}

// field returns where the raw value of the registered member name goes, or
// nil.
func (m *jwkRaw) field(name []byte) *[]byte {
	switch string(name) {
	case "kty":
		return &m.kty
	case "use":
		return &m.use
	case "key_ops":
		return &m.keyOps
	case "alg":
		return &m.alg
	case "kid":
		return &m.kid
	case "x5u":
		return &m.x5u
	case "x5c":
		return &m.x5c
	case "x5t":
		return &m.x5t
	case "x5t#S256":
		return &m.x5tS256
	case "crv":
		return &m.crv
	case "x":
		return &m.x
	case "y":
		return &m.y
	case "d":
		return &m.d
	case "n":
		return &m.n
	case "e":
		return &m.e
	case "p":
		return &m.p
	case "q":
		return &m.q
	case "dp":
		return &m.dp
	case "dq":
		return &m.dq
	case "qi":
		return &m.qi
	case "oth":
		return &m.oth
	case "k":
		return &m.k
	case "pub":
		return &m.pub
	case "priv":
		return &m.priv
	}
	return nil
}

// isCaseVariantOfJWKMember reports whether name equals a registered JWK
// member name under Unicode case folding without being it.
func isCaseVariantOfJWKMember(name []byte) bool {
	if len(name) > len("x5t#S256")+2 { // "K" (U+212A) is 3 bytes
		return false
	}
	for _, m := range [...]string{
		"kty", "use", "key_ops", "alg", "kid", "x5u", "x5c", "x5t", "x5t#S256",
		"crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "oth", "k",
		"pub", "priv",
	} {
		if string(name) != m && strings.EqualFold(string(name), m) {
			return true
		}
	}
	return false
}

// materialMember reports whether the key-material member name belongs to
// key type kty (RFC 7518 §6, RFC 8037 §2, RFC 9964).
func materialMember(kty, name string) bool {
	switch kty {
	case ktyRSA:
		switch name {
		case "n", "e", "d", "p", "q", "dp", "dq", "qi", "oth":
			return true
		}
	case ktyEC:
		switch name {
		case "crv", "x", "y", "d":
			return true
		}
	case ktyOKP:
		switch name {
		case "crv", "x", "d":
			return true
		}
	case ktyOct:
		return name == "k"
	case ktyAKP:
		return name == "pub" || name == "priv"
	}
	return false
}

// parseKey parses a JWK and also returns its "kid" and "kty" when they
// could be read, for a key set's error context and oct rule.
func parseKey(data []byte) (k *Key, kid, kty string, err error) {
	var m jwkRaw
	err = strictjson.Object(data, func(name, value []byte) error {
		if f := m.field(name); f != nil {
			*f = value
			return nil
		}
		if isCaseVariantOfJWKMember(name) {
			return errorf(jws.ErrMalformed, "JWK member %q differs from a registered name only in case", name)
		}
		return nil // unknown members are ignored (RFC 7517 §4)
	})
	if err != nil {
		var se *strictjson.SyntaxError
		if errors.As(err, &se) {
			return nil, "", "", errorf(jws.ErrMalformed, "JWK: %w", err)
		}
		return nil, "", "", err
	}
	f, err := m.decode()
	if err != nil {
		return nil, f.kid, f.kty, err
	}
	if k, err = f.build(); err != nil {
		return nil, f.kid, f.kty, err
	}
	return k, k.kid, k.kty, nil
}

// jwkFields holds the decoded members of a JWK. A nil byte slice is an
// absent member.
type jwkFields struct {
	kty, kid, use, crv string
	alg                jws.Algorithm
	keyOps             []string
	x509               X509
	n, e, d, p, q      []byte
	dp, dq, qi         []byte
	x, y, k            []byte
	pub, priv          []byte
	oth                bool
}

// decode checks the JSON types of the members and decodes them. On error,
// f.kid is set if it could be read.
func (m *jwkRaw) decode() (f jwkFields, err error) {
	if m.kid != nil {
		if f.kid, err = jwkString("kid", m.kid); err != nil {
			return f, err
		}
	}
	if m.kty == nil {
		return f, errorf(jws.ErrMalformed, "JWK has no \"kty\" (RFC 7517 §4.1)")
	}
	if f.kty, err = jwkString("kty", m.kty); err != nil {
		return f, err
	}
	switch f.kty {
	case ktyRSA, ktyEC, ktyOKP, ktyOct, ktyAKP:
	default:
		return f, errorf(jws.ErrUnsupportedAlgorithm, "JWK key type %q", f.kty)
	}
	for _, s := range [...]struct {
		name string
		raw  []byte
		dst  *string
	}{{"use", m.use, &f.use}, {"crv", m.crv, &f.crv}} {
		if s.raw != nil {
			if *s.dst, err = jwkString(s.name, s.raw); err != nil {
				return f, err
			}
		}
	}
	if m.alg != nil {
		alg, err := jwkString("alg", m.alg)
		if err != nil {
			return f, err
		}
		f.alg = jws.Algorithm(alg)
	}
	if m.keyOps != nil {
		if f.keyOps, err = jwkStrings("key_ops", m.keyOps); err != nil {
			return f, err
		}
		for i, op := range f.keyOps {
			if slices.Contains(f.keyOps[:i], op) {
				return f, errorf(jws.ErrMalformed, "JWK \"key_ops\" lists %q twice (RFC 7517 §4.3)", op)
			}
		}
	}
	f.x509 = m.decodeX509()
	for _, b := range [...]struct {
		name string
		raw  []byte
		dst  *[]byte
	}{
		{"crv", m.crv, nil}, {"oth", m.oth, nil},
		{"n", m.n, &f.n}, {"e", m.e, &f.e}, {"d", m.d, &f.d}, {"p", m.p, &f.p}, {"q", m.q, &f.q},
		{"dp", m.dp, &f.dp}, {"dq", m.dq, &f.dq}, {"qi", m.qi, &f.qi},
		{"x", m.x, &f.x}, {"y", m.y, &f.y}, {"k", m.k, &f.k},
		{"pub", m.pub, &f.pub}, {"priv", m.priv, &f.priv},
	} {
		if b.raw == nil {
			continue
		}
		if !materialMember(f.kty, b.name) {
			return f, errorf(jws.ErrMalformed, "JWK member %q does not belong to %s keys", b.name, f.kty)
		}
		if b.dst == nil {
			continue
		}
		if *b.dst, err = jwkBytes(b.name, b.raw); err != nil {
			return f, err
		}
	}
	f.oth = m.oth != nil
	return f, nil
}

// decodeX509 decodes the X.509 members of a JWK. A member whose value is
// not in the form of RFC 7517 §4.6–4.9 is kept in Opaque as found, not
// refused: signet never uses these members.
func (m *jwkRaw) decodeX509() X509 {
	var x X509
	opaque := func(name string, raw []byte) {
		if x.Opaque == nil {
			x.Opaque = make(map[string]json.RawMessage)
		}
		x.Opaque[name] = json.RawMessage(bytes.Clone(raw))
	}
	if m.x5u != nil {
		u, err := jwkString("x5u", m.x5u)
		if err != nil {
			opaque("x5u", m.x5u)
		}
		x.URL = u
	}
	if m.x5c != nil {
		chain, err := decodeX5C(m.x5c)
		if err != nil {
			opaque("x5c", m.x5c)
		}
		x.Chain = chain
	}
	for _, t := range [...]struct {
		name string
		raw  []byte
		size int
		dst  *[]byte
	}{{"x5t", m.x5t, 20, &x.SHA1Thumbprint}, {"x5t#S256", m.x5tS256, 32, &x.SHA256Thumbprint}} {
		if t.raw == nil {
			continue
		}
		if b, err := jwkBytes(t.name, t.raw); err == nil && len(b) == t.size {
			*t.dst = b
		} else {
			opaque(t.name, t.raw)
		}
	}
	return x
}

// jwkString returns the content of a string-valued JWK member.
func jwkString(name string, value []byte) (string, error) {
	s, ok := strictjson.Unquote(value, nil)
	if !ok {
		return "", errorf(jws.ErrMalformed, "JWK member %q is not a string", name)
	}
	return string(s), nil
}

// jwkStrings returns the elements of an array-of-strings JWK member.
func jwkStrings(name string, value []byte) ([]string, error) {
	var elems []json.RawMessage
	if value[0] != '[' || json.Unmarshal(value, &elems) != nil {
		return nil, errorf(jws.ErrMalformed, "JWK member %q is not an array", name)
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		s, ok := strictjson.Unquote(e, nil)
		if !ok {
			return nil, errorf(jws.ErrMalformed, "JWK member %q is not an array of strings", name)
		}
		out = append(out, string(s))
	}
	return out, nil
}

// jwkBytes returns the octets of a base64url-valued JWK member, which must
// be strict unpadded base64url (RFC 7515 §2) and not empty.
func jwkBytes(name string, value []byte) ([]byte, error) {
	s, ok := strictjson.Unquote(value, nil)
	if !ok {
		return nil, errorf(jws.ErrMalformed, "JWK member %q is not a string", name)
	}
	if len(s) == 0 {
		return nil, errorf(jws.ErrMalformed, "JWK member %q is empty", name)
	}
	b, err := base64url.AppendDecode(nil, s)
	if err != nil {
		return nil, errorf(jws.ErrMalformed, "JWK member %q: %w", name, err)
	}
	return b, nil
}

// decodeX5C decodes "x5c": a non-empty array of standard, padded base64
// DER certificates (RFC 7517 §4.7; not base64url).
func decodeX5C(value []byte) ([][]byte, error) {
	certs, err := jwkStrings("x5c", value)
	if err != nil {
		return nil, err
	}
	if len(certs) == 0 {
		return nil, errorf(jws.ErrMalformed, "JWK member \"x5c\" is empty (RFC 7517 §4.7)")
	}
	chain := make([][]byte, len(certs))
	for i, c := range certs {
		// StdEncoding skips CR and LF even in strict mode; refuse them.
		if c == "" || strings.ContainsAny(c, "\r\n") {
			return nil, errorf(jws.ErrMalformed, "JWK \"x5c\"[%d] is not base64 (RFC 7517 §4.7)", i)
		}
		if chain[i], err = base64.StdEncoding.Strict().DecodeString(c); err != nil {
			return nil, errorf(jws.ErrMalformed, "JWK \"x5c\"[%d] is not base64 (RFC 7517 §4.7): %w", i, err)
		}
	}
	return chain, nil
}

// setKey fills the key material of f from a Go key, for NewKey.
func (f *jwkFields) setKey(key any) error {
	switch key := key.(type) {
	case *rsa.PublicKey:
		if key == nil || key.N == nil || key.N.Sign() <= 0 {
			return errorf(jws.ErrInvalidKey, "empty RSA key")
		}
		if key.E <= 0 {
			return errorf(jws.ErrInvalidKey, "RSA exponent %d", key.E)
		}
		f.kty = ktyRSA
		f.n = key.N.Bytes()
		f.e = big.NewInt(int64(key.E)).Bytes()
	case *rsa.PrivateKey:
		if key == nil || key.N == nil || key.N.Sign() <= 0 || key.D == nil {
			return errorf(jws.ErrInvalidKey, "empty RSA key")
		}
		if len(key.Primes) != 2 || key.Primes[0] == nil || key.Primes[1] == nil {
			return errorf(jws.ErrInvalidKey, "RSA private keys need exactly two primes (multi-prime keys are not supported)")
		}
		if err := f.setKey(&key.PublicKey); err != nil {
			return err
		}
		// Compute the CRT values on a copy, so that key is not modified.
		c := &rsa.PrivateKey{PublicKey: key.PublicKey, D: key.D, Primes: key.Primes}
		c.Precompute()
		if c.Precomputed.Dp == nil || c.Precomputed.Dq == nil || c.Precomputed.Qinv == nil {
			return errorf(jws.ErrInvalidKey, "inconsistent RSA private key: %w", c.Validate())
		}
		f.d, f.p, f.q = key.D.Bytes(), key.Primes[0].Bytes(), key.Primes[1].Bytes()
		f.dp, f.dq, f.qi = c.Precomputed.Dp.Bytes(), c.Precomputed.Dq.Bytes(), c.Precomputed.Qinv.Bytes()
	case *ecdsa.PublicKey:
		if key == nil {
			return errorf(jws.ErrInvalidKey, "empty ECDSA key")
		}
		c, ok := curveOf(key.Curve)
		if !ok {
			return errorf(jws.ErrUnsupportedAlgorithm, "ECDSA curve %v (signet implements P-256, P-384 and P-521)", curveName(key.Curve))
		}
		f.kty, f.crv = ktyEC, c.name
		point, err := eckey.Point(key, c.curve)
		switch {
		case errors.Is(err, eckey.ErrNil):
			return errorf(jws.ErrInvalidKey, "empty ECDSA key")
		case err != nil:
			return errorf(jws.ErrInvalidKey, "the point is not on %s", c.name)
		}
		f.x, f.y = point[1:1+c.size], point[1+c.size:]
	case *ecdsa.PrivateKey:
		if key == nil {
			return errorf(jws.ErrInvalidKey, "empty ECDSA key")
		}
		if err := f.setKey(&key.PublicKey); err != nil {
			return err
		}
		c, _ := curveByName(f.crv)
		d, err := eckey.Scalar(key, c.curve)
		switch {
		case errors.Is(err, eckey.ErrNil):
			return errorf(jws.ErrInvalidKey, "empty ECDSA key")
		case err != nil:
			return errorf(jws.ErrInvalidKey, "%s private scalar is out of range", c.name)
		}
		f.d = d
	case ed25519.PublicKey:
		f.kty, f.crv, f.x = ktyOKP, "Ed25519", bytes.Clone(key)
		if f.x == nil {
			f.x = []byte{}
		}
	case ed25519.PrivateKey:
		if len(key) != ed25519.PrivateKeySize {
			return errorf(jws.ErrInvalidKey, "Ed25519 private key is %d bytes, want %d", len(key), ed25519.PrivateKeySize)
		}
		f.kty, f.crv = ktyOKP, "Ed25519"
		f.x, f.d = bytes.Clone(key[32:]), key.Seed()
	case []byte:
		f.kty, f.k = ktyOct, bytes.Clone(key)
		if f.k == nil {
			f.k = []byte{}
		}
	default:
		if ok, err := f.setAKPKey(key); ok {
			return err
		}
		return errorf(jws.ErrInvalidKey, "NewKey does not take a %T", key)
	}
	return nil
}

func curveName(c elliptic.Curve) string {
	if c == nil || c.Params() == nil {
		return "<nil>"
	}
	return c.Params().Name
}

// ecCoordinates returns the coordinates of pub, size octets each. pub
// comes from build, which made it from a valid point.
func ecCoordinates(pub *ecdsa.PublicKey, size int) (x, y []byte) {
	p, err := pub.Bytes()
	if err != nil || len(p) != 1+2*size {
		panic("jwk: internal error: a key built from an invalid ECDSA point")
	}
	return p[1 : 1+size], p[1+size:]
}

// build checks the key material of f and returns the Key.
func (f *jwkFields) build() (*Key, error) {
	k := &Key{kty: f.kty, kid: f.kid, use: f.use, keyOps: f.keyOps, alg: f.alg, x509: f.x509}
	var err error
	switch f.kty {
	case ktyRSA:
		err = f.buildRSA(k)
	case ktyEC:
		err = f.buildEC(k)
	case ktyOKP:
		err = f.buildOKP(k)
	case ktyAKP:
		err = f.buildAKP(k)
	case ktyOct:
		if f.k == nil {
			return nil, errorf(jws.ErrMalformed, "oct JWK has no \"k\" (RFC 7518 §6.4.1)")
		}
		if len(f.k) == 0 {
			return nil, errorf(jws.ErrInvalidKey, "empty oct key")
		}
		k.priv = f.k
	default:
		err = errorf(jws.ErrUnsupportedAlgorithm, "JWK key type %q", f.kty)
	}
	if err != nil {
		return nil, err
	}
	// An "alg" signet implements must suit the key; the constructors hold
	// the floors. Other values (encryption algorithms) are kept as data.
	if algorithmKeyType(f.alg) != "" {
		if algorithmKeyType(f.alg) != f.kty {
			return nil, errorf(jws.ErrInvalidKey, "the JWK's \"alg\" %s is not an algorithm for %s keys", f.alg, f.kty)
		}
		if _, err := k.newVerifier(f.alg); err != nil {
			return nil, asInvalidKey(err)
		}
	}
	return k, nil
}

func (f *jwkFields) buildRSA(k *Key) error {
	if f.n == nil || f.e == nil {
		return errorf(jws.ErrMalformed, "RSA JWK needs \"n\" and \"e\" (RFC 7518 §6.3.1)")
	}
	n := f.n
	if n[0] == 0 {
		// RFC 7518 §6.3.1.1 forbids it, but providers have published moduli
		// encoded as signed integers. Accept that one octet.
		n = n[1:]
		if len(n) == 0 || n[0] == 0 {
			return errorf(jws.ErrInvalidKey, "RSA modulus has leading zero octets (RFC 7518 §6.3.1.1)")
		}
	}
	N := new(big.Int).SetBytes(n)
	if N.BitLen() > maxRSABits {
		return errorf(jws.ErrInvalidKey, "RSA modulus of %d bits, the maximum is %d", N.BitLen(), maxRSABits)
	}
	e := f.e
	switch {
	case e[0] == 0:
		return errorf(jws.ErrInvalidKey, "RSA exponent has a leading zero octet (RFC 7518 §6.3.1.2)")
	case len(e) > 4:
		return errorf(jws.ErrInvalidKey, "RSA exponent too large")
	}
	var E int64
	for _, b := range e {
		E = E<<8 | int64(b)
	}
	pub := &rsa.PublicKey{N: N, E: int(E)}
	// The floors of the constructor hold whatever the key is for; check
	// them before the costlier checks of a private key.
	if _, err := jws.NewRSAVerifier(jws.RS256, pub); err != nil {
		return asInvalidKey(err)
	}
	private := f.d != nil
	others := 0
	for _, b := range [...][]byte{f.p, f.q, f.dp, f.dq, f.qi} {
		if b != nil {
			others++
		}
	}
	switch {
	case f.oth:
		return errorf(jws.ErrInvalidKey, "multi-prime RSA keys (\"oth\") are not supported")
	case !private && others > 0:
		return errorf(jws.ErrMalformed, "RSA JWK has private members without \"d\"")
	case !private:
		k.pub = pub
		return nil
	case others == 0:
		return errorf(jws.ErrInvalidKey, "RSA private key without its primes: signet needs \"p\", \"q\", \"dp\", \"dq\" and \"qi\" (RFC 7518 §6.3.2)")
	case others < 5:
		return errorf(jws.ErrMalformed, "RSA private JWK has some of \"p\", \"q\", \"dp\", \"dq\", \"qi\" but not all (RFC 7518 §6.3.2)")
	}
	i := func(b []byte) *big.Int { return new(big.Int).SetBytes(b) }
	priv := &rsa.PrivateKey{
		PublicKey:   *pub,
		D:           i(f.d),
		Primes:      []*big.Int{i(f.p), i(f.q)},
		Precomputed: rsa.PrecomputedValues{Dp: i(f.dp), Dq: i(f.dq), Qinv: i(f.qi)},
	}
	// With the CRT values set, Precompute and Validate check all of them
	// against n, e, d, p and q.
	priv.Precompute()
	if err := priv.Validate(); err != nil {
		return errorf(jws.ErrInvalidKey, "RSA private key does not match its public key or is inconsistent: %w", err)
	}
	k.priv, k.pub = priv, &priv.PublicKey
	return nil
}

func (f *jwkFields) buildEC(k *Key) error {
	if f.crv == "" || f.x == nil || f.y == nil {
		return errorf(jws.ErrMalformed, "EC JWK needs \"crv\", \"x\" and \"y\" (RFC 7518 §6.2.1)")
	}
	c, ok := curveByName(f.crv)
	if !ok {
		return errorf(jws.ErrUnsupportedAlgorithm, "EC curve %q (signet implements P-256, P-384 and P-521)", f.crv)
	}
	if len(f.x) != c.size || len(f.y) != c.size {
		return errorf(jws.ErrInvalidKey, "%s coordinates must be %d octets each, got %d and %d (RFC 7518 §6.2.1.2)", c.name, c.size, len(f.x), len(f.y))
	}
	point := make([]byte, 0, 1+2*c.size)
	point = append(append(append(point, 4), f.x...), f.y...)
	pub, err := ecdsa.ParseUncompressedPublicKey(c.curve, point)
	if err != nil {
		return errorf(jws.ErrInvalidKey, "the point is not on %s", c.name)
	}
	if f.d == nil {
		k.pub = pub
		return nil
	}
	if len(f.d) != c.size {
		return errorf(jws.ErrInvalidKey, "%s \"d\" is %d octets, not %d (RFC 7518 §6.2.2.1)", c.name, len(f.d), c.size)
	}
	priv, err := ecdsa.ParseRawPrivateKey(c.curve, f.d)
	if err != nil {
		return errorf(jws.ErrInvalidKey, "%s \"d\" is out of range", c.name)
	}
	if !priv.PublicKey.Equal(pub) {
		return errorf(jws.ErrInvalidKey, "EC \"d\" does not match \"x\" and \"y\"")
	}
	k.priv, k.pub = priv, &priv.PublicKey
	return nil
}

func (f *jwkFields) buildOKP(k *Key) error {
	if f.crv == "" || f.x == nil {
		return errorf(jws.ErrMalformed, "OKP JWK needs \"crv\" and \"x\" (RFC 8037 §2)")
	}
	if f.crv != "Ed25519" {
		return errorf(jws.ErrUnsupportedAlgorithm, "OKP curve %q (signet implements Ed25519)", f.crv)
	}
	if len(f.x) != ed25519.PublicKeySize {
		return errorf(jws.ErrInvalidKey, "Ed25519 \"x\" is %d octets, not %d (RFC 8037 §2)", len(f.x), ed25519.PublicKeySize)
	}
	if f.d == nil {
		k.pub = ed25519.PublicKey(f.x)
		return nil
	}
	if len(f.d) != ed25519.SeedSize {
		return errorf(jws.ErrInvalidKey, "Ed25519 \"d\" is %d octets, not %d (RFC 8037 §2)", len(f.d), ed25519.SeedSize)
	}
	priv := ed25519.NewKeyFromSeed(f.d)
	if !bytes.Equal(priv[32:], f.x) {
		return errorf(jws.ErrInvalidKey, "Ed25519 \"d\" does not match \"x\"")
	}
	k.priv, k.pub = priv, ed25519.PublicKey(priv[32:])
	return nil
}

// appendJSON appends the JWK of k, in the order MarshalJSON documents.
func (k *Key) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"kty":`...)
	dst = strictjson.AppendString(dst, k.kty)
	if k.kid != "" {
		dst = append(dst, `,"kid":`...)
		dst = strictjson.AppendString(dst, k.kid)
	}
	if k.use != "" {
		dst = append(dst, `,"use":`...)
		dst = strictjson.AppendString(dst, k.use)
	}
	if k.keyOps != nil {
		dst = append(dst, `,"key_ops":[`...)
		for i, op := range k.keyOps {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = strictjson.AppendString(dst, op)
		}
		dst = append(dst, ']')
	}
	if k.alg != "" {
		dst = append(dst, `,"alg":`...)
		dst = strictjson.AppendString(dst, string(k.alg))
	}
	switch pub := k.pub.(type) {
	case nil:
		dst = appendB64Member(dst, "k", k.priv.([]byte))
	case *rsa.PublicKey:
		dst = appendB64Member(dst, "n", pub.N.Bytes())
		dst = appendB64Member(dst, "e", big.NewInt(int64(pub.E)).Bytes())
		if priv, ok := k.priv.(*rsa.PrivateKey); ok {
			dst = appendB64Member(dst, "d", priv.D.Bytes())
			dst = appendB64Member(dst, "p", priv.Primes[0].Bytes())
			dst = appendB64Member(dst, "q", priv.Primes[1].Bytes())
			dst = appendB64Member(dst, "dp", priv.Precomputed.Dp.Bytes())
			dst = appendB64Member(dst, "dq", priv.Precomputed.Dq.Bytes())
			dst = appendB64Member(dst, "qi", priv.Precomputed.Qinv.Bytes())
		}
	case *ecdsa.PublicKey:
		c, _ := curveOf(pub.Curve)
		dst = append(dst, `,"crv":`...)
		dst = strictjson.AppendString(dst, c.name)
		x, y := ecCoordinates(pub, c.size)
		dst = appendB64Member(dst, "x", x)
		dst = appendB64Member(dst, "y", y)
		if priv, ok := k.priv.(*ecdsa.PrivateKey); ok {
			d, err := priv.Bytes()
			if err != nil {
				panic("jwk: internal error: a key built from an invalid ECDSA scalar: " + err.Error())
			}
			dst = appendB64Member(dst, "d", d)
		}
	case ed25519.PublicKey:
		dst = append(dst, `,"crv":"Ed25519"`...)
		dst = appendB64Member(dst, "x", pub)
		if priv, ok := k.priv.(ed25519.PrivateKey); ok {
			dst = appendB64Member(dst, "d", priv.Seed())
		}
	default:
		dst = k.appendAKPMembers(dst)
	}
	if raw, ok := k.x509.Opaque["x5u"]; ok {
		dst = appendRawMember(dst, "x5u", raw)
	} else if k.x509.URL != "" {
		dst = append(dst, `,"x5u":`...)
		dst = strictjson.AppendString(dst, k.x509.URL)
	}
	if raw, ok := k.x509.Opaque["x5c"]; ok {
		dst = appendRawMember(dst, "x5c", raw)
	} else if k.x509.Chain != nil {
		dst = append(dst, `,"x5c":[`...)
		for i, c := range k.x509.Chain {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '"')
			dst = base64.StdEncoding.AppendEncode(dst, c)
			dst = append(dst, '"')
		}
		dst = append(dst, ']')
	}
	if raw, ok := k.x509.Opaque["x5t"]; ok {
		dst = appendRawMember(dst, "x5t", raw)
	} else if k.x509.SHA1Thumbprint != nil {
		dst = appendB64Member(dst, "x5t", k.x509.SHA1Thumbprint)
	}
	if raw, ok := k.x509.Opaque["x5t#S256"]; ok {
		dst = appendRawMember(dst, "x5t#S256", raw)
	} else if k.x509.SHA256Thumbprint != nil {
		dst = appendB64Member(dst, "x5t#S256", k.x509.SHA256Thumbprint)
	}
	return append(dst, '}')
}

// appendRawMember appends ,"name":raw, raw being a JSON value as parsed.
func appendRawMember(dst []byte, name string, raw []byte) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	return append(dst, raw...)
}

// appendB64Member appends ,"name":"BASE64URL(b)".
func appendB64Member(dst []byte, name string, b []byte) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	return appendB64Value(dst, b)
}

// appendB64Value appends "BASE64URL(b)".
func appendB64Value(dst, b []byte) []byte {
	dst = append(dst, '"')
	dst = base64url.AppendEncode(dst, b)
	return append(dst, '"')
}
