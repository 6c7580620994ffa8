package claims

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"time"
)

// Validator checks the registered claims of a token. Its zero value is the
// strict default: "exp" is required, "exp", "nbf" and "iat" are checked
// against the current time with no leeway, and a token that carries "aud"
// is rejected because no audience is expected (RFC 7519 §4.1.3). A nil
// *Validator behaves as the zero value.
//
// Issuer, Issuers, Subject, MaxAge and CheckID only add requirements. Four
// fields relax the default: Leeway widens the time checks, Audience and
// Audiences admit tokens that name one of those audiences, and
// AllowMissingExpiry drops the "exp" requirement. A Validator is not modified by Validate and may be
// shared by goroutines as long as CheckID and Now are safe for concurrent
// use.
type Validator struct {
	// Issuer, when set, must equal "iss" exactly (case-sensitive); a token
	// without "iss" fails with ErrMissing.
	Issuer string
	// Issuers, when not empty, lists issuers to accept besides Issuer,
	// such as the issuers of several tenants: "iss" must equal Issuer or
	// one of Issuers, and a token without "iss" fails with ErrMissing. An
	// empty string in Issuers is a configuration error.
	Issuers []string
	// Subject, when set, must equal "sub" exactly; a token without "sub"
	// fails with ErrMissing.
	Subject string
	// Audience, when set, must be one of the values of "aud"; a token
	// without "aud" fails with ErrMissing. When Audience and Audiences are
	// empty, a token that has an "aud" fails with ErrAudience: set Audience
	// to the name this service is known by to accept tokens meant for it.
	Audience string
	// Audiences, when not empty, lists audiences to accept besides
	// Audience, for a service known by several names: "aud" must contain
	// Audience or one of Audiences (any one is enough), and a token
	// without "aud" fails with ErrMissing. A token with an "aud" is
	// refused only when both Audience and Audiences are empty. An empty
	// string in Audiences is a configuration error.
	Audiences []string

	// Leeway widens every time check (exp, nbf, iat and MaxAge) by the
	// given duration, to tolerate clock skew between issuer and verifier.
	// A minute or less is typical. Negative values are refused.
	Leeway time.Duration
	// MaxAge, when positive, requires "iat" and rejects tokens issued more
	// than MaxAge (plus Leeway) ago. Negative values are refused.
	MaxAge time.Duration
	// AllowMissingExpiry accepts tokens without "exp". Such a token never
	// expires by itself: pair this with MaxAge or CheckID. A present "exp"
	// is always checked, "exp":0 (1970-01-01) included.
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
// Otherwise it returns an error wrapping one of the package's sentinels,
// naming the claim and saying what the token holds and what was expected,
// such as
//
//	claims: exp: token expired at 2026-12-02T10:00:00Z, 31s before now (leeway 0s)
//	claims: iss: issuer "https://a.example" is not "https://b.example"
//
// Values from the token are quoted in ASCII (control characters and
// look-alike runes escaped) and cut after 64 bytes, and at most four
// audiences are listed, so that a hostile token cannot flood a log. A nil r
// is an empty claims set. A negative Leeway or MaxAge, or an empty string
// in Issuers or Audiences, is a configuration error: every token is
// refused, with an error that wraps none of the sentinels.
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
//  5. iss: when Issuer or Issuers is set, required (ErrMissing) and equal
//     to one of them (ErrIssuer).
//  6. sub: when Subject is set, required (ErrMissing) and equal
//     (ErrSubject).
//  7. aud: when Audience or Audiences is set, required (ErrMissing) and
//     containing one of them (ErrAudience); when both are empty, absent
//     (ErrAudience).
//  8. jti: when CheckID is set, required (ErrMissing) and accepted by
//     CheckID (ErrID).
//
// Times compare exactly: now keeps its nanoseconds, and a NumericDate keeps
// the fraction it was decoded with, even one finer than a nanosecond. With
// exp = 100, now = 99.5 s is valid and now = 100 s has expired; with
// exp = 100.5, now = 100 s is still valid; with nbf = 100.5 or iat = 100.5,
// now = 100 s is too early. Nothing is rounded, toward acceptance or
// refusal. At the ends of int64 seconds (about 292 billion years away) the
// arithmetic saturates instead of overflowing: dates near them and huge
// durations behave as the far past or far future, which, the clock being
// well inside that range, gives every comparison its exact outcome.
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
	if slices.Contains(v.Issuers, "") {
		return errors.New("claims: invalid Validator: an empty string in Issuers")
	}
	if slices.Contains(v.Audiences, "") {
		return errors.New("claims: invalid Validator: an empty string in Audiences")
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
	} else if exp := date(r.ExpiresAt); !now.before(exp.add(leeway)) {
		return &claimError{claim: "exp", err: ErrExpired,
			msg: "token expired at " + formatDate(r.ExpiresAt) + ", " + formatSpan(now, exp) + " before now (leeway " + leeway.String() + ")"}
	}
	if nbf := date(r.NotBefore); !r.NotBefore.IsZero() && now.before(nbf.add(-leeway)) {
		return &claimError{claim: "nbf", err: ErrNotYetValid,
			msg: "token is not valid before " + formatDate(r.NotBefore) + ", " + formatSpan(nbf, now) + " after now (leeway " + leeway.String() + ")"}
	}
	if iat := date(r.IssuedAt); !r.IssuedAt.IsZero() && now.add(leeway).before(iat) {
		return &claimError{claim: "iat", err: ErrIssuedInFuture,
			msg: "token issued at " + formatDate(r.IssuedAt) + ", " + formatSpan(iat, now) + " after now (leeway " + leeway.String() + ")"}
	}
	if v.MaxAge > 0 {
		if r.IssuedAt.IsZero() {
			return &claimError{claim: "iat", err: ErrMissing, detail: "required by MaxAge"}
		}
		if iat := date(r.IssuedAt); iat.add(v.MaxAge).add(leeway).before(now) {
			return &claimError{claim: "iat", err: ErrTooOld,
				msg: "token issued at " + formatDate(r.IssuedAt) + ", " + formatSpan(now, iat) + " before now, more than MaxAge " + v.MaxAge.String() + " (leeway " + leeway.String() + ")"}
		}
	}
	if v.Issuer != "" || len(v.Issuers) != 0 {
		if r.Issuer == "" {
			return &claimError{claim: "iss", err: ErrMissing, detail: "want issuer " + expected("one of", v.Issuer, v.Issuers)}
		}
		if r.Issuer != v.Issuer && !slices.Contains(v.Issuers, r.Issuer) {
			return &claimError{claim: "iss", err: ErrIssuer,
				msg: "issuer " + quoteValue(r.Issuer) + " is not " + expected("one of", v.Issuer, v.Issuers)}
		}
	}
	if v.Subject != "" {
		if r.Subject == "" {
			return &claimError{claim: "sub", err: ErrMissing, detail: "want subject " + quoteValue(v.Subject)}
		}
		if r.Subject != v.Subject {
			return &claimError{claim: "sub", err: ErrSubject,
				msg: "subject " + quoteValue(r.Subject) + " is not " + quoteValue(v.Subject)}
		}
	}
	if v.Audience != "" || len(v.Audiences) != 0 {
		if len(r.Audience) == 0 {
			return &claimError{claim: "aud", err: ErrMissing, detail: "want audience " + expected("one of", v.Audience, v.Audiences)}
		}
		if !(v.Audience != "" && r.Audience.Contains(v.Audience)) && !slices.ContainsFunc(v.Audiences, r.Audience.Contains) {
			return &claimError{claim: "aud", err: ErrAudience,
				msg: "audience " + quoteList(r.Audience) + " does not include " + expected("any of", v.Audience, v.Audiences)}
		}
	} else if len(r.Audience) != 0 {
		return &claimError{claim: "aud", err: ErrAudience,
			msg: "the token names audience " + quoteList(r.Audience) + " and none is expected (RFC 7519 §4.1.3); set Validator.Audience to this service's audience"}
	}
	if v.CheckID != nil {
		if r.ID == "" {
			return &claimError{claim: "jti", err: ErrMissing, detail: "required by CheckID"}
		}
		if err := v.CheckID(r.ID); err != nil {
			return &claimError{claim: "jti", err: ErrID, msg: "token ID " + quoteValue(r.ID) + " rejected", cause: err}
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

// formatDate returns the present date d for an error message: as RFC 3339
// with its fraction when it falls within the years 1 to 9999, otherwise as
// the number of seconds it holds.
func formatDate(d NumericDate) string {
	const first, last = -62135596800, 253402300799 // 0001-01-01T00:00:00Z, 9999-12-31T23:59:59Z
	if d.sec < first || d.sec > last {
		return d.String() + " (seconds since 1970)"
	}
	return d.Time().Format(time.RFC3339Nano)
}

// formatSpan returns how long after u the instant t is, t not being before
// u, for an error message: a duration rounded to the millisecond (exact
// below one) up to two days, then a number of days, and beyond two years a
// number of years.
func formatSpan(t, u instant) string {
	const day, year = 86400, 31556952 // seconds in a day and in a Gregorian year
	switch f := float64(t.sec) - float64(u.sec); {
	case f >= 2*year:
		return "about " + strconv.FormatFloat(f/year, 'f', 0, 64) + " years"
	case f >= 2*day:
		return "about " + strconv.FormatFloat(f/day, 'f', 0, 64) + " days"
	}
	d := time.Duration(t.sec-u.sec)*time.Second + time.Duration((t.half-u.half)/2)
	if r := d.Round(time.Millisecond); r != 0 {
		d = r
	}
	return d.String()
}
