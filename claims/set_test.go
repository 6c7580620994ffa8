package claims_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/claims"
)

func TestGet(t *testing.T) {
	s := claims.Set{
		"str":     json.RawMessage(`"hello"`),
		"int":     json.RawMessage(`9007199254740993`),
		"maxint":  json.RawMessage(`9223372036854775807`),
		"neg":     json.RawMessage(`-5`),
		"frac":    json.RawMessage(`1.5`),
		"exp":     json.RawMessage(`1e3`),
		"bool":    json.RawMessage(`true`),
		"null":    json.RawMessage(`null`),
		"date":    json.RawMessage(`1700000000.9`),
		"aud":     json.RawMessage(`["a","b"]`),
		"list":    json.RawMessage(`["x","y"]`),
		"obj":     json.RawMessage(`{"city":"Oslo","zip":"0150"}`),
		"objcase": json.RawMessage(`{"CITY":"Oslo"}`),
		"mixed":   json.RawMessage(`{"n":9007199254740993,"f":0.1,"l":[1,2.5],"s":"x"}`),
		"spaced":  json.RawMessage(" \t\"x\"\n "),
		"dup":     json.RawMessage(`{"a":1,"a":2}`),
		"bad":     json.RawMessage("\"\xff\""),
		"two":     json.RawMessage(`1 2`),
		"twomem":  json.RawMessage(`1,"x":2`),
		"empty":   json.RawMessage(``),
		"ISS":     json.RawMessage(`"case"`),
	}
	check := func(t *testing.T, name string, got, want any, err error, wantErr error) {
		t.Helper()
		if wantErr != nil {
			if !errors.Is(err, wantErr) {
				t.Errorf("Get(%q) = %v, %v, want error %v", name, got, err, wantErr)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Get(%q) returned a non-zero value with its error (-want +got):\n%s", name, diff)
			}
			return
		}
		if err != nil {
			t.Errorf("Get(%q) = %v", name, err)
			return
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Get(%q) mismatch (-want +got):\n%s", name, diff)
		}
	}
	t.Run("string", func(t *testing.T) {
		for _, tc := range []struct {
			name, want string
			err        error
		}{
			{"str", "hello", nil},
			{"spaced", "x", nil},
			{"null", "", nil},
			{"int", "", claims.ErrMalformed},
			{"bad", "", claims.ErrMalformed},
			{"two", "", claims.ErrMalformed},
			{"twomem", "", claims.ErrMalformed},
			{"empty", "", claims.ErrMalformed},
			{"absent", "", claims.ErrMissing},
			{"iss", "", claims.ErrMissing}, // names are case-sensitive
		} {
			got, err := claims.Get[string](s, tc.name)
			check(t, tc.name, got, tc.want, err, tc.err)
		}
	})
	t.Run("int64", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			want int64
			err  error
		}{
			{"int", 9007199254740993, nil}, // not representable as a float64
			{"maxint", math.MaxInt64, nil},
			{"neg", -5, nil},
			{"frac", 0, claims.ErrMalformed},
			{"exp", 0, claims.ErrMalformed},
			{"str", 0, claims.ErrMalformed},
			{"bool", 0, claims.ErrMalformed},
		} {
			got, err := claims.Get[int64](s, tc.name)
			check(t, tc.name, got, tc.want, err, tc.err)
		}
	})
	t.Run("other types", func(t *testing.T) {
		b, err := claims.Get[bool](s, "bool")
		check(t, "bool", b, true, err, nil)
		f, err := claims.Get[float64](s, "frac")
		check(t, "frac", f, 1.5, err, nil)
		d, err := claims.Get[claims.NumericDate](s, "date")
		check(t, "date", d, dateOf("1700000000.9"), err, nil)
		d, err = claims.Get[claims.NumericDate](s, "null")
		check(t, "null", d, claims.NumericDate{}, err, claims.ErrMalformed)
		a, err := claims.Get[claims.Audience](s, "aud")
		check(t, "aud", a, claims.Audience{"a", "b"}, err, nil)
		l, err := claims.Get[[]string](s, "list")
		check(t, "list", l, []string{"x", "y"}, err, nil)
		p, err := claims.Get[*string](s, "null")
		check(t, "null", p, (*string)(nil), err, nil)
		o, err := claims.Get[address](s, "obj")
		check(t, "obj", o, address{City: "Oslo", Zip: "0150"}, err, nil)
		o, err = claims.Get[address](s, "objcase")
		check(t, "objcase", o, address{}, err, claims.ErrMalformed)
		m, err := claims.Get[map[string]int](s, "dup")
		check(t, "dup", m, map[string]int(nil), err, claims.ErrMalformed)
	})
	t.Run("any", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			want any
		}{
			{"str", "hello"},
			{"int", json.Number("9007199254740993")},
			{"frac", json.Number("1.5")},
			{"bool", true},
			{"null", nil},
			{"list", []any{"x", "y"}},
			{"mixed", map[string]any{
				"n": json.Number("9007199254740993"), "f": json.Number("0.1"),
				"l": []any{json.Number("1"), json.Number("2.5")}, "s": "x",
			}},
		} {
			got, err := claims.Get[any](s, tc.name)
			check(t, tc.name, got, tc.want, err, nil)
		}
		m, err := claims.Get[map[string]any](s, "mixed")
		check(t, "mixed", m, map[string]any{
			"n": json.Number("9007199254740993"), "f": json.Number("0.1"),
			"l": []any{json.Number("1"), json.Number("2.5")}, "s": "x",
		}, err, nil)
	})
}

