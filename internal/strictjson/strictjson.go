// Package strictjson validates JSON objects under the strict rules signet
// applies to JOSE headers and JWT claims sets: one accepted encoding, no
// ambiguity.
//
// Beyond RFC 8259's grammar it refuses what lenient decoders let through and
// attackers use to make two parsers disagree: duplicate member names in any
// object at any depth (compared after unescaping, so "alg" and "\u0061lg"
// collide), invalid UTF-8 in raw bytes, lone surrogates in \u escapes, a
// byte-order mark, nesting deeper than [MaxDepth], and anything but
// whitespace after the closing brace (RFC 7515 §5.2, RFC 7519 §4, RFC 8725
// §3.12).
//
// It reports member names as bytes and values as raw sub-slices of the input,
// so a caller can decode only what it needs, usually without allocating.
package strictjson

import (
	"strconv"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of objects and arrays inside the
// top-level object that Object accepts. The top-level object itself is not
// counted: in {"a":[1]} the array is at depth 1, and a member value nested
// 32 levels deep, {"a":[[...[1]...]]} with 32 brackets, is accepted, where
// 33 are refused. A header or claims set has no use for more, and the bound
// keeps a hostile token from exhausting the stack: the scan stops at the
// first container beyond it, so refusing a deeper payload costs time linear
// in the bytes read up to there.
const MaxDepth = 32

// A SyntaxError describes why data was refused and where.
type SyntaxError struct {
	Offset int64  // byte offset in the input where the problem was found
	Msg    string // what is wrong, without the offset
}

func (e *SyntaxError) Error() string {
	return "strictjson: " + e.Msg + " at offset " + strconv.FormatInt(e.Offset, 10)
}

// Object validates that data is exactly one JSON object under the rules of
// the package doc. If fn is non-nil it is called for each top-level member,
// in order, with the unescaped name (valid only during the call) and the raw
// value (a sub-slice of data without surrounding whitespace). An error from
// fn stops the scan and is returned as is; any other error is a
// *SyntaxError.
func Object(data []byte, fn func(name, value []byte) error) error {
	s := scanner{data: data, depth: -1} // the top-level object is at depth 0
	s.skipSpace()
	if s.pos >= len(data) || data[s.pos] != '{' {
		if s.pos == 0 && len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
			return s.fail("byte-order mark")
		}
		return s.fail("expected '{'")
	}
	if err := s.object(fn); err != nil {
		return err
	}
	s.skipSpace()
	if s.pos != len(data) {
		return s.fail("data after the top-level object")
	}
	return nil
}

// Unquote returns the content of the JSON string token value (which must
// start and end with '"' and have passed Object) with its escapes decoded.
// When the content has no escapes, the result aliases value and nothing is
// allocated; otherwise it is appended to scratch. It reports false if value
// is not a string token.
func Unquote(value, scratch []byte) ([]byte, bool) {
	if len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' {
		return nil, false
	}
	content := value[1 : len(value)-1]
	for _, c := range content {
		if c == '\\' {
			return appendUnescaped(scratch, content), true
		}
	}
	return content, true
}

// ParseString parses the JSON string token at the start of data under the
// package's rules (no control characters, valid UTF-8, no lone surrogates)
// and returns its decoded content and the number of bytes the token takes.
// Errors are *SyntaxError.
func ParseString(data []byte) (string, int, error) {
	s := scanner{data: data}
	if len(data) == 0 || data[0] != '"' {
		return "", 0, s.fail("expected a string")
	}
	start, end, escaped, err := s.str()
	if err != nil {
		return "", 0, err
	}
	if !escaped {
		return string(data[start:end]), s.pos, nil
	}
	return string(appendUnescaped(make([]byte, 0, end-start), data[start:end])), s.pos, nil
}

