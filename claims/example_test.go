package claims_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/signet-go/signet/claims"
)

// MyClaims is a claims type of an application: the registered claims and
// two private ones.
type MyClaims struct {
	claims.Registered
	Name  string `json:"name,omitempty"`
	Admin bool   `json:"admin,omitempty"`
}

// A struct embedding Registered holds the registered claims and the
// application's own, in one flat JSON object.
func Example_customClaims() {
	issued := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	c := MyClaims{
		Registered: claims.Registered{
			Issuer:    "https://auth.example.com",
			Subject:   "user-42",
			Audience:  claims.Audience{"https://api.example.com"},
			IssuedAt:  claims.NewNumericDate(issued),
			ExpiresAt: claims.NewNumericDate(issued.Add(15 * time.Minute)),
		},
		Name:  "Alice",
		Admin: true,
	}
	payload, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", payload)

	var decoded MyClaims
	if err := claims.Decode(payload, &decoded); err != nil {
		panic(err)
	}
	fmt.Println(decoded.Subject, decoded.Name, decoded.Admin, decoded.ExpiresAt.Time())
	// Output:
	// {"iss":"https://auth.example.com","sub":"user-42","aud":"https://api.example.com","exp":1714565700,"iat":1714564800,"name":"Alice","admin":true}
	// user-42 Alice true 2024-05-01 12:15:00 +0000 UTC
}

// Decode refuses what plain encoding/json would let through: a member that
// matches a field only when case is ignored, and duplicates.
func ExampleDecode() {
	for _, payload := range []string{
		`{"sub":"user-42","exp":1714565700}`,
		`{"SUB":"admin","exp":1714565700}`,
		`{"sub":"user-42","sub":"admin"}`,
		`{"exp":"tomorrow"}`,
	} {
		var c MyClaims
		err := claims.Decode([]byte(payload), &c)
		fmt.Printf("%q %v %v\n", c.Subject, errors.Is(err, claims.ErrMalformed), err)
	}
	// Output:
	// "user-42" false <nil>
	// "" true claims: malformed claims: member "SUB" matches field "sub" only when case is ignored
	// "" true claims: malformed claims: strictjson: duplicate member name "sub" at offset 17
	// "" true claims: exp: malformed claims: NumericDate: want a JSON number, got a string
}

// A Validator for a service that accepts tokens from one issuer, meant for
// it, with a minute of clock skew tolerated.
func ExampleValidator() {
	v := claims.Validator{
		Issuer:   "https://auth.example.com",
		Audience: "https://api.example.com",
		Leeway:   time.Minute,
		// A fixed clock for the example; leave Now nil to use time.Now.
		Now: func() time.Time { return time.Date(2024, 5, 1, 12, 10, 0, 0, time.UTC) },
	}
	r := &claims.Registered{
		Issuer:    "https://auth.example.com",
		Audience:  claims.Audience{"https://api.example.com", "https://billing.example.com"},
		IssuedAt:  claims.UnixDate(1714564800), // 12:00
		ExpiresAt: claims.UnixDate(1714565700), // 12:15
	}
	fmt.Println(v.Validate(r))

	r.Issuer = "https://evil.example"
	fmt.Println(v.Validate(r))

	r.Issuer = "https://auth.example.com"
	r.Audience = claims.Audience{"https://billing.example.com"}
	fmt.Println(v.Validate(r))

	v.Audience = "" // now the service expects no audience at all
	fmt.Println(v.Validate(r))
	// Output:
	// <nil>
	// claims: iss: issuer "https://evil.example" is not "https://auth.example.com"
	// claims: aud: audience ["https://billing.example.com"] does not include "https://api.example.com"
	// claims: aud: the token names audience ["https://billing.example.com"] and none is expected (RFC 7519 §4.1.3); set Validator.Audience to this service's audience
}

