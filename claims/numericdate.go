package claims

import (
	"errors"
	"math"
	"strconv"
	"time"
)

// NumericDate is a JWT NumericDate (RFC 7519 §2): a number of seconds since
// 1970-01-01T00:00:00Z UTC, ignoring leap seconds, possibly with a
// fraction. It is a small comparable value: use == or [NumericDate.Equal]
// to compare two of them.
//
// The zero NumericDate is the absent date: [NumericDate.IsZero] reports
// true for it, and [Registered] tags its dates omitzero so that an absent
// date is not encoded. Absence is tracked apart from the value, so 0 is a
// real date, 1970-01-01T00:00:00Z: [UnixDate](0) and a decoded "exp":0 are
// present (and long expired), not absent.
//
// A NumericDate decodes from any JSON number, fractions and exponents
// included, and keeps it exactly to the nanosecond; a fraction finer than
// a nanosecond is remembered as such (the value lies strictly between two
// nanoseconds), so that [Validator] compares every decoded date with the
// clock exactly. Decoding refuses:
//   - anything that is not a JSON number: strings, booleans, null, objects,
//     arrays (RFC 7519 §4.1.4 requires a number);
//   - a number whose floor does not fit an int64 (1e20, -1e20, 1e400).
//
// A NumericDate encodes as a JSON integer when it is a whole second, and
// otherwise with the decimal fraction it was decoded from, up to nine
// digits; a fraction finer than a nanosecond encodes as its nanoseconds
// followed by a 1 in the tenth decimal place, which decodes back to the
// same NumericDate. The absent date has no JSON form: encoding it is an
// error (tag the field omitzero).
type NumericDate struct {
	sec     int64 // floor of the value, in seconds
	nsec    int32 // nanoseconds after sec, in [0, 1e9)
	inexact bool  // the value lies strictly between sec+nsec and the next nanosecond
	present bool  // false only for the absent date
}

// NewNumericDate returns the NumericDate of the second that contains t
// (t.Unix(), which rounds toward negative infinity): the fraction of a
// second is dropped, as RFC 7519 dates are usually whole seconds. The
// zero time.Time (t.IsZero()) gives the absent date, the inverse of
// [NumericDate.Time].
func NewNumericDate(t time.Time) NumericDate {
	if t.IsZero() {
		return NumericDate{}
	}
	return NumericDate{sec: t.Unix(), present: true}
}

// UnixDate returns the NumericDate sec seconds after 1970-01-01T00:00:00Z
// UTC. UnixDate(0) is 1970-01-01T00:00:00Z, a present date.
func UnixDate(sec int64) NumericDate {
	return NumericDate{sec: sec, present: true}
}

// IsZero reports whether d is the absent date. It is false for every
// date, including [UnixDate](0).
func (d NumericDate) IsZero() bool { return !d.present }

// Unix returns d as seconds since the Unix epoch, rounded toward negative
// infinity (1.5 is 1, -1.5 is -2), as [time.Time.Unix] does. It returns 0
// for the absent date: use [NumericDate.IsZero] to tell absence apart.
func (d NumericDate) Unix() int64 { return d.sec }

// Time returns d as a time.Time in UTC, with its nanoseconds; a fraction
// finer than a nanosecond is rounded down. It returns the zero time.Time
// for the absent date. Dates beyond the years time.Time can represent
// (about ±292 billion years) wrap, as [time.Unix] does.
func (d NumericDate) Time() time.Time {
	if !d.present {
		return time.Time{}
	}
	return time.Unix(d.sec, int64(d.nsec)).UTC()
}

// String returns d as the JSON number it encodes to, such as "1700000000"
// or "1700000000.5", or "absent" for the absent date.
func (d NumericDate) String() string {
	if !d.present {
		return "absent"
	}
	var b [32]byte
	return string(d.appendJSON(b[:0]))
}

// Equal reports whether d and u are the same date, or both absent.
func (d NumericDate) Equal(u NumericDate) bool { return d == u }

// errAbsentDate is the error of encoding the absent date.
var errAbsentDate = errors.New("claims: NumericDate: the absent date has no JSON form (tag the field omitzero)")

// MarshalJSON implements [encoding/json.Marshaler]: a JSON integer for a
// whole second, a decimal fraction otherwise (see [NumericDate]). The
// absent date is an error.
func (d NumericDate) MarshalJSON() ([]byte, error) {
	if !d.present {
		return nil, errAbsentDate
	}
	return d.appendJSON(make([]byte, 0, 32)), nil
}

// appendJSON appends the JSON number of the present date d to b.
func (d NumericDate) appendJSON(b []byte) []byte {
	if d.nsec == 0 && !d.inexact {
		return strconv.AppendInt(b, d.sec, 10)
	}
	// The value is sec + (nsec + ε)/1e9, with ε = 0, or in (0, 1) when
	// inexact.
	var whole uint64
	frac := int64(d.nsec)
	if d.sec >= 0 {
		whole = uint64(d.sec)
	} else {
		// -value = (-sec - 1) + (1e9 - nsec - ε)/1e9.
		b = append(b, '-')
		whole = uint64(-(d.sec + 1))
		frac = 1e9 - frac
		if d.inexact {
			frac-- // then (1 - ε) is again in (0, 1)
		}
	}
	b = strconv.AppendUint(b, whole, 10)
	b = append(b, '.')
	var digits [9]byte
	for i := 8; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	if d.inexact {
		b = append(b, digits[:]...)
		return append(b, '1')
	}
	n := 9
	for n > 1 && digits[n-1] == '0' {
		n--
	}
	return append(b, digits[:n]...)
}

