package claims_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
)

// at returns a clock stopped at sec seconds plus nsec nanoseconds after the
// Unix epoch.
func at(sec, nsec int64) func() time.Time {
	return func() time.Time { return time.Unix(sec, nsec) }
}

// far is an expiry far in the future, for tests about other claims.
var far = claims.UnixDate(1 << 40)

func TestValidateTimeBoundaries(t *testing.T) {
	const T = 1_000_000
	tests := []struct {
		name    string
		r       claims.Registered
		v       claims.Validator
		now     func() time.Time
		wantErr error // nil means valid
	}{
		// exp: valid only while now < exp + leeway.
		{name: "exp/now=exp-1", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, now: at(T-1, 0)},
		{name: "exp/now=exp-1ns", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, now: at(T-1, 999_999_999)},
		{name: "exp/now=exp-0.5s", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, now: at(T-1, 500_000_000)},
		{name: "exp/now=exp", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, now: at(T, 0), wantErr: claims.ErrExpired},
		{name: "exp/now=exp+1ns", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, now: at(T, 1), wantErr: claims.ErrExpired},
		{name: "exp/now=exp+1", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, now: at(T+1, 0), wantErr: claims.ErrExpired},
		{name: "exp/leeway/now=exp+leeway-1", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T+9, 0)},
		{name: "exp/leeway/now=exp+leeway-1ns", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T+9, 999_999_999)},
		{name: "exp/leeway/now=exp+leeway", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T+10, 0), wantErr: claims.ErrExpired},
		{name: "exp/leeway/now=exp+leeway+1", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T+11, 0), wantErr: claims.ErrExpired},
		{name: "exp/sub-second leeway", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 1500 * time.Millisecond}, now: at(T+1, 499_999_999)},
		{name: "exp/sub-second leeway/at bound", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 1500 * time.Millisecond}, now: at(T+1, 500_000_000), wantErr: claims.ErrExpired},
		{name: "exp/negative", r: claims.Registered{ExpiresAt: claims.UnixDate(-1)}, now: at(T, 0), wantErr: claims.ErrExpired},
		{name: "exp/before 1970, now too", r: claims.Registered{ExpiresAt: claims.UnixDate(-100)}, now: at(-101, 0)},

		// exp is required unless AllowMissingExpiry.
		{name: "exp/missing", now: at(T, 0), wantErr: claims.ErrMissing},
		{name: "exp/missing allowed", v: claims.Validator{AllowMissingExpiry: true}, now: at(T, 0)},
		{name: "exp/present though missing allowed", r: claims.Registered{ExpiresAt: claims.UnixDate(T)}, v: claims.Validator{AllowMissingExpiry: true}, now: at(T, 0), wantErr: claims.ErrExpired},

		// nbf: valid once now >= nbf - leeway.
		{name: "nbf/now=nbf-1", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(T)}, now: at(T-1, 0), wantErr: claims.ErrNotYetValid},
		{name: "nbf/now=nbf-1ns", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(T)}, now: at(T-1, 999_999_999), wantErr: claims.ErrNotYetValid},
		{name: "nbf/now=nbf", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(T)}, now: at(T, 0)},
		{name: "nbf/now=nbf+1", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(T)}, now: at(T+1, 0)},
		{name: "nbf/leeway/now=nbf-leeway-1", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T-11, 0), wantErr: claims.ErrNotYetValid},
		{name: "nbf/leeway/now=nbf-leeway-1ns", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T-11, 999_999_999), wantErr: claims.ErrNotYetValid},
		{name: "nbf/leeway/now=nbf-leeway", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T-10, 0)},
		{name: "nbf/leeway/now=nbf-leeway+1", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T-9, 0)},

		// iat: rejected when iat > now + leeway.
		{name: "iat/now=iat-1", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, now: at(T-1, 0), wantErr: claims.ErrIssuedInFuture},
		{name: "iat/now=iat-0.5s", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, now: at(T-1, 500_000_000), wantErr: claims.ErrIssuedInFuture},
		{name: "iat/now=iat", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, now: at(T, 0)},
		{name: "iat/now=iat+1", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, now: at(T+1, 0)},
		{name: "iat/leeway/now=iat-leeway-1", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T-11, 0), wantErr: claims.ErrIssuedInFuture},
		{name: "iat/leeway/now=iat-leeway-1ns", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T-11, 999_999_999), wantErr: claims.ErrIssuedInFuture},
		{name: "iat/leeway/now=iat-leeway", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T-10, 0)},
		{name: "iat/leeway/now=iat-leeway+1", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{Leeway: 10 * time.Second}, now: at(T-9, 0)},

		// MaxAge: iat required, now - iat <= MaxAge + leeway.
		{name: "maxage/missing iat", r: claims.Registered{ExpiresAt: far}, v: claims.Validator{MaxAge: time.Minute}, now: at(T, 0), wantErr: claims.ErrMissing},
		{name: "maxage/now=iat+maxage-1", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{MaxAge: time.Minute}, now: at(T+59, 0)},
		{name: "maxage/now=iat+maxage", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{MaxAge: time.Minute}, now: at(T+60, 0)},
		{name: "maxage/now=iat+maxage+1ns", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{MaxAge: time.Minute}, now: at(T+60, 1), wantErr: claims.ErrTooOld},
		{name: "maxage/now=iat+maxage+1", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{MaxAge: time.Minute}, now: at(T+61, 0), wantErr: claims.ErrTooOld},
		{name: "maxage/leeway/now=iat+maxage+leeway-1", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{MaxAge: time.Minute, Leeway: 10 * time.Second}, now: at(T+69, 0)},
		{name: "maxage/leeway/now=iat+maxage+leeway", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{MaxAge: time.Minute, Leeway: 10 * time.Second}, now: at(T+70, 0)},
		{name: "maxage/leeway/now=iat+maxage+leeway+1", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(T)}, v: claims.Validator{MaxAge: time.Minute, Leeway: 10 * time.Second}, now: at(T+71, 0), wantErr: claims.ErrTooOld},
		{name: "maxage/with missing expiry", r: claims.Registered{IssuedAt: claims.UnixDate(T)}, v: claims.Validator{MaxAge: time.Minute, AllowMissingExpiry: true}, now: at(T+61, 0), wantErr: claims.ErrTooOld},

		// Extremes: no overflow, whatever the values.
		{name: "extreme/exp max", r: claims.Registered{ExpiresAt: claims.UnixDate(math.MaxInt64)}, now: at(T, 0)},
		{name: "extreme/exp max, max leeway", r: claims.Registered{ExpiresAt: claims.UnixDate(math.MaxInt64)}, v: claims.Validator{Leeway: math.MaxInt64}, now: at(T, 0)},
		{name: "extreme/exp min", r: claims.Registered{ExpiresAt: claims.UnixDate(math.MinInt64)}, now: at(T, 0), wantErr: claims.ErrExpired},
		{name: "extreme/exp min, max leeway", r: claims.Registered{ExpiresAt: claims.UnixDate(math.MinInt64)}, v: claims.Validator{Leeway: math.MaxInt64}, now: at(T, 0), wantErr: claims.ErrExpired},
		{name: "extreme/nbf max, max leeway", r: claims.Registered{ExpiresAt: claims.UnixDate(math.MaxInt64), NotBefore: claims.UnixDate(math.MaxInt64)}, v: claims.Validator{Leeway: math.MaxInt64}, now: at(T, 0), wantErr: claims.ErrNotYetValid},
		{name: "extreme/nbf min, max leeway", r: claims.Registered{ExpiresAt: claims.UnixDate(math.MaxInt64), NotBefore: claims.UnixDate(math.MinInt64)}, v: claims.Validator{Leeway: math.MaxInt64}, now: at(T, 0)},
		{name: "extreme/iat max", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(math.MaxInt64)}, v: claims.Validator{Leeway: math.MaxInt64}, now: at(T, 0), wantErr: claims.ErrIssuedInFuture},
		{name: "extreme/iat min, max age", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(math.MinInt64)}, v: claims.Validator{MaxAge: math.MaxInt64, Leeway: math.MaxInt64}, now: at(T, 0), wantErr: claims.ErrTooOld},
		{name: "extreme/iat max-1, max age", r: claims.Registered{ExpiresAt: claims.UnixDate(math.MaxInt64), IssuedAt: claims.UnixDate(math.MaxInt64 - 1)}, v: claims.Validator{MaxAge: math.MaxInt64, Leeway: math.MaxInt64}, now: at(math.MaxInt64-1, 0)},
		{name: "extreme/now far future", r: claims.Registered{ExpiresAt: claims.UnixDate(math.MaxInt64 - 1)}, v: claims.Validator{Leeway: math.MaxInt64}, now: at(math.MaxInt64-1, 0)},
		{name: "extreme/now far past", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(math.MinInt64 + 1)}, v: claims.Validator{Leeway: math.MaxInt64}, now: at(math.MinInt64+1, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.v
			v.Now = tt.now
			err := v.Validate(&tt.r)
			if tt.wantErr == nil {
				if err != nil {
					t.Errorf("Validate(%+v) at %v = %v, want nil", tt.r, tt.now(), err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Validate(%+v) at %v = %v, want %v", tt.r, tt.now(), err, tt.wantErr)
			}
		})
	}
}

