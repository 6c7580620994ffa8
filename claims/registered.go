package claims

// Registered holds the seven registered claims of RFC 7519 §4.1. Embed it in
// a struct of your own to add public and private claims:
//
//	type MyClaims struct {
//		claims.Registered
//		Name  string `json:"name,omitempty"`
//		Admin bool   `json:"admin,omitempty"`
//	}
//
// The embedding struct then has a RegisteredClaims method, which is what
// the jwt package asks of a claims type, and its JSON form is flat: the
// registered claims sit beside the others in one object.
//
// Registered has no JSON methods of its own (they would be promoted to every
// struct that embeds it); its fields carry the JSON names, and [Decode]
// applies the strict rules. In [Decode], a registered claim whose value is
// null is malformed. An absent date is the zero [NumericDate], left out of
// the JSON form by the omitzero tags; a date of 0 is present and encoded.
type Registered struct {
	// Issuer is "iss", the principal that issued the token (RFC 7519
	// §4.1.1), compared case-sensitively.
	Issuer string `json:"iss,omitempty"`
	// Subject is "sub", the principal the token is about (RFC 7519 §4.1.2),
	// unique within the issuer's namespace.
	Subject string `json:"sub,omitempty"`
	// Audience is "aud", the recipients the token is intended for
	// (RFC 7519 §4.1.3). A recipient that is not listed must reject it.
	Audience Audience `json:"aud,omitempty"`
	// ExpiresAt is "exp", the time on or after which the token must not be
	// accepted (RFC 7519 §4.1.4).
	ExpiresAt NumericDate `json:"exp,omitzero"`
	// NotBefore is "nbf", the time before which the token must not be
	// accepted (RFC 7519 §4.1.5).
	NotBefore NumericDate `json:"nbf,omitzero"`
	// IssuedAt is "iat", the time the token was issued (RFC 7519 §4.1.6).
	IssuedAt NumericDate `json:"iat,omitzero"`
	// ID is "jti", a unique identifier for the token (RFC 7519 §4.1.7),
	// used to detect replay and to revoke single tokens.
	ID string `json:"jti,omitempty"`
}

// RegisteredClaims returns r. Through embedding it gives any struct that
// embeds Registered this method, which is how the jwt package finds the
// registered claims of a caller's claims type to validate them.
func (r *Registered) RegisteredClaims() *Registered { return r }
