package jwt_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// TestVerifyDates pins issue 9's date rules through jwt.Verify: a present
// date of 0 is 1970-01-01 (so "exp":0 has expired, even when a missing
// expiry is allowed, and "nbf":0 and "iat":0 verify), and fractions compare
// exactly with the clock.
func TestVerifyDates(t *testing.T) {
	k := hmacKey(t)
	T := now.Unix()
	opts := func(allowMissingExpiry bool) *jwt.VerifyOptions {
		o := strictOptions()
		o.Claims.AllowMissingExpiry = allowMissingExpiry
		return o
	}
	tests := []struct {
		name     string
		dates    string // the date members of the claims
		noExpiry bool   // AllowMissingExpiry
		want     error  // nil means the token verifies
	}{
		{name: "nbf=0,iat=0", dates: fmt.Sprintf(`"exp":%d,"nbf":0,"iat":0`, T+60)},
		{name: "exp=0", dates: `"exp":0`, want: claims.ErrExpired},
		{name: "exp=0, missing expiry allowed", dates: `"exp":0`, noExpiry: true, want: claims.ErrExpired},
		{name: "exp=0.0, missing expiry allowed", dates: `"exp":0.0`, noExpiry: true, want: claims.ErrExpired},
		{name: "exp absent, missing expiry allowed", dates: `"nbf":0`, noExpiry: true},
		{name: "exp absent", dates: `"nbf":0`, want: claims.ErrMissing},
		{name: "exp=now+0.5s", dates: fmt.Sprintf(`"exp":%d.5`, T)},
		{name: "exp=now", dates: fmt.Sprintf(`"exp":%d`, T), want: claims.ErrExpired},
		{name: "nbf=now+0.5s", dates: fmt.Sprintf(`"exp":%d,"nbf":%d.5`, T+60, T), want: claims.ErrNotYetValid},
		{name: "nbf=now", dates: fmt.Sprintf(`"exp":%d,"nbf":%d`, T+60, T)},
		{name: "iat=now+0.5s", dates: fmt.Sprintf(`"exp":%d,"iat":%d.5`, T+60, T), want: claims.ErrIssuedInFuture},
		{name: "iat=now+1e-10s", dates: fmt.Sprintf(`"exp":%d,"iat":%d.0000000001`, T+60, T), want: claims.ErrIssuedInFuture},
		{name: "iat=now", dates: fmt.Sprintf(`"exp":%d,"iat":%d`, T+60, T)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := rawJWT(t, k, jws.Header{}, fmt.Sprintf(`{"iss":%q,"aud":"api",%s}`, issuer, tt.dates))
			got, err := jwt.Verify[userClaims](k, tok, opts(tt.noExpiry))
			if tt.want == nil {
				if err != nil || got == nil {
					t.Errorf("Verify(%s) = %v, %v, want claims", tt.dates, got, err)
				}
				return
			}
			if !errors.Is(err, tt.want) || got != nil {
				t.Errorf("Verify(%s) = %v, %v, want nil, %v", tt.dates, got, err, tt.want)
			}
		})
	}
}