// UnmarshalJSON implements [encoding/json.Unmarshaler]. It accepts exactly
// one JSON number (no surrounding space) and refuses what the NumericDate
// doc lists; its errors wrap [ErrMalformed]. On error d is unchanged.
func (d *NumericDate) UnmarshalJSON(data []byte) error {
	n, err := parseNumericDate(data)
	if err != nil {
		return err
	}
	*d = n
	return nil
}

// parseNumericDate returns the JSON number x in data as a present
// NumericDate, exactly (no floating point), or an ErrMalformed error.
func parseNumericDate(data []byte) (NumericDate, error) {
	if len(data) == 0 {
		return NumericDate{}, malformed("NumericDate: empty value")
	}
	switch c := data[0]; {
	case c == '"':
		return NumericDate{}, malformed("NumericDate: want a JSON number, got a string")
	case c == 't' || c == 'f':
		return NumericDate{}, malformed("NumericDate: want a JSON number, got a boolean")
	case c == 'n':
		return NumericDate{}, malformed("NumericDate: want a JSON number, got null")
	case c == '{':
		return NumericDate{}, malformed("NumericDate: want a JSON number, got an object")
	case c == '[':
		return NumericDate{}, malformed("NumericDate: want a JSON number, got an array")
	}

	// Split the number into its parts, checking RFC 8259 §6's grammar:
	// -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
	i := 0
	neg := data[0] == '-'
	if neg {
		i++
	}
	intStart := i
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	default:
		return NumericDate{}, malformed("NumericDate: invalid number")
	}
	intDigits := data[intStart:i]
	var fracDigits []byte
	if i < len(data) && data[i] == '.' {
		i++
		start := i
		for i < len(data) && isDigit(data[i]) {
			i++
		}
		if i == start {
			return NumericDate{}, malformed("NumericDate: invalid number")
		}
		fracDigits = data[start:i]
	}
	var exp int64 // saturates far beyond any exponent that matters
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		expNeg := false
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			expNeg = data[i] == '-'
			i++
		}
		start := i
		for i < len(data) && isDigit(data[i]) {
			if exp < 1<<40 {
				exp = exp*10 + int64(data[i]-'0')
			}
			i++
		}
		if i == start {
			return NumericDate{}, malformed("NumericDate: invalid number")
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != len(data) {
		return NumericDate{}, malformed("NumericDate: invalid number")
	}

	// The value is the digit string D = intDigits+fracDigits times 10^e.
	digit := func(k int) byte { // k-th digit of D
		if k < len(intDigits) {
			return intDigits[k]
		}
		return fracDigits[k-len(intDigits)]
	}
	nd := len(intDigits) + len(fracDigits)
	lead := 0 // leading zeros of D
	for lead < nd && digit(lead) == '0' {
		lead++
	}
	e := exp - int64(len(fracDigits))
	sig := int64(nd - lead) // significant digits
	if sig == 0 {           // 0, -0, 0.000e5: 1970-01-01T00:00:00Z
		return NumericDate{present: true}, nil
	}
	intLen := sig + e // digits of D (after the leading zeros) before the decimal point
	if intLen > 19 {  // at least 10^19 > MaxInt64 in magnitude
		return NumericDate{}, malformed("NumericDate: " + quoteNumber(data) + " out of range")
	}
	// |x| = mag + frac/1e9 (+ a remainder below 1e-9 when inexact).
	var mag uint64 // floor(|x|); at most 19 digits, so no overflow
	var frac int64 // the first nine decimals of |x|
	inexact := false
	for k := int64(0); k < sig; k++ {
		c := int64(digit(lead+int(k)) - '0')
		switch j := k - intLen; { // j is the decimal place of the digit, from 0
		case j < 0:
			mag = mag*10 + uint64(c)
		case j < 9:
			frac += c * pow10(8-j)
		case c != 0:
			inexact = true
		}
	}
	for k := sig; k < intLen; k++ { // trailing zeros from a positive exponent
		mag *= 10
	}
	d := NumericDate{present: true}
	switch {
	case !neg && mag > math.MaxInt64:
		return NumericDate{}, malformed("NumericDate: " + quoteNumber(data) + " out of range")
	case !neg:
		d.sec, d.nsec, d.inexact = int64(mag), int32(frac), inexact
	case frac == 0 && !inexact:
		if mag > 1<<63 {
			return NumericDate{}, malformed("NumericDate: " + quoteNumber(data) + " out of range")
		}
		d.sec = int64(-mag) // two's complement: -(1<<63) is MinInt64
	default:
		// x = -(mag + frac/1e9 + r) = -(mag+1) + (1e9 - frac)/1e9 - r, with r
		// the remainder below a nanosecond.
		mag++
		if mag > 1<<63 {
			return NumericDate{}, malformed("NumericDate: " + quoteNumber(data) + " out of range")
		}
		d.sec = int64(-mag)
		frac = 1e9 - frac
		if inexact {
			frac-- // then 1e-9 - r lies in (0, 1e-9): still inexact
		}
		d.nsec, d.inexact = int32(frac), inexact
	}
	return d, nil
}

// pow10 returns 10^n for a small n >= 0.
func pow10(n int64) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// quoteNumber returns the number literal for an error message, shortened
// if it is long.
func quoteNumber(b []byte) string {
	if len(b) > 32 {
		return string(b[:32]) + "..."
	}
	return string(b)
}
