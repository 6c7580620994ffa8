// Package claims implements the claims of a JSON Web Token (RFC 7519 §4):
// the registered claims and their validation, public and private claims, and
// the strict decoding of a claims set.
//
// For most uses, call the jwt package: its Verify checks a token's signature,
// then decodes the claims with [Decode] and checks them with a [Validator].
// This package is for defining claims types and configuring validation, and
// for the rare program that handles claims on its own. It verifies nothing:
// claims from a token whose signature has not been checked are only what
// someone wrote.
//
// # The registered claims
//
// [Registered] holds the seven claims RFC 7519 §4.1 defines. All are
// optional in a token; the [Validator] decides which it requires.
//
//   - "iss" (Issuer, RFC 7519 §4.1.1): who issued the token, a
//     case-sensitive string, usually the issuer's URL.
//   - "sub" (Subject, RFC 7519 §4.1.2): whom the token is about, unique
//     within the issuer, such as a user ID.
//   - "aud" (Audience, RFC 7519 §4.1.3): the recipients the token is meant
//     for; a recipient not listed must reject it. One string or an array of
//     strings: see [Audience].
//   - "exp" (ExpiresAt, RFC 7519 §4.1.4): the time on or after which the
//     token must be rejected.
//   - "nbf" (NotBefore, RFC 7519 §4.1.5): the time before which the token
//     must be rejected.
//   - "iat" (IssuedAt, RFC 7519 §4.1.6): when the token was issued, which
//     bounds its age.
//   - "jti" (ID, RFC 7519 §4.1.7): a unique identifier for the token, to
//     detect replays and to revoke one token.
//
// Times are [NumericDate] values: seconds since the Unix epoch, kept
// exactly with any fraction they were sent with. The zero NumericDate means
// absent; 0, 1970-01-01T00:00:00Z, is a real date.
//
// # Public and private claims
//
// Define a struct that embeds [Registered] and adds fields with json tags;
// it encodes as one flat JSON object and decodes back with [Decode]:
//
//	type MyClaims struct {
//		claims.Registered
//		Tenant string   `json:"https://example.com/tenant,omitempty"` // public: collision-resistant
//		Roles  []string `json:"roles,omitempty"`                      // private: agreed with the consumers
//	}
//
// For claims not known at compile time, verify into a [Dynamic] (the
// registered claims, validated, and the others as a [Set]) or decode into a
// Set, and read them with [Get], which returns typed values: an integer
// claim as an int64, not a float64 that rounds above 2^53.
//
// RFC 7519 §4.2 asks that public claim names, meant for anyone, be
// registered with IANA or be collision-resistant, such as a URI in a domain
// you control. Private claim names (RFC 7519 §4.3) are agreed between
// producer and consumer and may be short, at the risk of collisions. And
// whatever the name: a signed token is not encrypted. Anyone who holds it can
// decode every claim, so nothing secret belongs in a payload.
//
// # Strict decoding
//
// [Decode] accepts what encoding/json's Unmarshal decodes, with the same
// result, minus everything ambiguous, so that two programs reading the same
// token cannot see different claims. It refuses, with [ErrMalformed],
// duplicate member names at any depth, a member whose name matches a field
// only when case is ignored ("ISS" for "iss", "ſub" for "sub"), invalid
// UTF-8, lone surrogates, a byte-order mark, nesting deeper than 32 levels
// inside the claims object, anything after the object, and a registered
// claim that is null or of the wrong type. A claims type whose own field
// hides a registered claim of its embedded Registered is refused. On error
// the destination is left zero, never half decoded.
//
// # Validation
//
// The zero [Validator] is the strict default: "exp" is required, and "exp",
// "nbf" and "iat" are checked against the current time; a token with an
// "aud" is refused, since no audience is expected (set Validator.Audience to
// accept tokens meant for your service). Issuer, Subject, MaxAge and CheckID
// only add requirements; Leeway widens the time checks, Audience admits
// tokens naming that audience, and AllowMissingExpiry drops the "exp"
// requirement.
//
// [Validator.Validate] runs its checks in this order and reports the first
// failure: exp, nbf, iat, max age, iss, sub, aud, jti.
//
// Time is compared exactly, with now at nanosecond precision and each date
// with the fraction it was sent with (even one finer than a nanosecond),
// widened by Leeway; nothing is rounded toward acceptance:
//
//   - exp: the token is valid while now < exp + Leeway. At exp exactly it
//     has expired; with exp = 100 s, 99.5 s is valid and 100 s is not; with
//     exp = 100.5 s, 100 s is still valid.
//   - nbf: the token is valid once now >= nbf - Leeway; with nbf = 100.5 s,
//     100 s is too early.
//   - iat: the token is rejected when iat > now + Leeway; with
//     iat = 100.5 s, 100 s is too early.
//   - MaxAge: iat is required, and now - iat <= MaxAge + Leeway must hold.
//
// Leeway tolerates clock skew between issuer and verifier; keep it small (a
// minute or less). Negative Leeway or MaxAge values are refused, and the
// arithmetic saturates, so no date or duration can overflow into a pass.
// A date of 0 is 1970-01-01T00:00:00Z, not an absent date: "exp":0 has
// expired even with AllowMissingExpiry, and "nbf":0 and "iat":0 pass.
//
// # Errors
//
// Every error about a token wraps one sentinel, tested with [errors.Is],
// names the claim when it is known, and says what the token held and what
// was expected:
//
//	claims: exp: token expired at 2026-12-02T10:00:00Z, 31s before now (leeway 0s)
//	claims: iss: issuer "https://a.example" is not "https://b.example"
//	claims: aud: missing claim: want audience "api"
//	claims: iss: malformed claims: want a string, got a number
//
// Values from the token are escaped and cut to a bounded length, so that
// a hostile token cannot forge or flood log lines. A rejection by CheckID
// also wraps the error CheckID returned. [ErrMalformed] covers every
// decoding failure.
package claims
