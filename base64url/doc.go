// Package base64url implements strict unpadded base64url, the encoding of
// RFC 4648 §5 without padding, which JWS (RFC 7515 §2) and JWT use for every
// part of a compact token.
//
// For most use cases, use [EncodeToString] and [DecodeString]; on hot paths,
// [AppendEncode] and [AppendDecode] into a reused buffer allocate nothing.
//
// # Strictness
//
// RFC 7515 §2 defines base64url as the URL- and filename-safe alphabet with
// all trailing '=' characters omitted, "without the inclusion of any line
// breaks, whitespace, or other additional characters". This package accepts
// exactly that and nothing more, so that every byte string has exactly one
// accepted encoding. Decoding refuses:
//
//   - padding ('='), the standard alphabet's '+' and '/', CR, LF, spaces
//     and every other byte outside A–Z, a–z, 0–9, '-' and '_';
//   - an input of length 4k+1, whose last character encodes no whole byte;
//   - a final character whose unused low bits are not zero: "Zg" decodes to
//     "f", and "Zh", which a lenient decoder also maps to "f", is refused.
//
// Every refusal is a [CorruptInputError] holding the offset of the first bad
// byte; its documentation defines that offset for each case.
//
// # Why one encoding per token
//
// A signature covers the encoded bytes, yet applications compare, cache,
// log and deny-list tokens by their text. If a decoder accepted several
// spellings of the same header, payload or signature, one signed token could
// be turned into many distinct strings that all verify, defeating replay
// caches, jti and revocation lists, and confusing anything keyed on the
// token text. encoding/base64's RawURLEncoding.Strict() still skips CR and
// LF; this package does not. Refusing everything but the canonical encoding
// keeps a token and its meaning in one-to-one correspondence.
//
// # Errors and partial results
//
// On error nothing half-built is returned: [Decode] returns n == 0, and
// [AppendDecode] and [DecodeString] return nil. Every Append function of
// signet that can fail (this package's AppendDecode, jws.AppendSign,
// jwt.AppendSign, claims.AppendMarshal, the AppendSignature methods of the
// jws signers) returns nil with its error, never dst or a partial result; the caller that
// reuses a buffer keeps its own reference to it:
//
//	out, err := base64url.AppendDecode(buf[:0], src)
//	if err != nil {
//		return err // buf is still the caller's
//	}
//	buf = out
package base64url
