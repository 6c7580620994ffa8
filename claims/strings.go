package claims

import (
	"unicode"
	"unicode/utf8"

	"github.com/signet-go/signet/internal/strictjson"
)

// parseString parses the JSON string token that starts at data[i] (a '"')
// under the strict rules (RFC 8259 §7 plus valid UTF-8 and no lone
// surrogates) and returns its decoded content and the index just past the
// closing quote. Without escapes the content costs one allocation, as in
// encoding/json.
func parseString(data []byte, i int) (s string, next int, ok bool) {
	s, n, err := strictjson.ParseString(data[i:])
	if err != nil {
		return "", 0, false
	}
	return s, i + n, true
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
