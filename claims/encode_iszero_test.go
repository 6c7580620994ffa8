package claims_test

import (
	"encoding/json"
	"testing"

	"github.com/signet-go/signet/claims"
)

type (
	// zeroRole and zeroLevel have IsZero methods, which encoding/json's
	// omitzero calls instead of comparing with the zero value: "none" and
	// -1 are zero, "" and 0 are not. zeroLevel's is on the pointer.
	zeroRole  string
	zeroLevel int
	// isZeroClaims has omitzero fields of those types.
	isZeroClaims struct {
		claims.Registered
		Role  zeroRole  `json:"role,omitzero"`
		Level zeroLevel `json:"level,omitzero"`
	}
)

func (r zeroRole) IsZero() bool   { return r == "none" }
func (l *zeroLevel) IsZero() bool { return *l == -1 }

// TestMarshalOmitZeroUsesIsZero checks that Marshal and AppendMarshal omit
// an omitzero field as encoding/json does, by the field type's IsZero
// method (on the value or the pointer) when it has one.
func TestMarshalOmitZeroUsesIsZero(t *testing.T) {
	r := claims.Registered{Issuer: "iss", ExpiresAt: claims.UnixDate(1700000000)}
	for _, v := range []isZeroClaims{
		{Registered: r, Role: "none", Level: -1},
		{Registered: r, Role: "", Level: 0},
		{Registered: r, Role: "admin", Level: 3},
	} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := claims.Marshal(v); err != nil || string(got) != string(want) {
			t.Errorf("Marshal(%+v) = %s, %v; encoding/json: %s", v, got, err, want)
		}
		if got, err := claims.AppendMarshal(nil, &v); err != nil || string(got) != string(want) {
			t.Errorf("AppendMarshal(%+v) = %s, %v; encoding/json: %s", v, got, err, want)
		}
	}
}
