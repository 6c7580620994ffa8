package claims_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/claims"
)

func TestAudienceUnmarshal(t *testing.T) {
	tests := []struct {
		in      string
		want    claims.Audience
		wantErr string // substring of the error; "" means success
	}{
		{in: `"api"`, want: claims.Audience{"api"}},
		{in: `""`, want: claims.Audience{""}},
		{in: `["a","b"]`, want: claims.Audience{"a", "b"}},
		{in: `[ "a" , "b" ]`, want: claims.Audience{"a", "b"}},
		{in: "[\n\t\"a\"\r]", want: claims.Audience{"a"}},
		{in: `["a"]`, want: claims.Audience{"a"}},
		{in: `[]`, want: claims.Audience{}},
		{in: `[ ]`, want: claims.Audience{}},
		{in: `"caf\u00e9 \ud83d\ude00 \n\/"`, want: claims.Audience{"café 😀 \n/"}},
		{in: `"é😀"`, want: claims.Audience{"é😀"}},
		{in: `null`, wantErr: "got null"},
		{in: `1`, wantErr: "got a number"},
		{in: `true`, wantErr: "got a boolean"},
		{in: `{"a":1}`, wantErr: "got an object"},
		{in: `["a",1]`, wantErr: "array element is a number, not a string"},
		{in: `["a",null]`, wantErr: "array element is null"},
		{in: `[["a"]]`, wantErr: "array element is an array"},
		{in: `["a",]`, wantErr: "array element is not a JSON value"},
		{in: `["a" "b"]`, wantErr: "expected ','"},
		{in: `["a"`, wantErr: "unterminated array"},
		{in: `["a",`, wantErr: "unterminated array"},
		{in: `[`, wantErr: "unterminated array"},
		{in: `["a"] `, wantErr: "data after the array"},
		{in: `[] x`, wantErr: "data after the array"},
		{in: `"a" `, wantErr: "invalid string"},
		{in: `"a`, wantErr: "invalid string"},
		{in: "\"\xff\"", wantErr: "invalid string"},
		{in: `"\ud800"`, wantErr: "invalid string"},
		{in: `"\udc00"`, wantErr: "invalid string"},
		{in: `"\ud800\u0041"`, wantErr: "invalid string"},
		{in: `"\x"`, wantErr: "invalid string"},
		{in: "\"a\tb\"", wantErr: "invalid string"},
		{in: ``, wantErr: "empty value"},
		{in: ` "a"`, wantErr: "got not a JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a := claims.Audience{"unchanged"}
			err := a.UnmarshalJSON([]byte(tt.in))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("UnmarshalJSON(%q) = %v", tt.in, err)
				}
				if diff := cmp.Diff(tt.want, a); diff != "" {
					t.Errorf("UnmarshalJSON(%q) mismatch (-want +got):\n%s", tt.in, diff)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, claims.ErrMalformed) {
				t.Errorf("UnmarshalJSON(%q) = %v, want an ErrMalformed error containing %q", tt.in, err, tt.wantErr)
			}
			if len(a) != 1 || a[0] != "unchanged" {
				t.Errorf("UnmarshalJSON(%q) changed the audience to %q on error", tt.in, a)
			}
		})
	}
}

func TestAudienceMarshal(t *testing.T) {
	tests := []struct {
		a    claims.Audience
		want string
	}{
		{nil, `[]`},
		{claims.Audience{}, `[]`},
		{claims.Audience{"api"}, `"api"`},
		{claims.Audience{"a", "b"}, `["a","b"]`},
		{claims.Audience{"<&>"}, `"\u003c\u0026\u003e"`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.a)
		if err != nil || string(got) != tt.want {
			t.Errorf("json.Marshal(%#v) = %s, %v, want %s", tt.a, got, err, tt.want)
		}
	}
	for _, r := range []claims.Registered{{}, {Audience: claims.Audience{}}} {
		got, err := json.Marshal(r)
		if err != nil || string(got) != `{}` {
			t.Errorf("json.Marshal(%#v) = %s, %v, want {} (aud omitted)", r, got, err)
		}
	}
}

func TestAudienceContains(t *testing.T) {
	a := claims.Audience{"https://api.example.com", "billing"}
	for _, s := range []string{"https://api.example.com", "billing"} {
		if !a.Contains(s) {
			t.Errorf("%q.Contains(%q) = false, want true", a, s)
		}
	}
	for _, s := range []string{"", "Billing", "https://API.example.com", "bill"} {
		if a.Contains(s) {
			t.Errorf("%q.Contains(%q) = true, want false", a, s)
		}
	}
}

func TestAudienceErrorNamesClaim(t *testing.T) {
	var r claims.Registered
	err := claims.Decode([]byte(`{"aud":["a",1]}`), &r)
	const want = "claims: aud: malformed claims: Audience: array element is a number, not a string"
	if err == nil || err.Error() != want {
		t.Errorf("Decode = %v, want %q", err, want)
	}
}