// A multi-tenant service accepts tokens from each tenant's issuer, and is
// known by two audience names while clients move to the new one: any one
// issuer and any one audience of the lists is enough.
func ExampleValidator_several() {
	v := claims.Validator{
		Issuers:   []string{"https://login.example/tenant-a", "https://login.example/tenant-b"},
		Audiences: []string{"https://api.example", "api-legacy"},
		Now:       func() time.Time { return time.Date(2024, 5, 1, 12, 10, 0, 0, time.UTC) },
	}
	exp := claims.UnixDate(1714565700) // 12:15
	for _, r := range []claims.Registered{
		{Issuer: "https://login.example/tenant-b", Audience: claims.Audience{"api-legacy"}, ExpiresAt: exp},
		{Issuer: "https://login.example/tenant-c", Audience: claims.Audience{"api-legacy"}, ExpiresAt: exp},
		{Issuer: "https://login.example/tenant-a", Audience: claims.Audience{"https://billing.example"}, ExpiresAt: exp},
	} {
		fmt.Println(v.Validate(&r))
	}
	// Output:
	// <nil>
	// claims: iss: issuer "https://login.example/tenant-c" is not one of ["https://login.example/tenant-a", "https://login.example/tenant-b"]
	// claims: aud: audience ["https://billing.example"] does not include any of ["https://api.example", "api-legacy"]
}

// One switch over the sentinels decides what to tell the client.
func ExampleValidator_Validate_errors() {
	errRevoked := errors.New("session revoked")
	v := claims.Validator{
		Now: func() time.Time { return time.Unix(1714565000, 0) },
		CheckID: func(jti string) error {
			if jti == "logged-out" {
				return errRevoked
			}
			return nil
		},
	}
	for _, r := range []claims.Registered{
		{ExpiresAt: claims.UnixDate(1714565700), ID: "fresh"},
		{ExpiresAt: claims.UnixDate(1714564900), ID: "fresh"},
		{ExpiresAt: claims.UnixDate(1714565700), NotBefore: claims.UnixDate(1714565600), ID: "fresh"},
		{ExpiresAt: claims.UnixDate(1714565700), ID: "logged-out"},
		{ExpiresAt: claims.UnixDate(1714565700)},
		{ID: "fresh"},
	} {
		err := v.Validate(&r)
		switch {
		case err == nil:
			fmt.Println("ok")
		case errors.Is(err, claims.ErrExpired):
			fmt.Println("expired: refresh the token:", err)
		case errors.Is(err, claims.ErrNotYetValid):
			fmt.Println("not yet valid: check the clocks:", err)
		case errors.Is(err, errRevoked):
			fmt.Println("revoked: sign in again:", err)
		case errors.Is(err, claims.ErrMissing):
			fmt.Println("incomplete token:", err)
		default:
			fmt.Println("rejected:", err)
		}
	}
	// Output:
	// ok
	// expired: refresh the token: claims: exp: token expired at 2024-05-01T12:01:40Z, 1m40s before now (leeway 0s)
	// not yet valid: check the clocks: claims: nbf: token is not valid before 2024-05-01T12:13:20Z, 10m0s after now (leeway 0s)
	// revoked: sign in again: claims: jti: token ID "logged-out" rejected: session revoked
	// incomplete token: claims: jti: missing claim: required by CheckID
	// incomplete token: claims: exp: missing claim
}

// Get reads claims not known at compile time from a Set, typed.
func ExampleGet() {
	payload := []byte(`{"sub":"user-42","exp":1714565700,"https://example.com/tenant":"acme","quota":9007199254740993,"roles":["reader","writer"],"extra":{"n":1.5}}`)
	var s claims.Set
	if err := claims.Decode(payload, &s); err != nil {
		panic(err)
	}
	tenant, err := claims.Get[string](s, "https://example.com/tenant")
	fmt.Println(tenant, err)
	quota, err := claims.Get[int64](s, "quota") // exact: no float64 in between
	fmt.Println(quota, err)
	roles, err := claims.Get[[]string](s, "roles")
	fmt.Println(roles, err)
	extra, err := claims.Get[any](s, "extra") // numbers in interfaces are json.Number
	fmt.Printf("%#v %v\n", extra, err)
	_, err = claims.Get[int64](s, "roles")
	fmt.Println(err)
	_, err = claims.Get[string](s, "email")
	fmt.Println(errors.Is(err, claims.ErrMissing), err)

	r, err := s.Registered()
	fmt.Println(r.Subject, r.ExpiresAt, err)
	// Output:
	// acme <nil>
	// 9007199254740993 <nil>
	// [reader writer] <nil>
	// map[string]interface {}{"n":"1.5"} <nil>
	// claims: roles: malformed claims: want a number, got an array
	// true claims: email: missing claim
	// user-42 1714565700 <nil>
}

