package claims

import (
	"errors"
	"math"
	"time"
)

// Validator checks the registered claims of a token. Its zero value is the
// strict default: "exp" is required, "exp", "nbf" and "iat" are checked
// against the current time with no leeway, and a token that carries "aud"
// is rejected because no audience is expected (RFC 7519 §4.1.3). A nil
// *Validator behaves as the zero value.
//
// Issuer, Subject, MaxAge and CheckID only add requirements. Three fields
// relax the default: Leeway widens the time checks, Audience admits tokens
// that name that audience, and AllowMissingExpiry drops the "exp"
// requirement. A Validator is not modified by Validate and may be
// shared by goroutines as long as CheckID and Now are safe for concurrent
// use.
type Validator struct {
	// Issuer, when set, must equal "iss" exactly (case-sensitive); a token
	// without "iss" fails with ErrMissing.
	Issuer string
	// Subject, when set, must equal "sub" exactly; a token without "sub"
	// fails with ErrMissing.
	Subject string
	// Audience, when set, must be one of the values of "aud"; a token
	// without "aud" fails with ErrMissing. When Audience is empty, a token
	// that has an "aud" fails with ErrAudience: set Audience to the name
	// this service is known by to accept tokens meant for it.
	Audience string

	// Leeway widens every time check (exp, nbf, iat and MaxAge) by the
	// given duration, to tolerate clock skew between issuer and verifier.
	// A minute or less is typical. Negative values are refused.
	Leeway time.Duration
	// MaxAge, when positive, requires "iat" and rejects tokens issued more
	// than MaxAge (plus Leeway) ago. Negative values are refused.
	MaxAge time.Duration
	// AllowMissingExpiry accepts tokens without "exp". Such a token never
	// expires by itself: pair this with MaxAge or CheckID.
	AllowMissingExpiry bool

	// CheckID, when set, requires "jti" and is called with it, for replay
	// detection (a token ID seen before), revocation (logout) or
	// refresh-token rotation. A non-nil error rejects the token; the error
	// Validate returns wraps both ErrID and CheckID's error.
	CheckID func(jti string) error
	// Now returns the current time; nil means time.Now. Set it to test
	// expiry, or to validate against a fixed instant.
	Now func() time.Time
}