// AppendString appends s to dst as a JSON string, escaped as encoding/json
// escapes it but without its HTML escaping: '"', '\\' and control
// characters are escaped, and invalid UTF-8 becomes U+FFFD.
func AppendString(dst []byte, s string) []byte {
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

type nameRef struct {
	inArena    bool
	start, end int
	// sig summarizes the name (length, first and last byte) so that most
	// pairs of different names are told apart without comparing them.
	sig uint32
}

func nameSig(name []byte) uint32 {
	if len(name) == 0 {
		return 0
	}
	return uint32(len(name))<<16 | uint32(name[0])<<8 | uint32(name[len(name)-1])
}

type scanner struct {
	data  []byte
	pos   int
	depth int // containers around s.pos, not counting the top-level object
	// arena holds the unescaped form of member names that had escapes.
	arena []byte
}

func (s *scanner) fail(msg string) error {
	return &SyntaxError{Offset: int64(s.pos), Msg: msg}
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) name(r nameRef) []byte {
	if r.inArena {
		return s.arena[r.start:r.end]
	}
	return s.data[r.start:r.end]
}

// objectMapThreshold is the member count above which duplicate detection
// switches from pairwise comparison to a map.
const objectMapThreshold = 32

// object scans an object starting at s.pos (which holds '{').
func (s *scanner) object(fn func(name, value []byte) error) error {
	s.depth++
	if s.depth > MaxDepth {
		return s.fail("nesting too deep")
	}
	s.pos++ // '{'
	var buf [16]nameRef
	names := buf[:0]
	var seen map[string]struct{}
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		s.depth--
		return nil
	}
	for {
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return s.fail("expected a member name")
		}
		nameAt := s.pos
		start, end, escaped, err := s.str()
		if err != nil {
			return err
		}
		ref := nameRef{start: start, end: end}
		if escaped {
			a := len(s.arena)
			s.arena = appendUnescaped(s.arena, s.data[start:end])
			ref = nameRef{inArena: true, start: a, end: len(s.arena)}
		}
		name := s.name(ref)
		ref.sig = nameSig(name)
		if seen != nil {
			if _, dup := seen[string(name)]; dup {
				s.pos = nameAt
				return s.fail("duplicate member name " + strconv.Quote(string(name)))
			}
			seen[string(name)] = struct{}{}
		} else {
			for _, prev := range names {
				if prev.sig == ref.sig && string(s.name(prev)) == string(name) {
					s.pos = nameAt
					return s.fail("duplicate member name " + strconv.Quote(string(name)))
				}
			}
			if len(names) >= objectMapThreshold {
				seen = make(map[string]struct{}, 2*objectMapThreshold)
				for _, prev := range names {
					seen[string(s.name(prev))] = struct{}{}
				}
				seen[string(name)] = struct{}{}
			}
		}
		if seen == nil {
			names = append(names, ref)
		}

		s.skipSpace()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return s.fail("expected ':'")
		}
		s.pos++
		s.skipSpace()
		valueAt := s.pos
		if err := s.value(); err != nil {
			return err
		}
		if fn != nil && s.depth == 0 {
			if err := fn(s.name(ref), s.data[valueAt:s.pos]); err != nil {
				return err
			}
		}
		s.skipSpace()
		if s.pos >= len(s.data) {
			return s.fail("unexpected end of input")
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
			s.skipSpace()
		case '}':
			s.pos++
			s.depth--
			return nil
		default:
			return s.fail("expected ',' or '}'")
		}
	}
}

// Array validates that data is exactly one JSON array under the rules of
// the package doc. If fn is non-nil it is called for each element, in
// order, with the raw value (a sub-slice of data without surrounding
// whitespace). An error from fn stops the scan and is returned as is; any
// other error is a *SyntaxError.
func Array(data []byte, fn func(value []byte) error) error {
	s := scanner{data: data, depth: -1} // the top-level array is at depth 0
	s.skipSpace()
	if s.pos >= len(data) || data[s.pos] != '[' {
		if s.pos == 0 && len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
			return s.fail("byte-order mark")
		}
		return s.fail("expected '['")
	}
	if err := s.array(fn); err != nil {
		return err
	}
	s.skipSpace()
	if s.pos != len(data) {
		return s.fail("data after the top-level array")
	}
	return nil
}

func (s *scanner) array(fn func(value []byte) error) error {
	s.depth++
	if s.depth > MaxDepth {
		return s.fail("nesting too deep")
	}
	s.pos++ // '['
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		s.depth--
		return nil
	}
	for {
		start := s.pos
		if err := s.value(); err != nil {
			return err
		}
		if fn != nil {
			if err := fn(s.data[start:s.pos]); err != nil {
				return err
			}
		}
		s.skipSpace()
		if s.pos >= len(s.data) {
			return s.fail("unexpected end of input")
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
			s.skipSpace()
		case ']':
			s.pos++
			s.depth--
			return nil
		default:
			return s.fail("expected ',' or ']'")
		}
	}
}