func TestValidateClaims(t *testing.T) {
	errRevoked := errors.New("token revoked")
	checkID := func(jti string) error {
		if jti == "revoked" {
			return errRevoked
		}
		return nil
	}
	now := at(1000, 0)
	tests := []struct {
		name    string
		r       claims.Registered
		v       claims.Validator
		wantErr error
		wantMsg string // exact message when set
	}{
		{name: "iss/match", r: claims.Registered{ExpiresAt: far, Issuer: "https://issuer.example"}, v: claims.Validator{Issuer: "https://issuer.example"}},
		{name: "iss/mismatch", r: claims.Registered{ExpiresAt: far, Issuer: "https://evil.example"}, v: claims.Validator{Issuer: "https://issuer.example"}, wantErr: claims.ErrIssuer, wantMsg: `claims: iss: issuer "https://evil.example" is not "https://issuer.example"`},
		{name: "iss/case", r: claims.Registered{ExpiresAt: far, Issuer: "https://Issuer.example"}, v: claims.Validator{Issuer: "https://issuer.example"}, wantErr: claims.ErrIssuer},
		{name: "iss/missing", r: claims.Registered{ExpiresAt: far}, v: claims.Validator{Issuer: "https://issuer.example"}, wantErr: claims.ErrMissing, wantMsg: `claims: iss: missing claim: want issuer "https://issuer.example"`},
		{name: "iss/not checked", r: claims.Registered{ExpiresAt: far, Issuer: "anyone"}},

		{name: "sub/match", r: claims.Registered{ExpiresAt: far, Subject: "alice"}, v: claims.Validator{Subject: "alice"}},
		{name: "sub/mismatch", r: claims.Registered{ExpiresAt: far, Subject: "mallory"}, v: claims.Validator{Subject: "alice"}, wantErr: claims.ErrSubject, wantMsg: `claims: sub: subject "mallory" is not "alice"`},
		{name: "sub/case", r: claims.Registered{ExpiresAt: far, Subject: "Alice"}, v: claims.Validator{Subject: "alice"}, wantErr: claims.ErrSubject},
		{name: "sub/missing", r: claims.Registered{ExpiresAt: far}, v: claims.Validator{Subject: "alice"}, wantErr: claims.ErrMissing, wantMsg: `claims: sub: missing claim: want subject "alice"`},

		{name: "aud/one", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"api"}}, v: claims.Validator{Audience: "api"}},
		{name: "aud/among several", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"web", "api"}}, v: claims.Validator{Audience: "api"}},
		{name: "aud/mismatch", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"web"}}, v: claims.Validator{Audience: "api"}, wantErr: claims.ErrAudience, wantMsg: `claims: aud: audience ["web"] does not include "api"`},
		{name: "aud/case", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"API"}}, v: claims.Validator{Audience: "api"}, wantErr: claims.ErrAudience},
		{name: "aud/missing", r: claims.Registered{ExpiresAt: far}, v: claims.Validator{Audience: "api"}, wantErr: claims.ErrMissing, wantMsg: `claims: aud: missing claim: want audience "api"`},
		{name: "aud/empty list", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{}}, v: claims.Validator{Audience: "api"}, wantErr: claims.ErrMissing},
		{name: "aud/unexpected", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"api"}}, wantErr: claims.ErrAudience,
			wantMsg: `claims: aud: the token names audience ["api"] and none is expected (RFC 7519 §4.1.3); set Validator.Audience to this service's audience`},
		{name: "aud/unexpected empty string", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{""}}, wantErr: claims.ErrAudience},
		{name: "aud/empty list, none expected", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{}}},

		// Several issuers and audiences: any one must match.
		{name: "issuers/one of the list", r: claims.Registered{ExpiresAt: far, Issuer: "https://b.example"}, v: claims.Validator{Issuers: []string{"https://a.example", "https://b.example"}}},
		{name: "issuers/Issuer beside the list", r: claims.Registered{ExpiresAt: far, Issuer: "https://a.example"}, v: claims.Validator{Issuer: "https://a.example", Issuers: []string{"https://b.example"}}},
		{name: "issuers/list beside Issuer", r: claims.Registered{ExpiresAt: far, Issuer: "https://b.example"}, v: claims.Validator{Issuer: "https://a.example", Issuers: []string{"https://b.example"}}},
		{name: "issuers/none matches", r: claims.Registered{ExpiresAt: far, Issuer: "https://c.example"}, v: claims.Validator{Issuer: "https://a.example", Issuers: []string{"https://b.example"}}, wantErr: claims.ErrIssuer,
			wantMsg: `claims: iss: issuer "https://c.example" is not one of ["https://a.example", "https://b.example"]`},
		{name: "issuers/one in the list only", r: claims.Registered{ExpiresAt: far, Issuer: "https://c.example"}, v: claims.Validator{Issuers: []string{"https://b.example"}}, wantErr: claims.ErrIssuer,
			wantMsg: `claims: iss: issuer "https://c.example" is not "https://b.example"`},
		{name: "issuers/missing", r: claims.Registered{ExpiresAt: far}, v: claims.Validator{Issuers: []string{"https://a.example", "https://b.example"}}, wantErr: claims.ErrMissing,
			wantMsg: `claims: iss: missing claim: want issuer one of ["https://a.example", "https://b.example"]`},
		{name: "issuers/case", r: claims.Registered{ExpiresAt: far, Issuer: "https://B.example"}, v: claims.Validator{Issuers: []string{"https://a.example", "https://b.example"}}, wantErr: claims.ErrIssuer},
		{name: "audiences/one of the list", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"api.v2"}}, v: claims.Validator{Audiences: []string{"api", "api.v2"}}},
		{name: "audiences/Audience beside the list", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"web", "api"}}, v: claims.Validator{Audience: "api", Audiences: []string{"api.v2"}}},
		{name: "audiences/list beside Audience", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"web", "api.v2"}}, v: claims.Validator{Audience: "api", Audiences: []string{"api.v2"}}},
		{name: "audiences/none matches", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"web", "billing"}}, v: claims.Validator{Audience: "api", Audiences: []string{"api.v2"}}, wantErr: claims.ErrAudience,
			wantMsg: `claims: aud: audience ["web", "billing"] does not include any of ["api", "api.v2"]`},
		{name: "audiences/missing", r: claims.Registered{ExpiresAt: far}, v: claims.Validator{Audiences: []string{"api"}}, wantErr: claims.ErrMissing,
			wantMsg: `claims: aud: missing claim: want audience "api"`},
		{name: "audiences/empty list in the token", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{}}, v: claims.Validator{Audiences: []string{"api"}}, wantErr: claims.ErrMissing},
		{name: "audiences/empty lists still refuse aud", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"api"}}, v: claims.Validator{Issuers: []string{}, Audiences: []string{}}, wantErr: claims.ErrAudience},
		{name: "audiences/case", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"API"}}, v: claims.Validator{Audiences: []string{"api", "web"}}, wantErr: claims.ErrAudience},

		{name: "jti/accepted", r: claims.Registered{ExpiresAt: far, ID: "fresh"}, v: claims.Validator{CheckID: checkID}},
		{name: "jti/rejected", r: claims.Registered{ExpiresAt: far, ID: "revoked"}, v: claims.Validator{CheckID: checkID}, wantErr: errRevoked, wantMsg: `claims: jti: token ID "revoked" rejected: token revoked`},
		{name: "jti/rejected is ErrID", r: claims.Registered{ExpiresAt: far, ID: "revoked"}, v: claims.Validator{CheckID: checkID}, wantErr: claims.ErrID},
		{name: "jti/missing", r: claims.Registered{ExpiresAt: far}, v: claims.Validator{CheckID: checkID}, wantErr: claims.ErrMissing, wantMsg: "claims: jti: missing claim: required by CheckID"},
		{name: "jti/not checked", r: claims.Registered{ExpiresAt: far, ID: "revoked"}},

		{name: "exp message", r: claims.Registered{ExpiresAt: claims.UnixDate(999)}, wantErr: claims.ErrExpired, wantMsg: "claims: exp: token expired at 1970-01-01T00:16:39Z, 1s before now (leeway 0s)"},
		{name: "exp missing message", wantErr: claims.ErrMissing, wantMsg: "claims: exp: missing claim"},
		{name: "nbf message", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(1001)}, wantErr: claims.ErrNotYetValid, wantMsg: "claims: nbf: token is not valid before 1970-01-01T00:16:41Z, 1s after now (leeway 0s)"},
		{name: "iat message", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(1001)}, wantErr: claims.ErrIssuedInFuture, wantMsg: "claims: iat: token issued at 1970-01-01T00:16:41Z, 1s after now (leeway 0s)"},
		{name: "max age message", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(1)}, v: claims.Validator{MaxAge: time.Second}, wantErr: claims.ErrTooOld, wantMsg: "claims: iat: token issued at 1970-01-01T00:00:01Z, 16m39s before now, more than MaxAge 1s (leeway 0s)"},
		{name: "max age missing message", r: claims.Registered{ExpiresAt: far}, v: claims.Validator{MaxAge: time.Second}, wantErr: claims.ErrMissing, wantMsg: "claims: iat: missing claim: required by MaxAge"},

		// The order of the checks: the first failing one is reported.
		{name: "order/exp before nbf", r: claims.Registered{ExpiresAt: claims.UnixDate(1), NotBefore: claims.UnixDate(2000)}, wantErr: claims.ErrExpired},
		{name: "order/nbf before iat", r: claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(2000), IssuedAt: claims.UnixDate(2000)}, wantErr: claims.ErrNotYetValid},
		{name: "order/iat before max age", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(2000)}, v: claims.Validator{MaxAge: time.Second}, wantErr: claims.ErrIssuedInFuture},
		{name: "order/max age before iss", r: claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(1), Issuer: "x"}, v: claims.Validator{MaxAge: time.Second, Issuer: "y"}, wantErr: claims.ErrTooOld},
		{name: "order/time before iss", r: claims.Registered{ExpiresAt: claims.UnixDate(1), Issuer: "x"}, v: claims.Validator{Issuer: "y"}, wantErr: claims.ErrExpired},
		{name: "order/iss before sub", r: claims.Registered{ExpiresAt: far, Issuer: "x", Subject: "x"}, v: claims.Validator{Issuer: "y", Subject: "y"}, wantErr: claims.ErrIssuer},
		{name: "order/sub before aud", r: claims.Registered{ExpiresAt: far, Subject: "x", Audience: claims.Audience{"x"}}, v: claims.Validator{Subject: "y", Audience: "y"}, wantErr: claims.ErrSubject},
		{name: "order/aud before jti", r: claims.Registered{ExpiresAt: far, Audience: claims.Audience{"x"}, ID: "revoked"}, v: claims.Validator{Audience: "y", CheckID: checkID}, wantErr: claims.ErrAudience},

		{name: "all set and valid", r: claims.Registered{
			Issuer: "iss", Subject: "sub", Audience: claims.Audience{"a", "b"},
			ExpiresAt: claims.UnixDate(1001), NotBefore: claims.UnixDate(1000), IssuedAt: claims.UnixDate(1000), ID: "id",
		}, v: claims.Validator{Issuer: "iss", Subject: "sub", Audience: "b", MaxAge: time.Second, CheckID: checkID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.v
			v.Now = now
			err := v.Validate(&tt.r)
			if tt.wantErr == nil {
				if err != nil {
					t.Errorf("Validate(%+v) = %v, want nil", tt.r, err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Validate(%+v) = %v, want %v", tt.r, err, tt.wantErr)
			}
			if tt.wantMsg != "" && (err == nil || err.Error() != tt.wantMsg) {
				t.Errorf("Validate(%+v) = %q, want %q", tt.r, err, tt.wantMsg)
			}
		})
	}
}

