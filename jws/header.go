package jws

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/signet-go/signet/internal/strictjson"
)

// Header is a JOSE header (RFC 7515 §4) of a compact JWS.
//
// On Sign, Algorithm may be left empty: it is set from the Signer, and a
// value that differs from the Signer's algorithm is an error. On Verify, it
// is the verified algorithm.
//
// The zero Header is a valid header for Sign.
type Header struct {
	// Algorithm is "alg" (RFC 7515 §4.1.1).
	Algorithm Algorithm
	// KeyID is "kid" (RFC 7515 §4.1.4), a hint to which key signed the
	// token. The [Resolver] receives it unverified: treat it as
	// untrusted input until the signature verifies.
	KeyID string
	// Type is "typ" (RFC 7515 §4.1.9), the media type of the whole token,
	// such as "JWT" or "at+jwt".
	Type string
	// ContentType is "cty" (RFC 7515 §4.1.10), the media type of the
	// payload; "JWT" for nested tokens.
	ContentType string
	// Extra holds every other header parameter, by name, as raw JSON: for
	// example "x5t" or private parameters. signet never uses "jku", "x5u",
	// "jwk" or "x5c" to find a key; they are only kept here as data.
	//
	// On Sign, each value must be valid JSON and no name may be one of the
	// parameters above or "crit"; members are written in name order. The
	// map is nil on Verify when the header has no other parameters.
	Extra map[string]json.RawMessage
}

// Header parameter names signet interprets, or refuses. A member whose name
// equals one of these under Unicode simple case folding, as
// [strings.EqualFold] compares, but not exactly ("KID", or "\u212Aid" with
// the Kelvin sign, which folds to "kid") is refused: it is the shape of an
// attempt to make two parsers disagree.
const (
	paramAlg  = "alg"
	paramKid  = "kid"
	paramTyp  = "typ"
	paramCty  = "cty"
	paramCrit = "crit"
	// paramB64 is RFC 7797's "b64", which signet refuses in every header:
	// it implements no unencoded payload.
	paramB64 = "b64"
)

func isKnownParam(name string) bool {
	switch name {
	case paramAlg, paramKid, paramTyp, paramCty, paramCrit, paramB64:
		return true
	}
	return false
}

func isCaseVariantOfKnownParam(name []byte) bool {
	// Under simple folding, each letter of the names has variants of at
	// most three bytes in UTF-8 (U+212A KELVIN SIGN for 'k'), so a longer
	// name folds to none of them.
	if len(name) < 3 || len(name) > 3*len(paramCrit) {
		return false
	}
	for _, p := range [...]string{paramAlg, paramKid, paramTyp, paramCty, paramCrit, paramB64} {
		if strings.EqualFold(string(name), p) {
			return true
		}
	}
	return false
}

// parseHeader decodes the JSON header data strictly. The strings it returns
// share no memory with data except the raw values in Extra, which alias it.
// A "crit" or "b64" parameter does not fail the parse: its error is
// returned as critErr, for the caller to report after checking "alg"
// (RFC 7515 §5.2 order: the algorithm mismatch is the more useful error).
func parseHeader(data []byte) (h Header, critErr error, err error) {
	var haveAlg bool
	err = strictjson.Object(data, func(name, value []byte) error {
		switch string(name) {
		case paramAlg:
			s, err := headerString(name, value)
			if err != nil {
				return err
			}
			h.Algorithm = internAlgorithm(s)
			haveAlg = true
		case paramKid:
			s, err := headerString(name, value)
			if err != nil {
				return err
			}
			h.KeyID = string(s)
		case paramTyp:
			s, err := headerString(name, value)
			if err != nil {
				return err
			}
			h.Type = internType(s)
		case paramCty:
			s, err := headerString(name, value)
			if err != nil {
				return err
			}
			h.ContentType = internType(s)
		case paramCrit:
			if critErr == nil {
				critErr = checkCrit(value)
			}
		case paramB64:
			// RFC 7797: signet implements no unencoded payload, so "b64" is
			// refused whatever its value, with or without "crit" (without
			// it, RFC 7797 §6 makes the header malformed anyway).
			if critErr == nil {
				critErr = fmt.Errorf("%w: header parameter \"b64\" (RFC 7797 unencoded payload) is not supported", ErrMalformed)
			}
		default:
			if isCaseVariantOfKnownParam(name) {
				return fmt.Errorf("%w: header parameter %+.64q differs from a registered name only in case", ErrMalformed, name)
			}
			if h.Extra == nil {
				h.Extra = make(map[string]json.RawMessage)
			}
			h.Extra[string(name)] = json.RawMessage(value[:len(value):len(value)])
		}
		return nil
	})
	if err != nil {
		if _, ok := err.(*strictjson.SyntaxError); ok {
			return Header{}, nil, fmt.Errorf("%w: header: %w", ErrMalformed, err)
		}
		return Header{}, nil, err
	}
	if !haveAlg {
		return Header{}, nil, fmt.Errorf("%w: header has no \"alg\"", ErrMalformed)
	}
	return h, critErr, nil
}

