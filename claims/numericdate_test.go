package claims_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
)

func TestNumericDateUnmarshal(t *testing.T) {
	tests := []struct {
		in      string
		want    claims.NumericDate
		wantErr string // substring of the error; "" means success
	}{
		{in: `1`, want: 1},
		{in: `1700000000`, want: 1700000000},
		{in: `-1`, want: -1},
		{in: `9223372036854775807`, want: math.MaxInt64},
		{in: `-9223372036854775808`, want: math.MinInt64},
		{in: `1.5`, want: 1},
		{in: `1.999999999999999999999`, want: 1},
		{in: `-1.5`, want: -2},
		{in: `-1.0`, want: -1},
		{in: `-0.5`, want: -1},
		{in: `1e3`, want: 1000},
		{in: `1E+3`, want: 1000},
		{in: `1.5e1`, want: 15},
		{in: `15e-1`, want: 1},
		{in: `-15e-1`, want: -2},
		{in: `1700000000.123456`, want: 1700000000},
		{in: `0.0000000000000000000000017e24`, want: 1},
		{in: `1e-400`, wantErr: "0 means an absent date"},
		{in: `-1e-400`, want: -1},
		{in: `9223372036854775807.999`, want: math.MaxInt64},
		{in: `-9223372036854775807.5`, want: math.MinInt64},
		{in: `9.223372036854775807e18`, want: math.MaxInt64},
		{in: `00`, wantErr: "invalid number"},
		{in: `0`, wantErr: "0 means an absent date"},
		{in: `-0`, wantErr: "0 means an absent date"},
		{in: `0.5`, wantErr: "0 means an absent date"},
		{in: `0e10`, wantErr: "0 means an absent date"},
		{in: `9223372036854775808`, wantErr: "out of range"},
		{in: `-9223372036854775809`, wantErr: "out of range"},
		{in: `-9223372036854775808.5`, wantErr: "out of range"},
		{in: `1e19`, wantErr: "out of range"},
		{in: `1e20`, wantErr: "out of range"},
		{in: `-1e20`, wantErr: "out of range"},
		{in: `1e400`, wantErr: "out of range"},
		{in: `1e99999999999999999999999`, wantErr: "out of range"},
		{in: `"1700000000"`, wantErr: "got a string"},
		{in: `true`, wantErr: "got a boolean"},
		{in: `false`, wantErr: "got a boolean"},
		{in: `null`, wantErr: "got null"},
		{in: `{}`, wantErr: "got an object"},
		{in: `[1]`, wantErr: "got an array"},
		{in: ``, wantErr: "empty"},
		{in: ` 1`, wantErr: "invalid number"},
		{in: `1 `, wantErr: "invalid number"},
		{in: `+1`, wantErr: "invalid number"},
		{in: `.5`, wantErr: "invalid number"},
		{in: `1.`, wantErr: "invalid number"},
		{in: `1e`, wantErr: "invalid number"},
		{in: `1e+`, wantErr: "invalid number"},
		{in: `-`, wantErr: "invalid number"},
		{in: `01`, wantErr: "invalid number"},
		{in: `NaN`, wantErr: "invalid number"},
		{in: `0x10`, wantErr: "invalid number"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := claims.NumericDate(42)
			err := d.UnmarshalJSON([]byte(tt.in))
			if tt.wantErr == "" {
				if err != nil || d != tt.want {
					t.Errorf("UnmarshalJSON(%q) = %d, %v, want %d, nil", tt.in, d, err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, claims.ErrMalformed) {
				t.Errorf("UnmarshalJSON(%q) = %v, want an ErrMalformed error containing %q", tt.in, err, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "claims: ") {
				t.Errorf("UnmarshalJSON(%q) error %q lacks the package prefix", tt.in, err)
			}
			if d != 42 {
				t.Errorf("UnmarshalJSON(%q) changed the date to %d on error", tt.in, d)
			}
		})
	}
}

func TestNumericDateErrorNamesClaim(t *testing.T) {
	tests := []struct {
		payload string
		want    string
	}{
		{`{"exp":"1700000000"}`, "claims: exp: malformed claims: NumericDate: want a JSON number, got a string"},
		{`{"nbf":1e20}`, "claims: nbf: malformed claims: NumericDate: 1e20 out of range"},
		{`{"iat":null}`, "claims: iat: malformed claims: NumericDate: want a JSON number, got null"},
		{`{"exp":true}`, "claims: exp: malformed claims: NumericDate: want a JSON number, got a boolean"},
		{`{"exp":-1e20}`, "claims: exp: malformed claims: NumericDate: -1e20 out of range"},
		{`{"exp":1e400}`, "claims: exp: malformed claims: NumericDate: 1e400 out of range"},
	}
	for _, tt := range tests {
		var r claims.Registered
		err := claims.Decode([]byte(tt.payload), &r)
		if err == nil || err.Error() != tt.want || !errors.Is(err, claims.ErrMalformed) {
			t.Errorf("Decode(%s) = %v, want %q", tt.payload, err, tt.want)
		}
	}
}

func TestNumericDateMarshal(t *testing.T) {
	tests := []struct {
		d    claims.NumericDate
		want string
	}{
		{1700000000, `1700000000`},
		{-1, `-1`},
		{0, `0`},
		{math.MaxInt64, `9223372036854775807`},
		{math.MinInt64, `-9223372036854775808`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.d)
		if err != nil || string(got) != tt.want {
			t.Errorf("json.Marshal(NumericDate(%d)) = %s, %v, want %s", tt.d, got, err, tt.want)
		}
	}
	// omitzero leaves absent dates out of Registered.
	got, err := json.Marshal(claims.Registered{ExpiresAt: 5})
	if err != nil || string(got) != `{"exp":5}` {
		t.Errorf("json.Marshal(Registered{ExpiresAt: 5}) = %s, %v, want {\"exp\":5}", got, err)
	}
}

func TestNumericDateTime(t *testing.T) {
	tests := []struct {
		t    time.Time
		want claims.NumericDate
	}{
		{time.Time{}, 0},
		{time.Unix(1700000000, 0), 1700000000},
		{time.Unix(1700000000, 999999999), 1700000000},
		{time.Unix(-2, 500000000), -2}, // -1.5 s: floor is -2
		{time.Date(2038, 1, 19, 3, 14, 8, 0, time.UTC), 1 << 31},
		{time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), -62135596799},
	}
	for _, tt := range tests {
		if got := claims.NewNumericDate(tt.t); got != tt.want {
			t.Errorf("NewNumericDate(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
	if got := claims.NumericDate(0).Time(); !got.IsZero() {
		t.Errorf("NumericDate(0).Time() = %v, want the zero time", got)
	}
	got := claims.NumericDate(1700000000).Time()
	if want := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("NumericDate(1700000000).Time() = %v, want %v", got, want)
	}
	for _, d := range []claims.NumericDate{1, -1, 1700000000, math.MaxInt32 * 1000} {
		if got := claims.NewNumericDate(d.Time()); got != d {
			t.Errorf("NewNumericDate(NumericDate(%d).Time()) = %d", d, got)
		}
	}
}