func TestValidateCheckIDWrapsBoth(t *testing.T) {
	type notFoundError struct{ error }
	callerErr := &notFoundError{errors.New("jti seen before")}
	var got string
	v := claims.Validator{
		Now: at(1000, 0),
		CheckID: func(jti string) error {
			got = jti
			return fmt.Errorf("replay cache: %w", callerErr)
		},
	}
	err := v.Validate(&claims.Registered{ExpiresAt: far, ID: "abc"})
	if got != "abc" {
		t.Errorf("CheckID called with %q, want %q", got, "abc")
	}
	if !errors.Is(err, claims.ErrID) || !errors.Is(err, callerErr) {
		t.Errorf("Validate = %v, want an error wrapping ErrID and the CheckID error", err)
	}
	var nf *notFoundError
	if !errors.As(err, &nf) || nf != callerErr {
		t.Errorf("errors.As(%v, *notFoundError) failed", err)
	}
}

func TestValidateNil(t *testing.T) {
	var v *claims.Validator
	if err := v.Validate(&claims.Registered{ExpiresAt: far}); err != nil {
		t.Errorf("(*Validator)(nil).Validate(valid) = %v, want nil", err)
	}
	if err := v.Validate(&claims.Registered{ExpiresAt: claims.UnixDate(1)}); !errors.Is(err, claims.ErrExpired) {
		t.Errorf("(*Validator)(nil).Validate(expired) = %v, want ErrExpired", err)
	}
	if err := v.Validate(&claims.Registered{ExpiresAt: far, Audience: claims.Audience{"a"}}); !errors.Is(err, claims.ErrAudience) {
		t.Errorf("(*Validator)(nil).Validate(with aud) = %v, want ErrAudience", err)
	}
	if err := v.Validate(nil); !errors.Is(err, claims.ErrMissing) {
		t.Errorf("(*Validator)(nil).Validate(nil) = %v, want ErrMissing", err)
	}
	allow := &claims.Validator{AllowMissingExpiry: true}
	if err := allow.Validate(nil); err != nil {
		t.Errorf("Validate(nil) with AllowMissingExpiry = %v, want nil", err)
	}
}

