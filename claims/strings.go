package claims

import (
	"unicode"
	"unicode/utf8"
)

// parseString parses the JSON string token that starts at data[i] (a '"')
// under the strict rules (RFC 8259 §7 plus valid UTF-8 and no lone
// surrogates) and returns its decoded content and the index just past the
// closing quote. Without escapes the content costs one allocation, as in
// encoding/json.
func parseString(data []byte, i int) (s string, next int, ok bool) {
	i++ // opening quote
	start := i
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			return string(data[start:i]), i + 1, true
		case c == '\\':
			return parseEscapedString(data, start, i)
		case c < 0x20:
			return "", 0, false
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return "", 0, false
			}
			i += size
		}
	}
	return "", 0, false
}

// parseEscapedString continues parseString from data[i], the first
// backslash of a string whose content starts at data[start].
func parseEscapedString(data []byte, start, i int) (string, int, bool) {
	buf := make([]byte, 0, len(data)-start)
	buf = append(buf, data[start:i]...)
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			return string(buf), i + 1, true
		case c == '\\':
			if i+1 >= len(data) {
				return "", 0, false
			}
			switch data[i+1] {
			case '"', '\\', '/':
				buf = append(buf, data[i+1])
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := hex4(data, i+2)
				if !ok {
					return "", 0, false
				}
				switch {
				case 0xDC00 <= r && r <= 0xDFFF:
					return "", 0, false // lone low surrogate
				case 0xD800 <= r && r <= 0xDBFF:
					if i+7 >= len(data) || data[i+6] != '\\' || data[i+7] != 'u' {
						return "", 0, false // lone high surrogate
					}
					r2, ok := hex4(data, i+8)
					if !ok || r2 < 0xDC00 || r2 > 0xDFFF {
						return "", 0, false
					}
					r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
					i += 6
				}
				buf = utf8.AppendRune(buf, r)
				i += 6
				continue
			default:
				return "", 0, false
			}
			i += 2
		case c < 0x20:
			return "", 0, false
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return "", 0, false
			}
			buf = append(buf, data[i:i+size]...)
			i += size
		}
	}
	return "", 0, false
}

// hex4 decodes the four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// foldEqual reports whether the names a and b are equal under
// encoding/json's case folding (ASCII letters compare case-insensitively;
// other runes compare by their Unicode simple-fold orbit, so U+017F 'ſ'
// matches 's' and U+212A KELVIN SIGN matches 'k'), which is how
// encoding/json matches a member name to a struct field it does not match
// exactly. Both names must be valid UTF-8.
func foldEqual(a []byte, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if ca < utf8.RuneSelf && cb < utf8.RuneSelf {
			if ca != cb && upperASCII(ca) != upperASCII(cb) {
				return false
			}
			i++
			j++
			continue
		}
		ra, na := utf8.DecodeRune(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		if foldRune(ra) != foldRune(rb) {
			return false
		}
		i += na
		j += nb
	}
	return i == len(a) && j == len(b)
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// foldRune returns the rune encoding/json folds r to: the upper case for
// ASCII, the smallest rune of r's simple-fold orbit otherwise.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return rune(upperASCII(byte(r)))
	}
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}

// appendFolded appends name folded as encoding/json folds names, so that two
// names fold to the same bytes exactly when foldEqual reports them equal.
func appendFolded(dst, name []byte) []byte {
	for i := 0; i < len(name); {
		if c := name[i]; c < utf8.RuneSelf {
			dst = append(dst, upperASCII(c))
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		dst = utf8.AppendRune(dst, foldRune(r))
		i += n
	}
	return dst
}

// appendString appends s as a JSON string, escaped as encoding/json escapes
// it, invalid UTF-8 becoming U+FFFD, except for the HTML escaping that
// encoding/json adds itself when it compacts what a MarshalJSON returns.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
