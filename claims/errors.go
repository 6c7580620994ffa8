package claims

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Errors returned by this package, usable with [errors.Is]. Returned errors
// wrap one of these and name the claim concerned when it is known, and the
// Validator's say what differed, as in "claims: exp: token expired at
// 2026-12-02T10:00:00Z, 31s before now (leeway 0s)"; the sentinels' own
// texts are the short forms. The only errors that wrap none are
// programming errors: a bad destination for [Decode], a claims type whose
// own field hides a registered claim (see [Decode]), a negative duration
// or an empty string in the lists of a [Validator].
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
	// ErrIssuer reports an "iss" other than Validator.Issuer and every one
	// of Validator.Issuers (RFC 7519 §4.1.1).
	ErrIssuer = errors.New("claims: issuer mismatch")
	// ErrSubject reports a "sub" other than Validator.Subject
	// (RFC 7519 §4.1.2).
	ErrSubject = errors.New("claims: subject mismatch")
	// ErrAudience reports an "aud" that contains neither
	// Validator.Audience nor any of Validator.Audiences, or a token that
	// carries an "aud" when the Validator expects none (RFC 7519 §4.1.3).
	ErrAudience = errors.New("claims: audience mismatch")
	// ErrID reports a "jti" refused by Validator.CheckID (RFC 7519 §4.1.7).
	// The error also wraps the error CheckID returned.
	ErrID = errors.New("claims: token ID rejected")
)

// claimError is the error this package returns: a sentinel, the claim it is
// about, and optional details. Its message reads
// "claims: <claim>: <msg or sentinel text>[: <detail>][: <cause>]".
type claimError struct {
	claim  string // JSON member name, or a dotted path into nested objects; "" if unknown
	err    error  // one of the package's sentinels
	msg    string // what differed, said in full, in place of the sentinel's text; or ""
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
	if e.msg != "" {
		b.WriteString(e.msg)
	} else {
		b.WriteString(strings.TrimPrefix(e.err.Error(), "claims: "))
	}
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

// maxQuoted is the most bytes of a value that an error message shows.
const maxQuoted = 64

// quoteValue quotes s, a value from a token or a Validator, for an error
// message: in ASCII, so that control characters, invalid UTF-8 and
// look-alike runes show as escapes, and cut after maxQuoted bytes (at a rune
// boundary), with the length said, so that a hostile token cannot flood a
// log.
func quoteValue(s string) string {
	if len(s) <= maxQuoted {
		return strconv.QuoteToASCII(s)
	}
	n := maxQuoted
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strconv.QuoteToASCII(s[:n]) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// maxListed is the most values of a list that an error message shows.
const maxListed = 4

// quoteList quotes the values of a list for an error message, as a JSON
// array would show them: at most maxListed, each with quoteValue, then how
// many more there are.
func quoteList(values []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, v := range values {
		if i == maxListed {
			b.WriteString(", and " + strconv.Itoa(len(values)-i) + " more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteValue(v))
	}
	b.WriteByte(']')
	return b.String()
}

// expected describes the values a Validator accepts, one or a list: "x",
// or, with prefix "one of", one of ["x", "y"].
func expected(prefix, one string, more []string) string {
	if one == "" && len(more) == 1 {
		return quoteValue(more[0])
	}
	if len(more) == 0 {
		return quoteValue(one)
	}
	all := make([]string, 0, 1+len(more))
	if one != "" {
		all = append(all, one)
	}
	return prefix + " " + quoteList(append(all, more...))
}
