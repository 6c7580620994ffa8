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

// parts is a NumericDate's value, as the tests see it.
type parts struct {
	sec     int64
	nsec    int32
	inexact bool
}

func partsOf(d claims.NumericDate) parts {
	sec, nsec, inexact, _ := claims.DateParts(d)
	return parts{sec, nsec, inexact}
}

func TestNumericDateUnmarshal(t *testing.T) {
	tests := []struct {
		in      string
		want    parts
		wantErr string // substring of the error; "" means success
	}{
		{in: `1`, want: parts{sec: 1}},
		{in: `1700000000`, want: parts{sec: 1700000000}},
		{in: `-1`, want: parts{sec: -1}},
		{in: `9223372036854775807`, want: parts{sec: math.MaxInt64}},
		{in: `-9223372036854775808`, want: parts{sec: math.MinInt64}},
		{in: `1.5`, want: parts{1, 500_000_000, false}},
		{in: `1.999999999999999999999`, want: parts{1, 999_999_999, true}},
		{in: `1.0000000001`, want: parts{1, 0, true}},
		{in: `1.0000000000`, want: parts{sec: 1}},
		{in: `1.000000001`, want: parts{1, 1, false}},
		{in: `-1.5`, want: parts{-2, 500_000_000, false}},
		{in: `-1.0`, want: parts{sec: -1}},
		{in: `-0.5`, want: parts{-1, 500_000_000, false}},
		{in: `-0.0000000001`, want: parts{-1, 999_999_999, true}},
		{in: `-0.0000000011`, want: parts{-1, 999_999_998, true}},
		{in: `-0.000000001`, want: parts{-1, 999_999_999, false}},
		{in: `-1.999999999`, want: parts{-2, 1, false}},
		{in: `1e3`, want: parts{sec: 1000}},
		{in: `1E+3`, want: parts{sec: 1000}},
		{in: `1.5e1`, want: parts{sec: 15}},
		{in: `15e-1`, want: parts{1, 500_000_000, false}},
		{in: `-15e-1`, want: parts{-2, 500_000_000, false}},
		{in: `1700000000.123456`, want: parts{1700000000, 123_456_000, false}},
		{in: `1700000000123456e-6`, want: parts{1700000000, 123_456_000, false}},
		{in: `0.0000000000000000000000017e24`, want: parts{1, 700_000_000, false}},
		{in: `1e-400`, want: parts{0, 0, true}},
		{in: `-1e-400`, want: parts{-1, 999_999_999, true}},
		{in: `9223372036854775807.999`, want: parts{math.MaxInt64, 999_000_000, false}},
		{in: `-9223372036854775807.5`, want: parts{math.MinInt64, 500_000_000, false}},
		{in: `9.223372036854775807e18`, want: parts{sec: math.MaxInt64}},
		// 0 is a date: 1970-01-01T00:00:00Z.
		{in: `0`, want: parts{}},
		{in: `-0`, want: parts{}},
		{in: `0.0`, want: parts{}},
		{in: `0e10`, want: parts{}},
		{in: `0.5`, want: parts{0, 500_000_000, false}},
		{in: `00`, wantErr: "invalid number"},
		{in: `9223372036854775808`, wantErr: "out of range"},
		{in: `-9223372036854775809`, wantErr: "out of range"},
		{in: `-9223372036854775808.5`, wantErr: "out of range"},
		{in: `-9223372036854775808.0000000001`, wantErr: "out of range"},
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
			d := claims.UnixDate(42)
			err := d.UnmarshalJSON([]byte(tt.in))
			if tt.wantErr == "" {
				if err != nil || partsOf(d) != tt.want || d.IsZero() {
					t.Errorf("UnmarshalJSON(%q) = %+v (absent %v), %v, want %+v, present", tt.in, partsOf(d), d.IsZero(), err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, claims.ErrMalformed) {
				t.Errorf("UnmarshalJSON(%q) = %v, want an ErrMalformed error containing %q", tt.in, err, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "claims: ") {
				t.Errorf("UnmarshalJSON(%q) error %q lacks the package prefix", tt.in, err)
			}
			if d != claims.UnixDate(42) {
				t.Errorf("UnmarshalJSON(%q) changed the date to %v on error", tt.in, d)
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
		{claims.UnixDate(1700000000), `1700000000`},
		{claims.UnixDate(-1), `-1`},
		{claims.UnixDate(0), `0`},
		{claims.UnixDate(math.MaxInt64), `9223372036854775807`},
		{claims.UnixDate(math.MinInt64), `-9223372036854775808`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.d)
		if err != nil || string(got) != tt.want {
			t.Errorf("json.Marshal(%v) = %s, %v, want %s", partsOf(tt.d), got, err, tt.want)
		}
		if s := tt.d.String(); s != tt.want {
			t.Errorf("%v.String() = %q, want %q", partsOf(tt.d), s, tt.want)
		}
	}
	// omitzero leaves absent dates out of Registered, and keeps 0.
	for _, tt := range []struct {
		r    claims.Registered
		want string
	}{
		{claims.Registered{ExpiresAt: claims.UnixDate(5)}, `{"exp":5}`},
		{claims.Registered{ExpiresAt: claims.UnixDate(5), NotBefore: claims.UnixDate(0), IssuedAt: claims.UnixDate(0)}, `{"exp":5,"nbf":0,"iat":0}`},
		{claims.Registered{}, `{}`},
	} {
		got, err := json.Marshal(tt.r)
		if err != nil || string(got) != tt.want {
			t.Errorf("json.Marshal(%+v) = %s, %v, want %s", tt.r, got, err, tt.want)
		}
	}
	// The absent date has no JSON form.
	if got, err := json.Marshal(claims.NumericDate{}); err == nil {
		t.Errorf("json.Marshal(absent date) = %s, want an error", got)
	}
	if s := (claims.NumericDate{}).String(); s != "absent" {
		t.Errorf("absent date String() = %q, want \"absent\"", s)
	}
}

// TestNumericDateFractionRoundTrip checks that a decoded fraction encodes
// to a number that decodes to the same date.
func TestNumericDateFractionRoundTrip(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`1.5`, `1.5`},
		{`1700000000.123`, `1700000000.123`},
		{`1.000000001`, `1.000000001`},
		{`15e-1`, `1.5`},
		{`1.50`, `1.5`},
		{`1.0`, `1`},
		{`1.0000000001`, `1.0000000001`},
		{`1.99999999999999999`, `1.9999999991`},
		{`-1.5`, `-1.5`},
		{`-0.5`, `-0.5`},
		{`-0.000000001`, `-0.000000001`},
		{`-0.0000000001`, `-0.0000000001`},
		{`-0.00000000123`, `-0.0000000011`},
		{`-1e-400`, `-0.0000000001`},
		{`1e-400`, `0.0000000001`},
		{`-0`, `0`},
		{`-9223372036854775807.5`, `-9223372036854775807.5`},
		{`9223372036854775807.999999999`, `9223372036854775807.999999999`},
	}
	for _, tt := range tests {
		var d claims.NumericDate
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
			t.Fatalf("Unmarshal(%s) = %v", tt.in, err)
		}
		enc, err := json.Marshal(d)
		if err != nil || string(enc) != tt.want {
			t.Errorf("Marshal(Unmarshal(%s)) = %s, %v, want %s", tt.in, enc, err, tt.want)
			continue
		}
		var d2 claims.NumericDate
		if err := json.Unmarshal(enc, &d2); err != nil || d2 != d {
			t.Errorf("Unmarshal(%s) = %+v, %v, want %+v (from %s)", enc, partsOf(d2), err, partsOf(d), tt.in)
		}
	}
}

func TestNumericDateTime(t *testing.T) {
	tests := []struct {
		t    time.Time
		want claims.NumericDate
	}{
		{time.Time{}, claims.NumericDate{}},
		{time.Unix(0, 0), claims.UnixDate(0)},
		{time.Unix(1700000000, 0), claims.UnixDate(1700000000)},
		{time.Unix(1700000000, 999999999), claims.UnixDate(1700000000)},
		{time.Unix(-2, 500000000), claims.UnixDate(-2)}, // -1.5 s: floor is -2
		{time.Date(2038, 1, 19, 3, 14, 8, 0, time.UTC), claims.UnixDate(1 << 31)},
		{time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), claims.UnixDate(-62135596799)},
	}
	for _, tt := range tests {
		if got := claims.NewNumericDate(tt.t); got != tt.want || !got.Equal(tt.want) {
			t.Errorf("NewNumericDate(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
	if got := (claims.NumericDate{}).Time(); !got.IsZero() {
		t.Errorf("absent date Time() = %v, want the zero time", got)
	}
	if d := (claims.NumericDate{}); !d.IsZero() || d.Unix() != 0 {
		t.Errorf("absent date: IsZero() = %v, Unix() = %d, want true, 0", d.IsZero(), d.Unix())
	}
	if d := claims.UnixDate(0); d.IsZero() || d.Unix() != 0 || !d.Time().Equal(time.Unix(0, 0)) {
		t.Errorf("UnixDate(0): IsZero() = %v, Unix() = %d, Time() = %v, want false, 0, 1970-01-01", d.IsZero(), d.Unix(), d.Time())
	}
	got := claims.UnixDate(1700000000).Time()
	if want := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("UnixDate(1700000000).Time() = %v, want %v", got, want)
	}
	var frac claims.NumericDate
	if err := json.Unmarshal([]byte(`-1.25`), &frac); err != nil {
		t.Fatal(err)
	}
	if got, want := frac.Time(), time.Unix(-2, 750_000_000).UTC(); !got.Equal(want) || frac.Unix() != -2 {
		t.Errorf("-1.25: Time() = %v, Unix() = %d, want %v, -2", got, frac.Unix(), want)
	}
	for _, sec := range []int64{0, 1, -1, 1700000000, math.MaxInt32 * 1000} {
		d := claims.UnixDate(sec)
		if got := claims.NewNumericDate(d.Time()); got != d {
			t.Errorf("NewNumericDate(UnixDate(%d).Time()) = %v", sec, got)
		}
	}
	if claims.UnixDate(1).Equal(claims.UnixDate(2)) || claims.UnixDate(0).Equal(claims.NumericDate{}) {
		t.Error("Equal reports different dates equal")
	}
}
