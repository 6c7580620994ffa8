package jwt

import (
	"context"
	"errors"
	"fmt"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/internal/owned"
	"github.com/signet-go/signet/jws"
)

// Claims is implemented by a pointer to every claims type that [Verify] can
// validate: for any struct that embeds [claims.Registered], such as
// MyClaims, *MyClaims satisfies it through the embedded RegisteredClaims
// method (whose receiver is a pointer), so Verify[MyClaims] needs nothing
// else.
type Claims interface {
	// RegisteredClaims returns the registered claims to validate. It must
	// not return nil.
	RegisteredClaims() *claims.Registered
}

// VerifyOptions says what a token must satisfy beyond its signature. A nil
// *VerifyOptions, like the zero value, is the strict default: "exp" is
// required and checked against the current time, "nbf" and "iat" are
// checked when present, a token with an "aud" is refused (no audience is
// expected), and tokens up to 64 KiB are read.
type VerifyOptions struct {
	// Claims validates the registered claims; see [claims.Validator].
	Claims claims.Validator
	// Type, when set, is the "typ" the token must carry (RFC 8725 §3.11),
	// such as "at+jwt" for OAuth access tokens (RFC 9068). It is compared
	// case-insensitively in ASCII only, as media types are (RFC 6838 §4.2:
	// "ſecevent+jwt" is not "secevent+jwt"), and an "application/" prefix
	// on either side is ignored (RFC 7515 §4.1.9). A token without "typ" is
	// then refused.
	Type string
	// MaxSize is the largest token accepted, in bytes. 0 means the 64 KiB
	// default ([jws.DefaultMaxSize]). A negative MaxSize is a configuration
	// error, as a negative Leeway is: every token is refused, with an error
	// that wraps none of the sentinels.
	MaxSize int
}

// Errors returned by this package, usable with [errors.Is]. Verify also
// returns the sentinels of package jws (a bad signature, a malformed token)
// and of package claims (an expired token, a wrong audience) unchanged, so
// one errors.Is switch covers every failure.
var (
	// ErrType reports a token whose "typ" is not [VerifyOptions.Type].
	ErrType = errors.New("jwt: unexpected token type")
	// ErrNoToken reports an Authorization header value that is empty or
	// absent.
	ErrNoToken = errors.New("jwt: no bearer token")
	// ErrMalformedBearer reports an Authorization header value that is not
	// a Bearer credential as RFC 6750 §2.1 defines it.
	ErrMalformedBearer = errors.New("jwt: malformed bearer credential")
	// ErrNotObject reports claims that Sign cannot sign: they do not
	// encode to a JSON object, or their encoding is one Verify would
	// refuse (a duplicate member name from a custom MarshalJSON, invalid
	// UTF-8). The error wraps the claims package's reason.
	ErrNotObject = errors.New("jwt: claims are not a JSON object")
)

// Sign encodes c as JSON, which must give an object, and returns it signed
// by s as a compact JWS (RFC 7519 §7.1). The header's "typ" is "JWT" unless
// h.Type says otherwise; its "alg" comes from s (see [jws.Sign]).
//
// c is usually a struct that embeds [claims.Registered]. Sign refuses
// claims that do not encode to a JSON object, or whose encoding Verify
// would refuse (duplicate member names from a custom MarshalJSON, invalid
// UTF-8), with an error wrapping [ErrNotObject]. Like [Verify], it refuses
// a claims type whose own field hides a registered claim of its embedded
// claims.Registered (see [claims.Marshal]).
func Sign(s jws.Signer, h jws.Header, c any) (string, error) {
	var buf [512]byte
	h, payload, err := prepare(buf[:0], h, c)
	if err != nil {
		return "", err
	}
	return jws.Sign(s, h, payload)
}

// AppendSign is like [Sign] but appends the token to dst and returns the
// extended buffer, or nil and an error, as every Append function of signet
// does: on error the bytes of dst up to its length are unchanged.
func AppendSign(dst []byte, s jws.Signer, h jws.Header, c any) ([]byte, error) {
	var buf [512]byte
	h, payload, err := prepare(buf[:0], h, c)
	if err != nil {
		return nil, err
	}
	return jws.AppendSign(dst, s, h, payload)
}

// prepare encodes the claims c into scratch, which must give a JSON object
// Verify would accept, and defaults the header's "typ" to "JWT".
// claims.AppendMarshal checks the encoding, or encodes c strictly by
// construction.
func prepare(scratch []byte, h jws.Header, c any) (jws.Header, []byte, error) {
	payload, err := claims.AppendMarshal(scratch, c)
	if errors.Is(err, claims.ErrMalformed) {
		return jws.Header{}, nil, fmt.Errorf("%w: %T: %w", ErrNotObject, c, err)
	}
	if err != nil {
		return jws.Header{}, nil, fmt.Errorf("jwt: encoding claims: %w", err)
	}
	if h.Type == "" {
		h.Type = "JWT"
	}
	return h, payload, nil
}