func TestValidateUsesTimeNow(t *testing.T) {
	var v claims.Validator
	now := time.Now().Unix()
	if err := v.Validate(&claims.Registered{ExpiresAt: claims.UnixDate(now + 3600)}); err != nil {
		t.Errorf("Validate(exp in an hour) = %v, want nil", err)
	}
	if err := v.Validate(&claims.Registered{ExpiresAt: claims.UnixDate(now - 3600)}); !errors.Is(err, claims.ErrExpired) {
		t.Errorf("Validate(exp an hour ago) = %v, want ErrExpired", err)
	}
}

func TestValidateNegativeDurations(t *testing.T) {
	r := &claims.Registered{ExpiresAt: far, IssuedAt: claims.UnixDate(1000)}
	for _, v := range []claims.Validator{
		{Leeway: -time.Second},
		{MaxAge: -time.Second},
		{Leeway: math.MinInt64},
	} {
		v.Now = at(1000, 0)
		err := v.Validate(r)
		if err == nil || !strings.HasPrefix(err.Error(), "claims: invalid Validator") {
			t.Errorf("Validate with %+v = %v, want an invalid Validator error", v, err)
		}
		for _, sentinel := range []error{claims.ErrMissing, claims.ErrExpired, claims.ErrMalformed} {
			if errors.Is(err, sentinel) {
				t.Errorf("Validate with %+v = %v, which wraps %v", v, err, sentinel)
			}
		}
	}
}

