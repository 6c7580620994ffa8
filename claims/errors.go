package claims

import (
	"errors"
	"strings"
)

// Errors returned by this package, usable with [errors.Is]. Returned errors
// wrap one of these and name the claim concerned when it is known, as in
// "claims: exp: token is expired". The only errors that wrap none are
// programming errors: a bad destination for [Decode], a claims type whose
// own field hides a registered claim (see [Decode]), a negative duration in
// a [Validator].
//
// A caller typically writes one switch:
//
//	switch {
//	case errors.Is(err, claims.ErrExpired):
//		// ask the client to refresh
//	case errors.Is(err, claims.ErrMalformed):
//		// a bug or an attack: log it
//	}
var (
	// ErrMalformed reports claims that cannot be decoded: JSON that breaks
	// the strict rules of [Decode] (syntax, duplicate or case-variant member
	// names, invalid UTF-8, data after the object), or a claim of the wrong
	// JSON type or out of range.
	ErrMalformed = errors.New("claims: malformed claims")
	// ErrMissing reports a claim the [Validator] requires but the token does
	// not carry, or a name [Get] does not find. The error names the claim.
	ErrMissing = errors.New("claims: missing claim")
	// ErrExpired reports a token whose "exp" has passed (RFC 7519 §4.1.4).
	ErrExpired = errors.New("claims: token is expired")
	// ErrNotYetValid reports a token whose "nbf" has not come yet
	// (RFC 7519 §4.1.5).
	ErrNotYetValid = errors.New("claims: token is not valid yet")
	// ErrIssuedInFuture reports a token whose "iat" is later than now
	// (RFC 7519 §4.1.6).
	ErrIssuedInFuture = errors.New("claims: token issued in the future")
	// ErrTooOld reports a token issued longer ago than Validator.MaxAge.
	ErrTooOld = errors.New("claims: token is too old")
	// ErrIssuer reports an "iss" other than Validator.Issuer
	// (RFC 7519 §4.1.1).
	ErrIssuer = errors.New("claims: issuer mismatch")
	// ErrSubject reports a "sub" other than Validator.Subject
	// (RFC 7519 §4.1.2).
	ErrSubject = errors.New("claims: subject mismatch")
	// ErrAudience reports an "aud" that does not contain
	// Validator.Audience, or a token that carries an "aud" when the
	// Validator expects none (RFC 7519 §4.1.3).
	ErrAudience = errors.New("claims: audience mismatch")
	// ErrID reports a "jti" refused by Validator.CheckID (RFC 7519 §4.1.7).
	// The error also wraps the error CheckID returned.
	ErrID = errors.New("claims: token ID rejected")
)

// claimError is the error this package returns: a sentinel, the claim it is
// about, and optional details. Its message reads
// "claims: <claim>: <sentinel text>[: <detail>][: <cause>]".
type claimError struct {
	claim  string // JSON member name, or a dotted path into nested objects; "" if unknown
	err    error  // one of the package's sentinels
	detail string // what exactly is wrong, if there is more to say
	cause  error  // an underlying error (the caller's CheckID error, a JSON error), or nil
}

func (e *claimError) Error() string {
	var b strings.Builder
	b.WriteString("claims: ")
	if e.claim != "" {
		b.WriteString(e.claim)
		b.WriteString(": ")
	}
	b.WriteString(strings.TrimPrefix(e.err.Error(), "claims: "))
	if e.detail != "" {
		b.WriteString(": ")
		b.WriteString(e.detail)
	}
	if e.cause != nil {
		b.WriteString(": ")
		b.WriteString(e.cause.Error())
	}
	return b.String()
}

// Unwrap returns the sentinel and, when there is one, the underlying cause,
// so that errors.Is finds both (as fmt.Errorf with two %w verbs would).
func (e *claimError) Unwrap() []error {
	if e.cause != nil {
		return []error{e.err, e.cause}
	}
	return []error{e.err}
}

// malformed returns an ErrMalformed error with detail and no claim name.
func malformed(detail string) error {
	return &claimError{err: ErrMalformed, detail: detail}
}

// inClaim returns err attributed to the claim name. An error of this
// package gets name prepended to its claim path; any other error becomes
// the cause of an ErrMalformed error about name.
func inClaim(name string, err error) error {
	if ce, ok := err.(*claimError); ok {
		c := *ce
		if c.claim == "" {
			c.claim = name
		} else {
			c.claim = name + "." + c.claim
		}
		return &c
	}
	return &claimError{claim: name, err: ErrMalformed, cause: err}
}
