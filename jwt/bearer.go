package jwt

import (
	"fmt"
	"strings"
)

// BearerToken returns the token of an HTTP Authorization header value that
// carries a Bearer credential (RFC 6750 §2.1): the scheme "Bearer" in any
// case, one or more spaces, and a token of the b64token characters
// (letters, digits, "-", ".", "_", "~", "+", "/", then any "=" padding).
//
// An empty value is [ErrNoToken]; anything else that does not fit, such as
// another scheme or a token with spaces or commas, is [ErrMalformedBearer].
// BearerToken only extracts the token: verify it with [Verify].
func BearerToken(authorization string) (string, error) {
	if authorization == "" {
		return "", ErrNoToken
	}
	const scheme = "bearer"
	if len(authorization) < len(scheme) || !strings.EqualFold(authorization[:len(scheme)], scheme) {
		return "", fmt.Errorf("%w: scheme is not Bearer", ErrMalformedBearer)
	}
	rest := authorization[len(scheme):]
	i := 0
	for i < len(rest) && rest[i] == ' ' {
		i++
	}
	if i == 0 {
		return "", fmt.Errorf("%w: no space after the scheme", ErrMalformedBearer)
	}
	token := rest[i:]
	if token == "" {
		return "", fmt.Errorf("%w: no token after the scheme", ErrMalformedBearer)
	}
	j := 0
	for j < len(token) && isB64TokenChar(token[j]) {
		j++
	}
	if j == 0 {
		return "", fmt.Errorf("%w: token starts with %q", ErrMalformedBearer, token[0])
	}
	for k := j; k < len(token); k++ {
		if token[k] != '=' {
			return "", fmt.Errorf("%w: invalid character %q in token", ErrMalformedBearer, token[k])
		}
	}
	return token, nil
}

func isB64TokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~', '+', '/':
		return true
	}
	return false
}