// headerString returns the content of a string-valued header parameter.
func headerString(name, value []byte) ([]byte, error) {
	s, ok := strictjson.Unquote(value, nil)
	if !ok {
		return nil, fmt.Errorf("%w: header parameter %+.64q is not a string", ErrMalformed, name)
	}
	return s, nil
}

// checkCrit refuses every "crit" (RFC 7515 §4.1.11): signet implements no
// extension that could be listed there, and an empty list is malformed.
func checkCrit(value []byte) error {
	if value[0] != '[' {
		return fmt.Errorf("%w: header parameter \"crit\" is not an array", ErrMalformed)
	}
	var names []string
	if err := json.Unmarshal(value, &names); err != nil {
		return fmt.Errorf("%w: header parameter \"crit\" is not an array of strings", ErrMalformed)
	}
	if len(names) == 0 {
		return fmt.Errorf("%w: header parameter \"crit\" is empty", ErrMalformed)
	}
	// The names come from the token: quoted in ASCII, cut at 64 bytes, and
	// only the first of a longer list, so that the error stays short.
	if len(names) == 1 {
		return fmt.Errorf("%w: header parameter \"crit\" lists %+.64q, which signet does not implement", ErrMalformed, names[0])
	}
	return fmt.Errorf("%w: header parameter \"crit\" lists %d names (the first %+.64q), which signet does not implement", ErrMalformed, len(names), names[0])
}

// internAlgorithm returns alg as an Algorithm, without allocating for the
// algorithms signet implements.
func internAlgorithm(alg []byte) Algorithm {
	switch Algorithm(alg) {
	case HS256:
		return HS256
	case HS384:
		return HS384
	case HS512:
		return HS512
	case RS256:
		return RS256
	case RS384:
		return RS384
	case RS512:
		return RS512
	case PS256:
		return PS256
	case PS384:
		return PS384
	case PS512:
		return PS512
	case ES256:
		return ES256
	case ES384:
		return ES384
	case ES512:
		return ES512
	case EdDSA:
		return EdDSA
	case Ed25519:
		return Ed25519
	case MLDSA44:
		return MLDSA44
	case MLDSA65:
		return MLDSA65
	case MLDSA87:
		return MLDSA87
	}
	return Algorithm(alg)
}

// internType returns typ as a string, without allocating for common values.
func internType(typ []byte) string {
	switch string(typ) {
	case "JWT":
		return "JWT"
	case "at+jwt":
		return "at+jwt"
	case "jwt":
		return "jwt"
	}
	return string(typ)
}

// appendHeader appends the JSON encoding of h, with alg set to alg.
func appendHeader(dst []byte, h *Header, alg Algorithm) ([]byte, error) {
	start := len(dst)
	dst = append(dst, `{"alg":`...)
	dst = strictjson.AppendString(dst, string(alg))
	for _, m := range [...]struct{ name, value string }{
		{`,"typ":`, h.Type}, {`,"cty":`, h.ContentType}, {`,"kid":`, h.KeyID},
	} {
		if m.value == "" {
			continue
		}
		if !utf8.ValidString(m.value) {
			return nil, fmt.Errorf("%w: header parameter %s is not valid UTF-8", ErrMalformed, m.name[1:len(m.name)-1])
		}
		dst = append(dst, m.name...)
		dst = strictjson.AppendString(dst, m.value)
	}
	if len(h.Extra) > 0 {
		names := make([]string, 0, len(h.Extra))
		for name := range h.Extra {
			if isKnownParam(name) || isCaseVariantOfKnownParam([]byte(name)) {
				return nil, fmt.Errorf("%w: header parameter %q cannot be set through Header.Extra", ErrMalformed, name)
			}
			if !utf8.ValidString(name) {
				return nil, fmt.Errorf("%w: header parameter name %q is not valid UTF-8", ErrMalformed, name)
			}
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			v := h.Extra[name]
			if !json.Valid(v) {
				return nil, fmt.Errorf("%w: Header.Extra[%q] is not one valid JSON value", ErrMalformed, name)
			}
			dst = append(dst, ',')
			dst = strictjson.AppendString(dst, name)
			dst = append(dst, ':')
			dst = append(dst, v...)
		}
		dst = append(dst, '}')
		// Never produce a header that Verify would refuse (a duplicate
		// member inside a value, a lone surrogate escape).
		if err := validateObject(dst[start:]); err != nil {
			return nil, fmt.Errorf("%w: Header.Extra: %w", ErrMalformed, err)
		}
		return dst, nil
	}
	return append(dst, '}'), nil
}

// validateObject checks data with strictjson.Object on a copy, so that data
// itself does not escape: appendHeader's callers encode into stack buffers.
func validateObject(data []byte) error {
	return strictjson.Object(bytes.Clone(data), nil)
}
