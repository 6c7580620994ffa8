package claims_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/claims"
)

func TestDynamicDecode(t *testing.T) {
	payload := `{"iss":"https://idp.example","sub":"ada","aud":["api","admin"],"exp":1700000600,` +
		`"nbf":1700000000,"iat":1700000000,"jti":"id-1","tenant":"t-42","n":9007199254740993,"roles":["r1","r2"]}`
	for _, decode := range []struct {
		name string
		fn   func([]byte, *claims.Dynamic) error
	}{
		{"Decode", func(b []byte, d *claims.Dynamic) error { return claims.Decode(b, d) }},
		{"json.Unmarshal", func(b []byte, d *claims.Dynamic) error { return json.Unmarshal(b, d) }},
	} {
		t.Run(decode.name, func(t *testing.T) {
			var d claims.Dynamic
			if err := decode.fn([]byte(payload), &d); err != nil {
				t.Fatal(err)
			}
			want := claims.Dynamic{
				Registered: claims.Registered{
					Issuer: "https://idp.example", Subject: "ada", Audience: claims.Audience{"api", "admin"},
					ExpiresAt: claims.UnixDate(1700000600), NotBefore: claims.UnixDate(1700000000), IssuedAt: claims.UnixDate(1700000000), ID: "id-1",
				},
				Extra: claims.Set{
					"tenant": json.RawMessage(`"t-42"`),
					"n":      json.RawMessage(`9007199254740993`),
					"roles":  json.RawMessage(`["r1","r2"]`),
				},
			}
			if diff := cmp.Diff(want, d); diff != "" {
				t.Errorf("decoded mismatch (-want +got):\n%s", diff)
			}
			if n, err := claims.Get[int64](d.Extra, "n"); err != nil || n != 9007199254740993 {
				t.Errorf("Get[int64](n) = %d, %v", n, err)
			}
			if _, err := claims.Get[string](d.Extra, "iss"); !errors.Is(err, claims.ErrMissing) {
				t.Errorf("Get(iss) from Extra = %v, want ErrMissing: registered claims are not in Extra", err)
			}
		})
	}
}

func TestDynamicDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, payload, text string
	}{
		{"duplicate", `{"tenant":"a","tenant":"b"}`, "duplicate"},
		{"duplicate registered", `{"exp":1,"exp":2}`, "duplicate"},
		{"case variant of registered", `{"ISS":"x"}`, `"ISS"`},
		{"case variants among others", `{"tenant":"a","TENANT":"b"}`, "TENANT"},
		{"null exp", `{"exp":null}`, "exp"},
		{"string exp", `{"exp":"1700000000"}`, "exp"},
		{"number aud", `{"aud":1}`, "aud"},
		{"trailing data", `{"sub":"a"} x`, ""},
		{"not an object", `["sub"]`, ""},
		{"invalid UTF-8", "{\"x\":\"\xff\"}", ""},
		{"byte-order mark", "\ufeff{}", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := claims.Dynamic{Extra: claims.Set{"old": json.RawMessage(`1`)}}
			err := claims.Decode([]byte(tc.payload), &d)
			if !errors.Is(err, claims.ErrMalformed) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("Decode(%q) = %v, want ErrMalformed containing %q", tc.payload, err, tc.text)
			}
			if diff := cmp.Diff(claims.Dynamic{}, d); diff != "" {
				t.Errorf("after an error, Dynamic is not zero (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDynamicMarshal(t *testing.T) {
	d := claims.Dynamic{
		Registered: claims.Registered{Subject: "ada", Audience: claims.Audience{"api"}, ExpiresAt: claims.UnixDate(1700000600)},
		Extra: claims.Set{
			"tenant": json.RawMessage(`"t-42"`),
			"a":      json.RawMessage(` {"x": [1, 2]} `),
		},
	}
	got, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"sub":"ada","aud":"api","exp":1700000600,"a":{"x":[1,2]},"tenant":"t-42"}`
	if string(got) != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	var back claims.Dynamic
	if err := claims.Decode(got, &back); err != nil {
		t.Fatal(err)
	}
	d.Extra["a"] = json.RawMessage(`{"x":[1,2]}`)
	if diff := cmp.Diff(d, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	empty, err := json.Marshal(claims.Dynamic{})
	if err != nil || string(empty) != `{}` {
		t.Errorf("Marshal(Dynamic{}) = %s, %v; want {}", empty, err)
	}
	onlyExtra, err := json.Marshal(claims.Dynamic{Extra: claims.Set{"k": json.RawMessage(`true`)}})
	if err != nil || string(onlyExtra) != `{"k":true}` {
		t.Errorf("Marshal(only Extra) = %s, %v; want {\"k\":true}", onlyExtra, err)
	}

	for _, tc := range []struct {
		name  string
		extra claims.Set
		text  string
	}{
		{"registered name", claims.Set{"exp": json.RawMessage(`1`)}, "exp"},
		{"case variant of a registered name", claims.Set{"Exp": json.RawMessage(`1`)}, "Exp"},
		{"invalid JSON", claims.Set{"x": json.RawMessage(`{`)}, "x"},
		{"two values", claims.Set{"x": json.RawMessage(`1 2`)}, "x"},
		{"empty value", claims.Set{"x": nil}, "x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := claims.Dynamic{Extra: tc.extra}.MarshalJSON()
			if !errors.Is(err, claims.ErrMalformed) || !strings.Contains(err.Error(), tc.text) || got != nil {
				t.Errorf("MarshalJSON = %s, %v; want nil and ErrMalformed containing %q", got, err, tc.text)
			}
		})
	}
}