// value scans one value starting at s.pos (whitespace already skipped).
func (s *scanner) value() error {
	if s.pos >= len(s.data) {
		return s.fail("unexpected end of input")
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		return s.object(nil)
	case c == '[':
		return s.array(nil)
	case c == '"':
		_, _, _, err := s.str()
		return err
	case c == '-' || ('0' <= c && c <= '9'):
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	default:
		return s.fail("invalid character " + strconv.QuoteRune(rune(c)) + " looking for a value")
	}
}

func (s *scanner) literal(lit string) error {
	if len(s.data)-s.pos < len(lit) || string(s.data[s.pos:s.pos+len(lit)]) != lit {
		return s.fail("invalid literal")
	}
	s.pos += len(lit)
	return nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (s *scanner) digits() int {
	n := 0
	for s.pos < len(s.data) && isDigit(s.data[s.pos]) {
		s.pos++
		n++
	}
	return n
}

func (s *scanner) number() error {
	if s.data[s.pos] == '-' {
		s.pos++
	}
	if s.pos >= len(s.data) || !isDigit(s.data[s.pos]) {
		return s.fail("invalid number")
	}
	if s.data[s.pos] == '0' {
		s.pos++
		if s.pos < len(s.data) && isDigit(s.data[s.pos]) {
			return s.fail("invalid number: leading zero")
		}
	} else {
		s.digits()
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if s.digits() == 0 {
			return s.fail("invalid number: no digits after '.'")
		}
	}
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if s.digits() == 0 {
			return s.fail("invalid number: no digits in exponent")
		}
	}
	return nil
}

// str scans a string token starting at s.pos (which holds '"') and returns
// the bounds of its content and whether it has escapes.
func (s *scanner) str() (start, end int, escaped bool, err error) {
	s.pos++ // '"'
	start = s.pos
	data := s.data
	for s.pos < len(data) {
		for s.pos < len(data) && plainString[data[s.pos]] != 0 {
			s.pos++
		}
		if s.pos >= len(data) {
			break
		}
		c := data[s.pos]
		switch {
		case c == '"':
			end = s.pos
			s.pos++
			return start, end, escaped, nil
		case c == '\\':
			escaped = true
			if err := s.escape(); err != nil {
				return 0, 0, false, err
			}
		case c < 0x20:
			return 0, 0, false, s.fail("control character in string")
		default: // the plainString loop has consumed every other ASCII byte
			r, size := utf8.DecodeRune(data[s.pos:])
			if r == utf8.RuneError && size == 1 {
				return 0, 0, false, s.fail("invalid UTF-8")
			}
			s.pos += size
		}
	}
	return 0, 0, false, s.fail("unterminated string")
}

// escape validates the escape sequence at s.pos (which holds '\\').
func (s *scanner) escape() error {
	if s.pos+1 >= len(s.data) {
		return s.fail("unterminated string")
	}
	switch s.data[s.pos+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos += 2
		return nil
	case 'u':
	default:
		return s.fail("invalid escape")
	}
	r, ok := hex4(s.data[s.pos+2:])
	if !ok {
		return s.fail("invalid \\u escape")
	}
	switch {
	case 0xDC00 <= r && r <= 0xDFFF:
		return s.fail("lone surrogate in \\u escape")
	case 0xD800 <= r && r <= 0xDBFF:
		rest := s.data[s.pos+6:]
		if len(rest) < 6 || rest[0] != '\\' || rest[1] != 'u' {
			return s.fail("lone surrogate in \\u escape")
		}
		r2, ok := hex4(rest[2:])
		if !ok || r2 < 0xDC00 || r2 > 0xDFFF {
			return s.fail("lone surrogate in \\u escape")
		}
		s.pos += 12
	default:
		s.pos += 6
	}
	return nil
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
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

// plainString[c] is 1 for the bytes a string may hold as they are: ASCII
// at or above 0x20, except '"' and '\\'.
const plainString = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// appendUnescaped appends the decoded form of validated string content.
func appendUnescaped(dst, content []byte) []byte {
	for i := 0; i < len(content); {
		c := content[i]
		if c != '\\' {
			j := i + 1
			for j < len(content) && content[j] != '\\' {
				j++
			}
			dst = append(dst, content[i:j]...)
			i = j
			continue
		}
		switch content[i+1] {
		case '"', '\\', '/':
			dst = append(dst, content[i+1])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, _ := hex4(content[i+2:])
			if 0xD800 <= r && r <= 0xDBFF {
				r2, _ := hex4(content[i+8:])
				r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
				i += 6
			}
			dst = utf8.AppendRune(dst, r)
			i += 6
			continue
		}
		i += 2
	}
	return dst
}
