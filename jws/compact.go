package jws

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unsafe"

	"github.com/signet-go/signet/base64url"
)

// DefaultMaxSize is the largest token, in bytes, that Verify, VerifyKeyed
// and ParseUnverified accept. Nothing is decoded or allocated for a larger
// one. [Limits] sets another cap.
const DefaultMaxSize = 64 << 10

// Sign returns the compact serialization (RFC 7515 §7.1) of payload signed
// by s: BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature).
//
// The header's "alg" is s's algorithm. If h.Algorithm is set and differs,
// Sign returns an error wrapping [ErrAlgorithmMismatch]. A header that
// cannot be encoded as one Verify would accept (invalid UTF-8, a parameter
// of Header.Extra that is not valid JSON or shadows a registered one) is an
// error wrapping [ErrMalformed].
//
// With a Signer of another package, Sign copies the token out of the buffer
// the Signer wrote into, so that a Signer that keeps that buffer cannot
// change the string afterwards; the package's own Signers keep nothing,
// and their tokens cost no copy.
func Sign(s Signer, h Header, payload []byte) (string, error) {
	b, err := AppendSign(nil, s, h, payload)
	if err != nil {
		return "", err
	}
	if o, ok := s.(retainsNothing); !ok || !o.retainsNothing(s) {
		return string(b), nil
	}
	// No one else holds b, and it is never written again: hand its bytes
	// to the string, as strings.Builder does, rather than copying them.
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// readsOnly is implemented by the Verifiers of this package, whose
// VerifySignature neither modifies its arguments nor keeps them: verify
// hands them the token's own bytes as the signing input, where any other
// Verifier gets a copy. It is unexported so that no other Verifier can
// claim it. Its method reports whether as is the receiver itself: a type
// of another package that embeds one of these Verifiers has the method
// too, promoted, but may override VerifySignature, so it is foreign.
type readsOnly interface {
	readsOnly(as Verifier) bool
}

// retainsNothing is implemented by the Signers of this package. Its method
// reports whether AppendSignature hands none of the buffers it is given
// (dst, signingInput) to code outside the package, which could keep them:
// only then may Sign make its string share the buffer's memory. It is
// unexported so that no other Signer can claim it, and given the Signer
// Sign holds, so that it reports false for a type of another package that
// embeds one of these Signers (and has the method, promoted) but may
// override AppendSignature.
type retainsNothing interface {
	retainsNothing(as Signer) bool
}

// AppendSign appends the compact serialization of payload signed by s to
// dst and returns the extended buffer, as [Sign] does. On error it returns
// nil, as every Append function of signet does: the bytes of dst up to its
// length are unchanged, its spare capacity may have been written to. It
// allocates nothing beyond what the Signer does when dst has room.
func AppendSign(dst []byte, s Signer, h Header, payload []byte) ([]byte, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: nil Signer", ErrInvalidKey)
	}
	alg := s.Algorithm()
	if alg == "" {
		return nil, fmt.Errorf("%w: the %T Signer has no algorithm: it holds no key", ErrInvalidKey, s)
	}
	if h.Algorithm != "" && h.Algorithm != alg {
		return nil, fmt.Errorf("%w: header has %q, signer signs with %q", ErrAlgorithmMismatch, h.Algorithm, alg)
	}
	var hbuf [128]byte
	hdr, err := appendHeader(hbuf[:0], &h, alg)
	if err != nil {
		return nil, err
	}
	start := len(dst)
	// The signature is appended raw, then encoded after itself: 64 + 86
	// bytes hold a 64-byte HMAC or Ed25519 signature in both forms; larger
	// signatures grow the buffer once more.
	dst = slices.Grow(dst, base64url.EncodedLen(len(hdr))+1+base64url.EncodedLen(len(payload))+1+64+86)
	dst = base64url.AppendEncode(dst, hdr)
	dst = append(dst, '.')
	dst = base64url.AppendEncode(dst, payload)
	signingInput := dst[start:]
	dst = append(dst, '.')
	sigStart := len(dst)
	dst, err = s.AppendSignature(dst, signingInput)
	if err != nil {
		return nil, fmt.Errorf("jws: signing with %s: %w", alg, err)
	}
	// Encode the raw signature after itself, then move the encoding down
	// over it.
	sigEnd := len(dst)
	dst = base64url.AppendEncode(dst, dst[sigStart:sigEnd])
	n := copy(dst[sigStart:], dst[sigEnd:])
	return dst[:sigStart+n], nil
}

// Limits bounds what verification accepts. The zero value applies the
// defaults; the package-level functions use it.
type Limits struct {
	// MaxSize is the largest token accepted, in bytes. 0 means
	// DefaultMaxSize. A negative MaxSize is a configuration error: every
	// token is refused, with an error that wraps none of the sentinels.
	MaxSize int
}

