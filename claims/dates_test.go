package claims_test

import (
	"errors"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
)

// TestValidateExactDates pins issue 9's exact time rules on decoded claims:
// a fraction compares exactly with the clock (nothing is rounded toward
// acceptance), and a present date of 0 is 1970-01-01, never "absent".
func TestValidateExactDates(t *testing.T) {
	const farExp = `"exp":1099511627776`
	tests := []struct {
		name    string
		payload string
		v       claims.Validator
		now     func() time.Time
		wantErr error // nil means valid
	}{
		// exp = now + 0.5 s is still valid at now.
		{name: "exp=T+0.5/now=T", payload: `{"exp":1000000.5}`, now: at(1_000_000, 0)},
		{name: "exp=T+0.5/now=T+0.5-1ns", payload: `{"exp":1000000.5}`, now: at(1_000_000, 499_999_999)},
		{name: "exp=T+0.5/now=T+0.5", payload: `{"exp":1000000.5}`, now: at(1_000_000, 500_000_000), wantErr: claims.ErrExpired},
		{name: "exp=T+0.5 as exponent/now=T", payload: `{"exp":10000005e-1}`, now: at(1_000_000, 0)},
		{name: "exp=T+1e-10/now=T", payload: `{"exp":1000000.0000000001}`, now: at(1_000_000, 0)},
		{name: "exp=T+1e-10/now=T+1ns", payload: `{"exp":1000000.0000000001}`, now: at(1_000_000, 1), wantErr: claims.ErrExpired},
		{name: "exp=T+0.5/leeway 1s/now=T+1.5-1ns", payload: `{"exp":1000000.5}`, v: claims.Validator{Leeway: time.Second}, now: at(1_000_001, 499_999_999)},
		{name: "exp=T+0.5/leeway 1s/now=T+1.5", payload: `{"exp":1000000.5}`, v: claims.Validator{Leeway: time.Second}, now: at(1_000_001, 500_000_000), wantErr: claims.ErrExpired},
		{name: "exp=-0.5/now=-0.5-1ns", payload: `{"exp":-0.5}`, now: at(-1, 499_999_999)},
		{name: "exp=-0.5/now=-0.5", payload: `{"exp":-0.5}`, now: at(-1, 500_000_000), wantErr: claims.ErrExpired},
		{name: "exp=-1e-10/now=-1ns", payload: `{"exp":-0.0000000001}`, now: at(-1, 999_999_999)},
		{name: "exp=-1e-10/now=0", payload: `{"exp":-0.0000000001}`, now: at(0, 0), wantErr: claims.ErrExpired},

		// nbf = now + 0.5 s is not yet valid.
		{name: "nbf=T+0.5/now=T", payload: `{` + farExp + `,"nbf":1000000.5}`, now: at(1_000_000, 0), wantErr: claims.ErrNotYetValid},
		{name: "nbf=T+0.5/now=T+0.5-1ns", payload: `{` + farExp + `,"nbf":1000000.5}`, now: at(1_000_000, 499_999_999), wantErr: claims.ErrNotYetValid},
		{name: "nbf=T+0.5/now=T+0.5", payload: `{` + farExp + `,"nbf":1000000.5}`, now: at(1_000_000, 500_000_000)},
		{name: "nbf=T+1e-10/now=T", payload: `{` + farExp + `,"nbf":1000000.0000000001}`, now: at(1_000_000, 0), wantErr: claims.ErrNotYetValid},
		{name: "nbf=T+1e-10/now=T+1ns", payload: `{` + farExp + `,"nbf":1000000.0000000001}`, now: at(1_000_000, 1)},
		{name: "nbf=T+0.5/leeway 1s/now=T-0.5-1ns", payload: `{` + farExp + `,"nbf":1000000.5}`, v: claims.Validator{Leeway: time.Second}, now: at(999_999, 499_999_999), wantErr: claims.ErrNotYetValid},
		{name: "nbf=T+0.5/leeway 1s/now=T-0.5", payload: `{` + farExp + `,"nbf":1000000.5}`, v: claims.Validator{Leeway: time.Second}, now: at(999_999, 500_000_000)},

		// iat = now + 0.5 s is in the future.
		{name: "iat=T+0.5/now=T", payload: `{` + farExp + `,"iat":1000000.5}`, now: at(1_000_000, 0), wantErr: claims.ErrIssuedInFuture},
		{name: "iat=T+0.5/now=T+0.5-1ns", payload: `{` + farExp + `,"iat":1000000.5}`, now: at(1_000_000, 499_999_999), wantErr: claims.ErrIssuedInFuture},
		{name: "iat=T+0.5/now=T+0.5", payload: `{` + farExp + `,"iat":1000000.5}`, now: at(1_000_000, 500_000_000)},
		{name: "iat=T+1e-10/now=T", payload: `{` + farExp + `,"iat":1000000.0000000001}`, now: at(1_000_000, 0), wantErr: claims.ErrIssuedInFuture},
		{name: "iat=T+1e-10/now=T+1ns", payload: `{` + farExp + `,"iat":1000000.0000000001}`, now: at(1_000_000, 1)},

		// MaxAge from a fractional iat.
		{name: "maxage/iat=T+0.5/now=iat+60s", payload: `{` + farExp + `,"iat":1000000.5}`, v: claims.Validator{MaxAge: time.Minute}, now: at(1_000_060, 500_000_000)},
		{name: "maxage/iat=T+0.5/now=iat+60s+1ns", payload: `{` + farExp + `,"iat":1000000.5}`, v: claims.Validator{MaxAge: time.Minute}, now: at(1_000_060, 500_000_001), wantErr: claims.ErrTooOld},
		{name: "maxage/iat=T+1e-10/now=T+60s", payload: `{` + farExp + `,"iat":1000000.0000000001}`, v: claims.Validator{MaxAge: time.Minute}, now: at(1_000_060, 0)},
		{name: "maxage/iat=T+1e-10/now=T+60s+1ns", payload: `{` + farExp + `,"iat":1000000.0000000001}`, v: claims.Validator{MaxAge: time.Minute}, now: at(1_000_060, 1), wantErr: claims.ErrTooOld},

		// 0 is 1970-01-01T00:00:00Z, a present date.
		{name: "exp=0", payload: `{"exp":0}`, now: at(1_000_000, 0), wantErr: claims.ErrExpired},
		{name: "exp=0/missing expiry allowed", payload: `{"exp":0}`, v: claims.Validator{AllowMissingExpiry: true}, now: at(1_000_000, 0), wantErr: claims.ErrExpired},
		{name: "exp=-0/missing expiry allowed", payload: `{"exp":-0}`, v: claims.Validator{AllowMissingExpiry: true}, now: at(1_000_000, 0), wantErr: claims.ErrExpired},
		{name: "exp=0.0e3/missing expiry allowed", payload: `{"exp":0.0e3}`, v: claims.Validator{AllowMissingExpiry: true}, now: at(1_000_000, 0), wantErr: claims.ErrExpired},
		{name: "exp=0/now=0", payload: `{"exp":0}`, now: at(0, 0), wantErr: claims.ErrExpired},
		{name: "exp=0/now=-1ns", payload: `{"exp":0}`, now: at(-1, 999_999_999)},
		{name: "exp absent", payload: `{}`, now: at(1_000_000, 0), wantErr: claims.ErrMissing},
		{name: "exp absent/missing expiry allowed", payload: `{}`, v: claims.Validator{AllowMissingExpiry: true}, now: at(1_000_000, 0)},
		{name: "nbf=0", payload: `{` + farExp + `,"nbf":0}`, now: at(1_000_000, 0)},
		{name: "nbf=0/now=-1ns", payload: `{` + farExp + `,"nbf":0}`, now: at(-1, 999_999_999), wantErr: claims.ErrNotYetValid},
		{name: "iat=0", payload: `{` + farExp + `,"iat":0}`, now: at(1_000_000, 0)},
		{name: "nbf=0,iat=0 (Keycloak)", payload: `{` + farExp + `,"nbf":0,"iat":0}`, now: at(1_000_000, 0)},
		{name: "iat=0/now=-1ns", payload: `{` + farExp + `,"iat":0}`, now: at(-1, 999_999_999), wantErr: claims.ErrIssuedInFuture},
		{name: "iat=0/maxage", payload: `{` + farExp + `,"iat":0}`, v: claims.Validator{MaxAge: time.Hour}, now: at(1_000_000, 0), wantErr: claims.ErrTooOld},
		{name: "iat=0/maxage/now=1h", payload: `{` + farExp + `,"iat":0}`, v: claims.Validator{MaxAge: time.Hour}, now: at(3600, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r claims.Registered
			if err := claims.Decode([]byte(tt.payload), &r); err != nil {
				t.Fatalf("Decode(%s) = %v", tt.payload, err)
			}
			v := tt.v
			v.Now = tt.now
			err := v.Validate(&r)
			if tt.wantErr == nil {
				if err != nil {
					t.Errorf("Validate(%s) at %v = %v, want nil", tt.payload, tt.now(), err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Validate(%s) at %v = %v, want %v", tt.payload, tt.now(), err, tt.wantErr)
			}
		})
	}
}

// dateOf returns the NumericDate the JSON number s decodes to.
func dateOf(s string) claims.NumericDate {
	var d claims.NumericDate
	if err := d.UnmarshalJSON([]byte(s)); err != nil {
		panic(err)
	}
	return d
}