func ExampleNumericDate() {
	var r claims.Registered
	if err := claims.Decode([]byte(`{"exp":1714565700.75,"nbf":0}`), &r); err != nil {
		panic(err)
	}
	fmt.Println(r.ExpiresAt, r.ExpiresAt.Time())
	fmt.Println(r.NotBefore, r.NotBefore.IsZero(), r.NotBefore.Time()) // 0 is a date
	fmt.Println(r.IssuedAt, r.IssuedAt.IsZero())                       // absent

	// Dates made in Go are whole seconds; absent ones are left out.
	out, err := json.Marshal(claims.Registered{
		ExpiresAt: claims.NewNumericDate(time.Date(2024, 5, 1, 12, 15, 0, 999, time.UTC)),
		NotBefore: claims.UnixDate(0),
	})
	fmt.Println(string(out), err)
	// Output:
	// 1714565700.75 2024-05-01 12:15:00.75 +0000 UTC
	// 0 false 1970-01-01 00:00:00 +0000 UTC
	// absent true
	// {"exp":1714565700,"nbf":0} <nil>
}

// A claims type whose own field hides a registered claim is refused: the
// token's "aud" would land in Aud and never be validated.
func ExampleMarshal() {
	type Shadowing struct {
		claims.Registered
		Aud string `json:"aud"`
	}
	_, err := claims.Marshal(Shadowing{Aud: "api"})
	fmt.Println(err)

	out, err := claims.Marshal(MyClaims{Registered: claims.Registered{Subject: "ada"}, Admin: true})
	fmt.Println(string(out), err)
	// Output:
	// claims: claims type claims_test.Shadowing: field Aud (JSON name "aud") hides the registered claim "aud" of the embedded claims.Registered, which would then never be validated; remove the field or give it another JSON name
	// {"sub":"ada","admin":true} <nil>
}

// AppendMarshal encodes into a buffer of the caller's, here one on the
// stack, and refuses what Decode would refuse.
func ExampleAppendMarshal() {
	var buf [256]byte
	c := MyClaims{Registered: claims.Registered{Issuer: "https://auth.example", Audience: claims.Audience{"api"}, ExpiresAt: claims.UnixDate(1714565700)}, Name: "Ada"}
	out, err := claims.AppendMarshal(buf[:0], &c)
	fmt.Println(string(out), err)

	_, err = claims.AppendMarshal(nil, []string{"not", "an", "object"})
	fmt.Println(errors.Is(err, claims.ErrMalformed))
	// Output:
	// {"iss":"https://auth.example","aud":"api","exp":1714565700,"name":"Ada"} <nil>
	// true
}

// Claims not known at compile time: the registered claims land in the
// embedded Registered, to validate, and the others stay raw JSON for Get.
// jwt.Verify[claims.Dynamic] does this in one call, after the signature.
func ExampleDynamic() {
	payload := []byte(`{"sub":"ada","exp":1714565700,"tenant":"acme","seats":12}`)
	var c claims.Dynamic
	if err := claims.Decode(payload, &c); err != nil {
		fmt.Println(err)
		return
	}
	tenant, _ := claims.Get[string](c.Extra, "tenant")
	seats, _ := claims.Get[int](c.Extra, "seats")
	fmt.Println(c.Subject, c.ExpiresAt, tenant, seats)

	// Encoding puts them back into one flat object.
	c.Extra["seats"] = json.RawMessage(`13`)
	out, err := json.Marshal(c)
	fmt.Println(string(out), err)

	// The strict rules hold: "SUB" is not "sub".
	err = claims.Decode([]byte(`{"SUB":"ada"}`), &c)
	fmt.Println(errors.Is(err, claims.ErrMalformed))
	// Output:
	// ada 1714565700 acme 12
	// {"sub":"ada","exp":1714565700,"seats":13,"tenant":"acme"} <nil>
	// true
}