// Verify checks token, a compact JWS, with v and returns its header and
// payload. It checks, in this order and before anything else is trusted:
//
//  0. that v holds a key: a nil Verifier, or a nil or zero one of this
//     package (whose Algorithm is ""), is refused ([ErrInvalidKey]);
//  1. the size cap ([ErrTooLarge]);
//  2. exactly three parts, found with bounded cuts ([ErrMalformed]);
//  3. strict base64url for each part ([ErrMalformed]);
//  4. a header that is a strict JSON object with a string "alg"
//     ([ErrMalformed]);
//  5. that "alg" equals v.Algorithm() ([ErrAlgorithmMismatch]): the header
//     never chooses how a token is verified, and "none" is never accepted;
//  6. "crit" and "b64": signet implements no extension, so any "crit" is
//     refused, and so is RFC 7797's "b64" with or without "crit"
//     ([ErrMalformed]);
//  7. the signature ([ErrInvalidSignature], deliberately vague).
//
// On error the header and payload are zero. Verify does not look at the
// payload: for a JWT, use the jwt package, which also validates the claims.
func Verify(v Verifier, token string) (Header, []byte, error) {
	return Limits{}.Verify(v, token)
}

// VerifyKeyed is like [Verify] but asks r for the Verifiers that may check
// token, passing ctx and the token's unverified "kid" ("" if absent) and
// "alg". Nothing else from the header reaches r, and never "jku", "x5u",
// "jwk" or "x5c". Of the Verifiers r returns, VerifyKeyed uses the one
// whose Algorithm() equals the token's "alg", so the header only picks
// among Verifiers already bound to their own key and algorithm and never
// turns one kind of key into another: none is an error wrapping
// [ErrAlgorithmMismatch], and more than one is ambiguous, an error wrapping
// [ErrKeyNotFound]. An error from r is returned wrapped in
// [ErrKeyNotFound] if it does not already wrap a sentinel of this package;
// no Verifier and no error is [ErrKeyNotFound], and so are Verifiers that
// hold no key (a typed nil or zero Verifier, whose Algorithm is ""). ctx
// reaches only r: a
// resolver that fetches keys stops waiting when ctx is done.
//
// The jwk package's Set and Remote are Resolvers for JWK Sets.
func VerifyKeyed(ctx context.Context, r Resolver, token string) (Header, []byte, error) {
	return Limits{}.VerifyKeyed(ctx, r, token)
}

// ParseUnverified returns the header and payload of token WITHOUT checking
// its signature. Never trust the result: anyone can write any header and
// payload. It is for debugging tools that display tokens; it applies the
// same size cap and strict decoding as [Verify].
func ParseUnverified(token string) (Header, []byte, error) {
	return Limits{}.ParseUnverified(token)
}

// Verify is [Verify] under the limits l.
func (l Limits) Verify(v Verifier, token string) (Header, []byte, error) {
	if v == nil {
		return Header{}, nil, fmt.Errorf("%w: nil Verifier", ErrInvalidKey)
	}
	if v.Algorithm() == "" {
		return Header{}, nil, fmt.Errorf("%w: the %T Verifier has no algorithm: it holds no key", ErrInvalidKey, v)
	}
	return l.verify(v, token)
}

// VerifyKeyed is [VerifyKeyed] under the limits l.
func (l Limits) VerifyKeyed(ctx context.Context, r Resolver, token string) (Header, []byte, error) {
	if f, ok := r.(ResolverFunc); r == nil || ok && f == nil {
		return Header{}, nil, fmt.Errorf("%w: nil Resolver", ErrKeyNotFound)
	}
	p, err := l.parse(token)
	if err != nil {
		return Header{}, nil, err
	}
	v, err := resolve(ctx, r, &p.header)
	if err != nil {
		return Header{}, nil, err
	}
	return p.verify(v)
}

// ParseUnverified is [ParseUnverified] under the limits l.
func (l Limits) ParseUnverified(token string) (Header, []byte, error) {
	p, err := l.parse(token)
	if err != nil {
		return Header{}, nil, err
	}
	if p.critErr != nil {
		return Header{}, nil, p.critErr
	}
	return p.header, p.payload, nil
}

// parsed is a compact JWS cut into its parts, decoded, with the header
// parsed.
type parsed struct {
	header       Header
	payload      []byte
	signature    []byte
	signingInput []byte
	critErr      error // why the header's "crit" is refused, if it has one
}

