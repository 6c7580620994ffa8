package claims

import (
	"encoding/json"
	"slices"

	"github.com/signet-go/signet/internal/strictjson"
)

// Dynamic is a claims type for tokens whose claims are not known at compile
// time, as in gateways, debuggers and multi-tenant services. It holds the
// registered claims, which a [Validator] checks, and every other member of
// the claims set as raw JSON, for [Get]:
//
//	c, err := jwt.Verify[claims.Dynamic](verifier, token, opts)
//	if err != nil {
//		return err
//	}
//	tenant, err := claims.Get[string](c.Extra, "tenant")
//
// A *Dynamic satisfies the jwt package's Claims interface, so verifying
// into it keeps every check of jwt.Verify ("typ" included) in one call.
//
// Decoding is as strict as [Decode] into a [Set] followed by
// [Set.Registered]: a duplicate or case-variant member name, a registered
// claim that is null or of the wrong type, or any other break of the strict
// JSON rules is an error wrapping [ErrMalformed], and nothing half-decoded
// is kept. Dynamic decodes this way through [Decode] and through
// encoding/json alike.
//
// Dynamic has JSON methods of its own: do not embed it in another struct
// (they would be promoted and decode the whole struct); embed [Registered]
// instead.
type Dynamic struct {
	Registered
	// Extra holds the members of the claims set other than the seven
	// registered ones, by name, as raw JSON. Read one with Get. When
	// encoding, a registered name in Extra is an error: set the field of
	// Registered instead.
	Extra Set
}

// registeredNames returns the JSON names of the registered claims.
func registeredNames() [7]string {
	return [7]string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti"}
}

// UnmarshalJSON implements [encoding/json.Unmarshaler], with the strict
// rules described at [Dynamic]. On error d is set to the zero Dynamic.
func (d *Dynamic) UnmarshalJSON(data []byte) error {
	*d = Dynamic{}
	var s Set
	if err := Decode(data, &s); err != nil {
		return err
	}
	r, err := s.Registered()
	if err != nil {
		return err
	}
	for _, name := range registeredNames() {
		delete(s, name)
	}
	*d = Dynamic{Registered: *r, Extra: s}
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler]: the registered claims
// as [Registered] encodes them, followed by the members of Extra in the
// order of their names. It refuses, with an error wrapping [ErrMalformed],
// a member of Extra whose name is a registered claim's, or whose value is
// not one strictly valid JSON value, and any result that UnmarshalJSON
// would refuse (such as a name in Extra that matches a registered claim's
// only when case is ignored).
func (d Dynamic) MarshalJSON() ([]byte, error) {
	out, err := json.Marshal(d.Registered)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(d.Extra))
	for name := range d.Extra {
		names = append(names, name)
	}
	slices.Sort(names)
	registered := registeredNames()
	for _, name := range names {
		if slices.Contains(registered[:], name) {
			return nil, &claimError{claim: name, err: ErrMalformed, detail: "a registered claim in Dynamic.Extra; set it in Dynamic.Registered"}
		}
	}
	out = out[:len(out)-1] // without the closing brace
	var scratch []byte
	for _, name := range names {
		value, err := validValue(d.Extra[name], &scratch)
		if err != nil {
			return nil, inClaim(name, err)
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = strictjson.AppendString(out, name)
		out = append(out, ':')
		out = append(out, value...)
	}
	out = append(out, '}')
	// What Dynamic encodes, it decodes: this refuses what the strict
	// rules would, such as a name in Extra that is a case variant of a
	// registered one ("ISS").
	var check Dynamic
	if err := check.UnmarshalJSON(out); err != nil {
		return nil, err
	}
	return out, nil
}