// Validate checks r against v and returns nil if the token is acceptable.
// Otherwise it returns an error wrapping one of the package's sentinels and
// naming the claim, such as "claims: exp: token is expired". A nil r is an
// empty claims set. A negative Leeway or MaxAge is a configuration error:
// every token is refused, with an error that wraps none of the sentinels.
//
// The checks run in this order, and the first failure is returned:
//
//  1. exp: required unless AllowMissingExpiry (ErrMissing); the token is
//     valid while now < exp + Leeway (ErrExpired). At exp exactly it has
//     expired.
//  2. nbf: when present, the token is valid once now >= nbf - Leeway
//     (ErrNotYetValid).
//  3. iat: when present, rejected if iat > now + Leeway
//     (ErrIssuedInFuture).
//  4. max age: when MaxAge > 0, iat is required (ErrMissing) and
//     now - iat <= MaxAge + Leeway must hold (ErrTooOld).
//  5. iss: when Issuer is set, required (ErrMissing) and equal (ErrIssuer).
//  6. sub: when Subject is set, required (ErrMissing) and equal
//     (ErrSubject).
//  7. aud: when Audience is set, required (ErrMissing) and containing it
//     (ErrAudience); when Audience is empty, absent (ErrAudience).
//  8. jti: when CheckID is set, required (ErrMissing) and accepted by
//     CheckID (ErrID).
//
// Times compare exactly: now keeps its nanoseconds, and a NumericDate keeps
// the fraction it was decoded with, even one finer than a nanosecond. With
// exp = 100, now = 99.5 s is valid and now = 100 s has expired; with
// exp = 100.5, now = 100 s is still valid; with nbf = 100.5 or iat = 100.5,
// now = 100 s is too early. Nothing is rounded toward acceptance. The one
// approximation is at the ends of int64 seconds (about 292 billion years
// from now): the arithmetic saturates instead of overflowing, so dates near
// them and huge durations behave as the far past or far future.
//
// Presence is not the value: a present date of 0 (1970-01-01T00:00:00Z) is
// a date like any other, so "exp":0 has expired, even with
// AllowMissingExpiry, while "nbf":0 and "iat":0 are long past and pass.
func (v *Validator) Validate(r *Registered) error {
	if v == nil {
		v = &Validator{}
	}
	if r == nil {
		r = &Registered{}
	}
	if v.Leeway < 0 {
		return errors.New("claims: invalid Validator: negative Leeway")
	}
	if v.MaxAge < 0 {
		return errors.New("claims: invalid Validator: negative MaxAge")
	}
	var t time.Time
	if v.Now != nil {
		t = v.Now()
	} else {
		t = time.Now()
	}
	now := instant{sec: t.Unix(), half: 2 * int64(t.Nanosecond())}
	leeway := v.Leeway

	if r.ExpiresAt.IsZero() {
		if !v.AllowMissingExpiry {
			return &claimError{claim: "exp", err: ErrMissing}
		}
	} else if !now.before(date(r.ExpiresAt).add(leeway)) {
		return &claimError{claim: "exp", err: ErrExpired}
	}
	if !r.NotBefore.IsZero() && now.before(date(r.NotBefore).add(-leeway)) {
		return &claimError{claim: "nbf", err: ErrNotYetValid}
	}
	if !r.IssuedAt.IsZero() && now.add(leeway).before(date(r.IssuedAt)) {
		return &claimError{claim: "iat", err: ErrIssuedInFuture}
	}
	if v.MaxAge > 0 {
		if r.IssuedAt.IsZero() {
			return &claimError{claim: "iat", err: ErrMissing, detail: "required by MaxAge"}
		}
		if date(r.IssuedAt).add(v.MaxAge).add(leeway).before(now) {
			return &claimError{claim: "iat", err: ErrTooOld}
		}
	}
	if v.Issuer != "" {
		if r.Issuer == "" {
			return &claimError{claim: "iss", err: ErrMissing}
		}
		if r.Issuer != v.Issuer {
			return &claimError{claim: "iss", err: ErrIssuer}
		}
	}
	if v.Subject != "" {
		if r.Subject == "" {
			return &claimError{claim: "sub", err: ErrMissing}
		}
		if r.Subject != v.Subject {
			return &claimError{claim: "sub", err: ErrSubject}
		}
	}
	if v.Audience != "" {
		if len(r.Audience) == 0 {
			return &claimError{claim: "aud", err: ErrMissing}
		}
		if !r.Audience.Contains(v.Audience) {
			return &claimError{claim: "aud", err: ErrAudience}
		}
	} else if len(r.Audience) != 0 {
		return &claimError{claim: "aud", err: ErrAudience,
			detail: "the token names an audience and none is expected (RFC 7519 §4.1.3); set Validator.Audience to this service's audience"}
	}
	if v.CheckID != nil {
		if r.ID == "" {
			return &claimError{claim: "jti", err: ErrMissing, detail: "required by CheckID"}
		}
		if err := v.CheckID(r.ID); err != nil {
			return &claimError{claim: "jti", err: ErrID, cause: err}
		}
	}
	return nil
}

// instant is a point in time as whole seconds since the Unix epoch plus
// half-nanoseconds in [0, 2e9). The clock, Leeway and MaxAge are whole
// nanoseconds; a decoded date finer than a nanosecond lies strictly between
// two nanoseconds, and standing it on the half-nanosecond between them
// orders it exactly against every whole nanosecond, so that every
// comparison below is exact. The arithmetic saturates at the ends of int64
// seconds, so no comparison can be fooled by overflow.
type instant struct {
	sec  int64
	half int64 // half-nanoseconds after sec
}

// date returns the instant of the present date d.
func date(d NumericDate) instant {
	t := instant{sec: d.sec, half: 2 * int64(d.nsec)}
	if d.inexact {
		t.half++
	}
	return t
}

// add returns t + d, saturated.
func (t instant) add(d time.Duration) instant {
	sec := int64(d / time.Second)
	half := t.half + 2*int64(d%time.Second) // in (-2e9, 4e9)
	switch {
	case half >= 2e9:
		half -= 2e9
		sec++
	case half < 0:
		half += 2e9
		sec--
	}
	// sec is within ±(MaxInt64/1e9 + 1), so only t.sec + sec can overflow.
	switch {
	case sec > 0 && t.sec > math.MaxInt64-sec:
		return instant{sec: math.MaxInt64, half: 2e9 - 1}
	case sec < 0 && t.sec < math.MinInt64-sec:
		return instant{sec: math.MinInt64}
	}
	return instant{sec: t.sec + sec, half: half}
}

// before reports whether t is strictly earlier than u.
func (t instant) before(u instant) bool {
	return t.sec < u.sec || (t.sec == u.sec && t.half < u.half)
}