func (l Limits) parse(token string) (parsed, error) {
	max := l.MaxSize
	switch {
	case max < 0:
		return parsed{}, errors.New("jws: invalid Limits: negative MaxSize")
	case max == 0:
		max = DefaultMaxSize
	}
	if len(token) > max {
		return parsed{}, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(token), max)
	}
	i := strings.IndexByte(token, '.')
	if i < 0 {
		return parsed{}, fmt.Errorf("%w: no '.' separates header and payload", ErrMalformed)
	}
	j := strings.IndexByte(token[i+1:], '.')
	if j < 0 {
		return parsed{}, fmt.Errorf("%w: two parts, want three", ErrMalformed)
	}
	j += i + 1
	if strings.IndexByte(token[j+1:], '.') >= 0 {
		return parsed{}, fmt.Errorf("%w: more than three parts", ErrMalformed)
	}
	hLen := base64url.DecodedLen(i)
	pLen := base64url.DecodedLen(j - i - 1)
	sLen := base64url.DecodedLen(len(token) - j - 1)
	// One allocation holds the three decoded parts. The signing input is
	// the token's own bytes, not a copy: verify hands them only to the
	// Verifiers of this package, which neither modify nor keep them, and
	// copies them for any other.
	tb := unsafe.Slice(unsafe.StringData(token), len(token))
	buf := make([]byte, hLen+pLen+sLen)
	hdr, err := base64url.AppendDecode(buf[:0:hLen], tb[:i])
	if err != nil {
		return parsed{}, fmt.Errorf("%w: header: %w", ErrMalformed, err)
	}
	payload, err := base64url.AppendDecode(buf[hLen:hLen:hLen+pLen], tb[i+1:j])
	if err != nil {
		return parsed{}, fmt.Errorf("%w: payload: %w", ErrMalformed, err)
	}
	sig, err := base64url.AppendDecode(buf[hLen+pLen:hLen+pLen], tb[j+1:])
	if err != nil {
		return parsed{}, fmt.Errorf("%w: signature: %w", ErrMalformed, err)
	}
	h, critErr, err := parseHeader(hdr)
	if err != nil {
		return parsed{}, err
	}
	return parsed{header: h, payload: payload, signature: sig, signingInput: tb[:j], critErr: critErr}, nil
}

// resolve asks r for the Verifiers of h's "kid" and "alg" and returns the
// one bound to h's "alg".
func resolve(ctx context.Context, r Resolver, h *Header) (Verifier, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	vs, err := r.Resolve(ctx, h.KeyID, h.Algorithm)
	if err != nil {
		if isSentinel(err) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: kid %.64q: %w", ErrKeyNotFound, h.KeyID, err)
	}
	var (
		found, keyed Verifier // the match, and a candidate that holds a key
		n, nKeyed    int
	)
	for _, v := range vs {
		if v == nil || v.Algorithm() == "" {
			// A nil, typed nil or zero Verifier holds no key.
			continue
		}
		keyed = v
		nKeyed++
		if v.Algorithm() == h.Algorithm {
			found = v
			n++
		}
	}
	switch {
	case n == 1:
		return found, nil
	case n > 1:
		return nil, fmt.Errorf("%w: kid %.64q names %d keys that verify %.64q; the key set is ambiguous", ErrKeyNotFound, h.KeyID, n, h.Algorithm)
	case len(vs) == 0:
		return nil, fmt.Errorf("%w: kid %.64q", ErrKeyNotFound, h.KeyID)
	case nKeyed == 0:
		return nil, fmt.Errorf("%w: kid %.64q: the Resolver returned no Verifier that holds a key (%w)", ErrKeyNotFound, h.KeyID, ErrInvalidKey)
	case nKeyed == 1:
		return nil, fmt.Errorf("%w: token has %.64q, verifier expects %q", ErrAlgorithmMismatch, h.Algorithm, keyed.Algorithm())
	}
	return nil, fmt.Errorf("%w: no key of kid %.64q verifies %.64q", ErrAlgorithmMismatch, h.KeyID, h.Algorithm)
}

// isSentinel reports whether err wraps one of the package's sentinels.
func isSentinel(err error) bool {
	for _, s := range [...]error{ErrMalformed, ErrUnsupportedAlgorithm, ErrAlgorithmMismatch, ErrInvalidKey, ErrInvalidSignature, ErrTooLarge, ErrKeyNotFound} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func (l Limits) verify(v Verifier, token string) (Header, []byte, error) {
	p, err := l.parse(token)
	if err != nil {
		return Header{}, nil, err
	}
	return p.verify(v)
}

// verify checks p with v, which must suit p's "alg".
func (p *parsed) verify(v Verifier) (Header, []byte, error) {
	if want := v.Algorithm(); p.header.Algorithm != want {
		return Header{}, nil, fmt.Errorf("%w: token has %.64q, verifier expects %q", ErrAlgorithmMismatch, p.header.Algorithm, want)
	}
	if p.critErr != nil {
		return Header{}, nil, p.critErr
	}
	in := p.signingInput // the token's bytes, which must not be written
	if o, ok := v.(readsOnly); !ok || !o.readsOnly(v) {
		in = bytes.Clone(in)
	}
	if err := v.VerifySignature(in, p.signature); err != nil {
		if errors.Is(err, ErrInvalidSignature) {
			return Header{}, nil, err
		}
		return Header{}, nil, fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	return p.header, p.payload, nil
}