func TestGetErrorNamesClaim(t *testing.T) {
	s := claims.Set{"n": json.RawMessage(`"x"`), "o": json.RawMessage(`{"city":1}`)}
	tests := []struct {
		get  func() error
		want string
	}{
		{func() error { _, err := claims.Get[int](s, "n"); return err }, "claims: n: malformed claims: want a number, got a string"},
		{func() error { _, err := claims.Get[int](s, "absent"); return err }, "claims: absent: missing claim"},
		{func() error { _, err := claims.Get[address](s, "o"); return err }, "claims: o.city: malformed claims: want a string, got a number"},
	}
	for _, tt := range tests {
		if err := tt.get(); err == nil || err.Error() != tt.want {
			t.Errorf("Get = %v, want %q", err, tt.want)
		}
	}
}

func TestSetRegistered(t *testing.T) {
	tests := []struct {
		name    string
		payload string
		wantErr bool
	}{
		{name: "all", payload: `{"iss":"i","sub":"s","aud":"a","exp":3,"nbf":1,"iat":2.5,"jti":"j","name":"n"}`},
		{name: "none", payload: `{"name":"n"}`},
		{name: "aud array", payload: `{"aud":["a","b"]}`},
		{name: "iss null", payload: `{"iss":null}`, wantErr: true},
		{name: "exp string", payload: `{"exp":"1"}`, wantErr: true},
		{name: "aud number", payload: `{"aud":1}`, wantErr: true},
		{name: "case variant", payload: `{"ISS":"x"}`, wantErr: true},
		{name: "fold variant", payload: `{"ſub":"x","iss":"i"}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s claims.Set
			if err := claims.Decode([]byte(tt.payload), &s); err != nil {
				t.Fatalf("Decode(%s) into a Set = %v", tt.payload, err)
			}
			got, err := s.Registered()
			var want claims.Registered
			wantErr := claims.Decode([]byte(tt.payload), &want)
			if tt.wantErr {
				if !errors.Is(err, claims.ErrMalformed) || got != nil {
					t.Errorf("Registered() = %+v, %v; want nil, ErrMalformed", got, err)
				}
				if wantErr == nil {
					t.Errorf("Decode(%s) into a Registered succeeded where Set.Registered failed", tt.payload)
				}
				return
			}
			if err != nil || wantErr != nil {
				t.Fatalf("Registered() = %v, Decode into Registered = %v; want both nil", err, wantErr)
			}
			if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("Registered() mismatch (-Decode +Registered):\n%s", diff)
			}
		})
	}
	// A Set built by hand is validated too.
	bad := claims.Set{"exp": json.RawMessage(`1 2`)}
	if r, err := bad.Registered(); !errors.Is(err, claims.ErrMalformed) || r != nil {
		t.Errorf("Registered() of %v = %v, %v; want nil, ErrMalformed", bad, r, err)
	}
	spaced := claims.Set{"exp": json.RawMessage(" 5 ")}
	if r, err := spaced.Registered(); err != nil || r.ExpiresAt != claims.UnixDate(5) {
		t.Errorf("Registered() of %v = %+v, %v; want exp 5", spaced, r, err)
	}
}
