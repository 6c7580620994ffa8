package claims

import (
	"math"
	"time"
)

// NumericDate is a JWT NumericDate (RFC 7519 §2): a number of seconds since
// 1970-01-01T00:00:00Z UTC, ignoring leap seconds. The zero NumericDate
// means the claim is absent, which is why [Registered] tags its dates
// omitzero.
//
// A NumericDate encodes as a JSON integer. It decodes from any JSON number,
// fractions and exponents included, rounding toward negative infinity to
// the second that contains the instant (1.9 is 1, -1.5 is -2), the way
// [time.Time.Unix] does. Decoding refuses:
//   - anything that is not a JSON number: strings, booleans, null, objects,
//     arrays (RFC 7519 §4.1.4 requires a number);
//   - a number whose floor does not fit an int64 (1e20, -1e20, 1e400);
//   - a number whose floor is 0 (0, 0.5, -0): 0 stands for an absent claim,
//     so a date of exactly 1970-01-01T00:00:00Z cannot be told apart from
//     no date and is refused rather than silently dropped.
type NumericDate int64

// NewNumericDate returns the NumericDate of the second that contains t
// (t.Unix(), which rounds toward negative infinity). The zero time.Time
// gives 0, the absent date, and so does any t in the first second of 1970.
func NewNumericDate(t time.Time) NumericDate {
	if t.IsZero() {
		return 0
	}
	return NumericDate(t.Unix())
}

// Time returns d as a time.Time in UTC, or the zero time.Time if d is 0
// (absent).
func (d NumericDate) Time() time.Time {
	if d == 0 {
		return time.Time{}
	}
	return time.Unix(int64(d), 0).UTC()
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

// parseNumericDate returns floor(x) for the JSON number x in data, exactly
// (no floating point), or an ErrMalformed error.
func parseNumericDate(data []byte) (NumericDate, error) {
	if len(data) == 0 {
		return 0, malformed("NumericDate: empty value")
	}
	switch c := data[0]; {
	case c == '"':
		return 0, malformed("NumericDate: want a JSON number, got a string")
	case c == 't' || c == 'f':
		return 0, malformed("NumericDate: want a JSON number, got a boolean")
	case c == 'n':
		return 0, malformed("NumericDate: want a JSON number, got null")
	case c == '{':
		return 0, malformed("NumericDate: want a JSON number, got an object")
	case c == '[':
		return 0, malformed("NumericDate: want a JSON number, got an array")
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
		return 0, malformed("NumericDate: invalid number")
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
			return 0, malformed("NumericDate: invalid number")
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
			return 0, malformed("NumericDate: invalid number")
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != len(data) {
		return 0, malformed("NumericDate: invalid number")
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
	sig := int64(nd - lead)      // significant digits
	intLen := sig + e            // digits of D (after the leading zeros) before the decimal point
	if sig == 0 || intLen > 19 { // 0, or at least 10^19 > MaxInt64 in magnitude
		if sig == 0 {
			return 0, malformed("NumericDate: 0 means an absent date")
		}
		return 0, malformed("NumericDate: " + quoteNumber(data) + " out of range")
	}
	var mag uint64 // floor(|x|); at most 19 digits, so no overflow
	fraction := false
	for k := int64(0); k < sig; k++ {
		c := digit(lead + int(k))
		if k < intLen {
			mag = mag*10 + uint64(c-'0')
		} else if c != '0' {
			fraction = true
		}
	}
	for k := sig; k < intLen; k++ { // trailing zeros from a positive exponent
		mag *= 10
	}
	var n int64
	switch {
	case !neg && mag > math.MaxInt64:
		return 0, malformed("NumericDate: " + quoteNumber(data) + " out of range")
	case !neg:
		n = int64(mag)
	default:
		if fraction {
			mag++ // floor of a negative number with a fraction
		}
		if mag > 1<<63 {
			return 0, malformed("NumericDate: " + quoteNumber(data) + " out of range")
		}
		n = int64(-mag) // two's complement: -(1<<63) is MinInt64
	}
	if n == 0 {
		return 0, malformed("NumericDate: 0 means an absent date")
	}
	return NumericDate(n), nil
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