func TestValidateDoesNotAllocate(t *testing.T) {
	v := claims.Validator{
		Issuer: "iss", Subject: "sub", Audience: "aud", Leeway: time.Minute, MaxAge: time.Hour,
		CheckID: func(string) error { return nil }, Now: at(1000, 0),
	}
	r := &claims.Registered{Issuer: "iss", Subject: "sub", Audience: claims.Audience{"aud"}, ExpiresAt: claims.UnixDate(2000), NotBefore: claims.UnixDate(900), IssuedAt: claims.UnixDate(900), ID: "id"}
	allocs := testing.AllocsPerRun(100, func() {
		if err := v.Validate(r); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Validate allocates %v times, want 0", allocs)
	}
}

// TestValidateMessages checks that errors say what the token held and what
// was expected, with values from the token quoted safely: escaped, cut when
// long, lists bounded.
func TestValidateMessages(t *testing.T) {
	issueNow := time.Date(2026, 12, 2, 10, 0, 31, 0, time.UTC)
	exp := claims.NewNumericDate(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	long := strings.Repeat("a", 100)
	many := claims.Audience{"a", "b", "c", "d", "e", "f"}
	var frac claims.Registered
	if err := claims.Decode(fmt.Appendf(nil, `{"exp":%d.25}`, exp.Unix()), &frac); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		now  time.Time
		r    claims.Registered
		v    claims.Validator
		want string
	}{
		// The two examples of issue 11.
		{"exp", issueNow, claims.Registered{ExpiresAt: exp}, claims.Validator{},
			"claims: exp: token expired at 2026-12-02T10:00:00Z, 31s before now (leeway 0s)"},
		{"iss", issueNow, claims.Registered{ExpiresAt: far, Issuer: "https://a.example"}, claims.Validator{Issuer: "https://b.example"},
			`claims: iss: issuer "https://a.example" is not "https://b.example"`},

		{"exp with leeway", issueNow, claims.Registered{ExpiresAt: exp}, claims.Validator{Leeway: 30 * time.Second},
			"claims: exp: token expired at 2026-12-02T10:00:00Z, 31s before now (leeway 30s)"},
		{"exp, clock with nanoseconds", issueNow.Add(123456789), claims.Registered{ExpiresAt: exp}, claims.Validator{},
			"claims: exp: token expired at 2026-12-02T10:00:00Z, 31.123s before now (leeway 0s)"},
		{"exp, under a millisecond", exp.Time().Add(250), claims.Registered{ExpiresAt: exp}, claims.Validator{},
			"claims: exp: token expired at 2026-12-02T10:00:00Z, 250ns before now (leeway 0s)"},
		{"exp at exp exactly", exp.Time(), claims.Registered{ExpiresAt: exp}, claims.Validator{},
			"claims: exp: token expired at 2026-12-02T10:00:00Z, 0s before now (leeway 0s)"},
		{"exp with a fraction", issueNow, frac, claims.Validator{},
			"claims: exp: token expired at 2026-12-02T10:00:00.25Z, 30.75s before now (leeway 0s)"},
		{"exp in 1970", issueNow, claims.Registered{ExpiresAt: claims.UnixDate(0)}, claims.Validator{},
			"claims: exp: token expired at 1970-01-01T00:00:00Z, about 57 years before now (leeway 0s)"},
		{"exp far before year 1", issueNow, claims.Registered{ExpiresAt: claims.UnixDate(math.MinInt64)}, claims.Validator{},
			"claims: exp: token expired at -9223372036854775808 (seconds since 1970), about 292277024684 years before now (leeway 0s)"},
		{"nbf far after year 9999", issueNow, claims.Registered{ExpiresAt: far, NotBefore: claims.UnixDate(math.MaxInt64)}, claims.Validator{},
			"claims: nbf: token is not valid before 9223372036854775807 (seconds since 1970), about 292277024570 years after now (leeway 0s)"},
		{"exp days ago", issueNow, claims.Registered{ExpiresAt: claims.NewNumericDate(issueNow.Add(-50 * time.Hour))}, claims.Validator{},
			"claims: exp: token expired at 2026-11-30T08:00:31Z, about 2 days before now (leeway 0s)"},
		{"exp under two days", issueNow, claims.Registered{ExpiresAt: claims.NewNumericDate(issueNow.Add(-47 * time.Hour))}, claims.Validator{},
			"claims: exp: token expired at 2026-11-30T11:00:31Z, 47h0m0s before now (leeway 0s)"},
		{"nbf", issueNow, claims.Registered{ExpiresAt: far, NotBefore: claims.NewNumericDate(issueNow.Add(90 * time.Second))}, claims.Validator{Leeway: time.Minute},
			"claims: nbf: token is not valid before 2026-12-02T10:02:01Z, 1m30s after now (leeway 1m0s)"},
		{"iat in the future", issueNow, claims.Registered{ExpiresAt: far, IssuedAt: claims.NewNumericDate(issueNow.Add(time.Hour))}, claims.Validator{},
			"claims: iat: token issued at 2026-12-02T11:00:31Z, 1h0m0s after now (leeway 0s)"},
		{"too old", issueNow, claims.Registered{ExpiresAt: far, IssuedAt: claims.NewNumericDate(issueNow.Add(-2 * time.Hour))}, claims.Validator{MaxAge: time.Hour, Leeway: time.Second},
			"claims: iat: token issued at 2026-12-02T08:00:31Z, 2h0m0s before now, more than MaxAge 1h0m0s (leeway 1s)"},
		{"control characters escaped", issueNow, claims.Registered{ExpiresAt: far, Issuer: "evil\n\x1b[31m\u202e"}, claims.Validator{Issuer: "https://b.example"},
			`claims: iss: issuer "evil\n\x1b[31m\u202e" is not "https://b.example"`},
		{"invalid UTF-8 escaped", issueNow, claims.Registered{ExpiresAt: far, Subject: "\xff"}, claims.Validator{Subject: "alice"},
			`claims: sub: subject "\xff" is not "alice"`},
		{"long value cut", issueNow, claims.Registered{ExpiresAt: far, Issuer: long}, claims.Validator{Issuer: "https://b.example"},
			`claims: iss: issuer "` + long[:64] + `"... (100 bytes) is not "https://b.example"`},
		{"long value cut at a rune", issueNow, claims.Registered{ExpiresAt: far, Subject: strings.Repeat("a", 63) + "é"}, claims.Validator{Subject: "alice"},
			`claims: sub: subject "` + strings.Repeat("a", 63) + `"... (65 bytes) is not "alice"`},
		{"many audiences bounded", issueNow, claims.Registered{ExpiresAt: far, Audience: many}, claims.Validator{Audience: "api"},
			`claims: aud: audience ["a", "b", "c", "d", and 2 more] does not include "api"`},
		{"many expected audiences bounded", issueNow, claims.Registered{ExpiresAt: far, Audience: claims.Audience{"x"}}, claims.Validator{Audience: "api", Audiences: []string{"b", "c", "d", "e"}},
			`claims: aud: audience ["x"] does not include any of ["api", "b", "c", "d", and 1 more]`},
		{"unexpected audiences bounded", issueNow, claims.Registered{ExpiresAt: far, Audience: many}, claims.Validator{},
			`claims: aud: the token names audience ["a", "b", "c", "d", and 2 more] and none is expected (RFC 7519 §4.1.3); set Validator.Audience to this service's audience`},
		{"jti quoted", issueNow, claims.Registered{ExpiresAt: far, ID: "id\t1"}, claims.Validator{CheckID: func(string) error { return errors.New("seen before") }},
			`claims: jti: token ID "id\t1" rejected: seen before`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.v
			v.Now = func() time.Time { return tt.now }
			err := v.Validate(&tt.r)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Validate = %v\nwant        %s", err, tt.want)
			}
		})
	}
}

// TestValidatorConfigErrors checks that an empty string in Issuers or
// Audiences refuses every token with an error that wraps no sentinel: it
// is a configuration mistake (an unset environment variable), and must not
// match a token's empty claim.
func TestValidatorConfigErrors(t *testing.T) {
	r := claims.Registered{ExpiresAt: far, Issuer: "", Audience: claims.Audience{""}}
	for _, v := range []claims.Validator{
		{Issuers: []string{"https://a.example", ""}},
		{Audiences: []string{""}},
		{Leeway: -1},
		{MaxAge: -1},
	} {
		err := v.Validate(&r)
		if err == nil || !strings.HasPrefix(err.Error(), "claims: invalid Validator: ") {
			t.Errorf("Validate with %+v = %v, want an invalid Validator error", v, err)
		}
		for _, s := range []error{claims.ErrMissing, claims.ErrIssuer, claims.ErrAudience, claims.ErrExpired} {
			if errors.Is(err, s) {
				t.Errorf("Validate with %+v = %v, wraps %v", v, err, s)
			}
		}
	}
}