// Verify checks token's signature with v, then its "typ" if opts.Type is
// set, then decodes its claims strictly into a new C and validates them
// with opts.Claims. It returns the claims, or nil and an error: never both.
// A nil opts is the strict default described at [VerifyOptions].
//
// C is the claims type, usually a struct embedding [claims.Registered]:
//
//	c, err := jwt.Verify[MyClaims](verifier, token, opts)
//
// A claims type whose own field hides a registered claim of its embedded
// claims.Registered (a field tagged `json:"aud"` beside it) is refused for
// every token, with an error naming the field and the claim: that claim
// would never be validated (see [claims.Decode]).
//
// The signature is checked before anything in the payload is looked at;
// see [jws.Verify] for the order of the token checks and [claims.Validator]
// for the order of the claim checks.
func Verify[C any, PC interface {
	*C
	Claims
}](v jws.Verifier, token string, opts *VerifyOptions) (*C, error) {
	opts, limits, err := checkOptions(opts)
	if err != nil {
		return nil, err
	}
	h, payload, err := limits.Verify(v, token)
	if err != nil {
		return nil, err
	}
	return decodeAndValidate[C, PC](h, payload, opts)
}

// VerifyKeyed is like [Verify] but asks r for the verifiers by the token's
// "kid" and "alg", as [jws.VerifyKeyed] does: r sees only those two and
// ctx, and the verifier used is the one r returns for the token's "alg".
// The jwk package's Set (a parsed JWK Set) and Remote (a provider's
// jwks_uri, kept current) are ready-made Resolvers. ctx bounds the time r
// may spend fetching keys; pass the request's context.
func VerifyKeyed[C any, PC interface {
	*C
	Claims
}](ctx context.Context, r jws.Resolver, token string, opts *VerifyOptions) (*C, error) {
	opts, limits, err := checkOptions(opts)
	if err != nil {
		return nil, err
	}
	h, payload, err := limits.VerifyKeyed(ctx, r, token)
	if err != nil {
		return nil, err
	}
	return decodeAndValidate[C, PC](h, payload, opts)
}

// errNegativeMaxSize reports a configuration error; it wraps no sentinel.
var errNegativeMaxSize = errors.New("jwt: invalid VerifyOptions: negative MaxSize")

// checkOptions returns opts (the strict default for nil) and the jws
// limits it sets, or the configuration error that refuses every token.
func checkOptions(opts *VerifyOptions) (*VerifyOptions, jws.Limits, error) {
	if opts == nil {
		opts = &VerifyOptions{}
	}
	if opts.MaxSize < 0 {
		return nil, jws.Limits{}, errNegativeMaxSize
	}
	return opts, jws.Limits{MaxSize: opts.MaxSize}, nil
}

func decodeAndValidate[C any, PC interface {
	*C
	Claims
}](h jws.Header, payload []byte, opts *VerifyOptions) (*C, error) {
	if opts.Type != "" && !typeMatches(h.Type, opts.Type) {
		if h.Type == "" {
			return nil, fmt.Errorf("%w: token has no \"typ\", want %q", ErrType, opts.Type)
		}
		return nil, fmt.Errorf("%w: %+.64q, want %q", ErrType, h.Type, opts.Type)
	}
	c := new(C)
	// The payload is jws's buffer, which nothing else holds: the decoded
	// strings may point into it.
	if err := claims.Decode(payload, ownedClaims[C]{c}); err != nil {
		return nil, err
	}
	r := PC(c).RegisteredClaims()
	if r == nil {
		return nil, fmt.Errorf("jwt: %T.RegisteredClaims returned nil", c)
	}
	if err := opts.Claims.Validate(r); err != nil {
		return nil, err
	}
	return c, nil
}

// ownedClaims is the destination of claims.Decode in Verify: c, with the
// promise that the payload is Verify's alone (see package owned).
type ownedClaims[C any] struct{ c *C }

func (o ownedClaims[C]) OwnedTarget(owned.Key) any { return o.c }

// typeMatches compares media types as RFC 7515 §4.1.9 says: case-
// insensitively, with "application/" optional. Media type names are ASCII
// and compare with ASCII case folding only (RFC 6838 §4.2), so "ſ" (U+017F)
// does not match "s" nor the Kelvin sign "k".
func typeMatches(got, want string) bool {
	return equalFoldASCII(trimApplication(got), trimApplication(want))
}

func trimApplication(t string) string {
	const prefix = "application/"
	if len(t) > len(prefix) && equalFoldASCII(t[:len(prefix)], prefix) {
		return t[len(prefix):]
	}
	return t
}

// equalFoldASCII reports whether a and b are equal when ASCII letters are
// compared case-insensitively; every other byte must be equal.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
