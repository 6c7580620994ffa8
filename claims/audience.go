package claims

import (
	"slices"

	"github.com/signet-go/signet/internal/strictjson"
)

// Audience is the "aud" claim (RFC 7519 §4.1.3): the recipients a token is
// intended for, each a case-sensitive string.
//
// It decodes from a JSON string (one audience) or a JSON array of strings.
// Anything else is refused with an error wrapping [ErrMalformed], including
// an array holding a non-string and null: RFC 7519 allows no other form,
// and a present claim must say something. An empty array decodes to an
// empty Audience, which [Validator] treats like an absent one.
//
// It encodes one element as a JSON string, as most issuers do, and any
// other number of elements as an array; [Registered] tags it omitempty so
// that an empty Audience is left out.
type Audience []string

// Contains reports whether a holds s, compared exactly (case-sensitively).
func (a Audience) Contains(s string) bool {
	return slices.Contains(a, s)
}

// MarshalJSON implements [encoding/json.Marshaler]. Invalid UTF-8 in an
// audience is replaced by U+FFFD, as encoding/json does for strings.
func (a Audience) MarshalJSON() ([]byte, error) {
	if len(a) == 1 {
		return strictjson.AppendString(make([]byte, 0, len(a[0])+2), a[0]), nil
	}
	n := 2
	for _, s := range a {
		n += len(s) + 3
	}
	buf := make([]byte, 0, n)
	buf = append(buf, '[')
	for i, s := range a {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strictjson.AppendString(buf, s)
	}
	return append(buf, ']'), nil
}

// UnmarshalJSON implements [encoding/json.Unmarshaler]. It accepts exactly
// one JSON string or array of strings (no surrounding space), with the
// strict string rules of [Decode]: valid UTF-8, no lone surrogate escapes.
// Its errors wrap [ErrMalformed]. On error a is unchanged.
func (a *Audience) UnmarshalJSON(data []byte) error {
	aud, err := parseAudience(data)
	if err != nil {
		return err
	}
	*a = aud
	return nil
}

func parseAudience(data []byte) (Audience, error) {
	if len(data) == 0 {
		return nil, malformed("Audience: empty value")
	}
	switch data[0] {
	case '"':
		s, n, ok := parseString(data, 0)
		if !ok || n != len(data) {
			return nil, malformed("Audience: invalid string")
		}
		return Audience{s}, nil
	case '[':
	default:
		return nil, malformed("Audience: want a string or an array of strings, got " + jsonKind(data[0]))
	}
	aud := Audience{}
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == ']' {
		if i+1 != len(data) {
			return nil, malformed("Audience: data after the array")
		}
		return aud, nil
	}
	for {
		if i >= len(data) {
			return nil, malformed("Audience: unterminated array")
		}
		if data[i] != '"' {
			return nil, malformed("Audience: array element is " + jsonKind(data[i]) + ", not a string")
		}
		s, n, ok := parseString(data, i)
		if !ok {
			return nil, malformed("Audience: invalid string")
		}
		aud = append(aud, s)
		i = skipSpace(data, n)
		if i >= len(data) {
			return nil, malformed("Audience: unterminated array")
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			if i+1 != len(data) {
				return nil, malformed("Audience: data after the array")
			}
			return aud, nil
		default:
			return nil, malformed("Audience: expected ',' or ']' in array")
		}
	}
}

// jsonKind names the kind of JSON value that starts with c, for messages.
func jsonKind(c byte) string {
	switch {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || isDigit(c):
		return "a number"
	}
	return "not a JSON value"
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}
