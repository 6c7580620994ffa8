package jwk

import (
	"errors"
	"fmt"
	"strings"

	"github.com/signet-go/signet/jws"
)

// jwkError is an error of this package: its message starts with "jwk: "
// and it wraps a sentinel of package jws and, when there is one, the
// error that caused it.
type jwkError struct {
	msg  string
	errs []error
}

func (e *jwkError) Error() string   { return e.msg }
func (e *jwkError) Unwrap() []error { return e.errs }

// errorf returns an error wrapping sentinel, one of jws's, and whatever
// format wraps with %w, reading "jwk: <sentinel>: <format>".
func errorf(sentinel error, format string, args ...any) error {
	detail := fmt.Errorf(format, args...)
	return &jwkError{
		msg:  "jwk: " + trimPrefix(sentinel.Error()) + ": " + detail.Error(),
		errs: []error{sentinel, detail},
	}
}

// relabel returns err, an error of package jws, with the "jwk: " prefix of
// this package's errors; it still wraps what err wraps.
func relabel(err error) error {
	if err == nil || strings.HasPrefix(err.Error(), "jwk: ") {
		return err
	}
	return &jwkError{msg: "jwk: " + trimPrefix(err.Error()), errs: []error{err}}
}

// trimPrefix returns an error message without its "jws: " or "jwk: "
// prefix.
func trimPrefix(msg string) string {
	if m, ok := strings.CutPrefix(msg, "jws: "); ok {
		return m
	}
	return strings.TrimPrefix(msg, "jwk: ")
}

// asInvalidKey returns err, a constructor's refusal of a JWK's key, as an
// error wrapping jws.ErrInvalidKey.
func asInvalidKey(err error) error {
	if errors.Is(err, jws.ErrInvalidKey) {
		return relabel(err)
	}
	return &jwkError{msg: "jwk: invalid key: " + trimPrefix(err.Error()), errs: []error{jws.ErrInvalidKey, err}}
}

// nonNil returns s as a jws.Signer, or a nil Signer (not a typed nil
// pointer) with err.
func nonNil[S jws.Signer](s S, err error) (jws.Signer, error) {
	if err != nil {
		return nil, relabel(err)
	}
	return s, nil
}

// nonNilVerifier returns v as a jws.Verifier, or a nil Verifier (not a
// typed nil pointer) with err.
func nonNilVerifier[V jws.Verifier](v V, err error) (jws.Verifier, error) {
	if err != nil {
		return nil, relabel(err)
	}
	return v, nil
}
