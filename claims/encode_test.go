//lint:file-ignore SA5008 the tag json:"-," names a member "-", as encoding/json documents: the encoder must do the same

package claims_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
)

type (
	role     string
	encInner struct {
		Zone string `json:"zone,omitempty"`
		Rank int    `json:"rank"`
	}
	// encClaims has a field of every kind the claims encoder writes.
	encClaims struct {
		claims.Registered
		encInner
		Name   string             `json:"name"`
		Admin  bool               `json:"admin,omitempty"`
		Level  int8               `json:"level,omitzero"`
		Count  uint64             `json:"count"`
		Big    int64              `json:"big,omitempty"`
		Role   role               `json:"role,omitempty"`
		Odd    string             `json:"a<b&c>"`
		Plain  string             // no tag: the Go name
		Skip   string             `json:"-"`
		Dash   string             `json:"-,"`
		Extra  claims.Audience    `json:"extra,omitzero"`
		When   claims.NumericDate `json:"when,omitzero"`
		hidden string
	}
	minimalClaims struct {
		claims.Registered
	}
	// Types the encoder leaves to encoding/json.
	floatClaims struct {
		claims.Registered
		Score float64 `json:"score"`
	}
	quotedClaims struct {
		claims.Registered
		N int `json:"n,string"`
	}
	pointerEmbedded struct {
		*claims.Registered
		Name string `json:"name"`
	}
	sliceClaims struct {
		claims.Registered
		Roles []string `json:"roles"`
	}
	textClaims struct {
		claims.Registered
		When time.Time `json:"when"`
	}
	methodClaims struct {
		claims.Registered
		Name string `json:"name"`
	}
	noRegistered struct {
		Name string `json:"name"`
	}
)

func (m methodClaims) MarshalJSON() ([]byte, error) { return []byte(`{"custom":true}`), nil }

// Compile-time use of the unexported field, so vet sees it is deliberate.
var _ = encClaims{hidden: ""}

var encStrings = []string{"", "ada", "<script>&amp;</script>", "\u2028\u2029", "a\u2028b", "\"\\\n\r\t\b\f\x00\x1f\x7f",
	"\xff\xfe", "\xe2\x80", "\xe2\x80\xa8x", "é€😀", "\ufffd", "a\xe2", "&"}

// TestMarshalMatchesEncodingJSON compares Marshal and AppendMarshal with
// encoding/json's Marshal for every claims type of the package's tests and
// values with every string escape, empty and absent values, fractional
// dates and audiences of 0, 1 and 2 members; and checks which types the
// claims encoder takes.
func TestMarshalMatchesEncodingJSON(t *testing.T) {
	dates := []claims.NumericDate{{}, claims.UnixDate(0), claims.UnixDate(-1), claims.UnixDate(1700000000)}
	for _, s := range []string{"1.5", "-1.5", "1700000000.000000001", "0.0000000001", "-0.0000000001"} {
		var d claims.NumericDate
		if err := d.UnmarshalJSON([]byte(s)); err != nil {
			t.Fatal(err)
		}
		dates = append(dates, d)
	}
	auds := []claims.Audience{nil, {}, {"api"}, {"a", "<b>"}}
	var values []any
	for i, s := range encStrings {
		d := dates[i%len(dates)]
		aud := auds[i%len(auds)]
		r := claims.Registered{Issuer: s, Subject: encStrings[(i+1)%len(encStrings)], Audience: aud, ExpiresAt: d, NotBefore: dates[(i+1)%len(dates)], IssuedAt: dates[(i+2)%len(dates)], ID: s}
		values = append(values,
			encClaims{Registered: r, encInner: encInner{Zone: s, Rank: -i}, Name: s, Admin: i%2 == 0, Level: int8(i - 5), Count: uint64(i) << 60,
				Big: int64(-i) << 58, Role: role(s), Odd: s, Plain: s, Skip: s, Dash: s, Extra: aud, When: d},
			&encClaims{Registered: r, Name: s},
			minimalClaims{r}, &minimalClaims{r}, r, &r,
			floatClaims{Registered: r, Score: 1.5}, quotedClaims{Registered: r, N: i}, pointerEmbedded{Registered: &r, Name: s},
			pointerEmbedded{Name: s}, sliceClaims{Registered: r, Roles: []string{s}}, textClaims{Registered: r}, methodClaims{Registered: r},
			noRegistered{Name: s}, fuzzClaims{Registered: r, Name: s, Kind: s},
		)
	}
	for _, v := range values {
		want, wantErr := json.Marshal(v)
		got, err := claims.Marshal(v)
		if (err == nil) != (wantErr == nil) || !sameEncoding(got, want) {
			t.Errorf("Marshal(%#v) = %s, %v; encoding/json: %s, %v", v, got, err, want, wantErr)
		}
		app, err := claims.AppendMarshal([]byte("prefix"), v)
		switch {
		case wantErr != nil:
			if err == nil {
				t.Errorf("AppendMarshal(%#v) = %s, want an error", v, app)
			}
		case err != nil || !sameEncoding(app, append([]byte("prefix"), want...)):
			t.Errorf("AppendMarshal(%#v) = %s, %v; want prefix%s", v, app, err, want)
		}
	}
	for _, tt := range []struct {
		v    any
		fast bool
	}{
		{encClaims{}, true}, {&encClaims{}, true}, {minimalClaims{}, true}, {claims.Registered{}, true},
		{floatClaims{}, false}, {quotedClaims{}, false}, {pointerEmbedded{}, false}, {sliceClaims{}, false},
		{textClaims{}, false}, {methodClaims{}, false}, {noRegistered{}, false}, {fuzzClaims{}, false},
	} {
		if got := claims.Encodes(tt.v); got != tt.fast {
			t.Errorf("Encodes(%T) = %v, want %v", tt.v, got, tt.fast)
		}
	}
}

// TestAppendMarshalRefuses checks that AppendMarshal refuses, with
// ErrMalformed, the encodings Decode would refuse, and returns nil.
func TestAppendMarshalRefuses(t *testing.T) {
	for _, v := range []any{[]int{1}, "s", 5, nil, dupClaims{}, json.RawMessage("{\"a\":\"\xff\"}")} {
		out, err := claims.AppendMarshal(nil, v)
		if !errors.Is(err, claims.ErrMalformed) || out != nil {
			t.Errorf("AppendMarshal(%#v) = %q, %v; want nil, ErrMalformed", v, out, err)
		}
	}
}

// sameEncoding reports whether got and want, JSON encodings of the same
// claims, are the same bytes once each \ufffd escape inside a string is
// written as U+FFFD itself. That is the one choice in which encoding/json's
// output differs between the Go releases signet supports: Go 1.26 escapes
// the U+FFFD that replaces a byte of invalid UTF-8, Go 1.27 writes it as
// is. Both are the same JSON string; signet's encoder always escapes it.
func sameEncoding(got, want []byte) bool {
	return bytes.Equal(unescapeFFFD(got), unescapeFFFD(want))
}

// unescapeFFFD returns b with each \ufffd escape in a JSON string replaced
// by the UTF-8 of U+FFFD. It reads escapes as escapes, so the text "\\ufffd"
// (an escaped backslash, then "ufffd") is left alone.
func unescapeFFFD(b []byte) []byte {
	out := make([]byte, 0, len(b))
	inString := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case !inString:
			inString = c == '"'
		case c == '"':
			inString = false
		case c == '\\' && bytes.HasPrefix(b[i:], []byte(`\ufffd`)):
			out = append(out, "\ufffd"...)
			i += len(`\ufffd`) - 1
			continue
		case c == '\\' && i+1 < len(b):
			out = append(out, c, b[i+1])
			i++
			continue
		}
		out = append(out, c)
	}
	return out
}

// TestUnescapeFFFD pins the test helper sameEncoding relies on.
func TestUnescapeFFFD(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`{"a":"x\ufffdy"}`, "{\"a\":\"x\ufffdy\"}"},
		{`{"a":"\\ufffd"}`, `{"a":"\\ufffd"}`},
		{`{"a":"\\\ufffd"}`, "{\"a\":\"\\\\\ufffd\"}"},
		{`{"a":"\"\ufffd"}`, "{\"a\":\"\\\"\ufffd\"}"},
		{`{"a":"\u2028"}`, `{"a":"\u2028"}`},
		{`{"\ufffd":1}`, "{\"\ufffd\":1}"},
	} {
		if got := string(unescapeFFFD([]byte(tt.in))); got != tt.want {
			t.Errorf("unescapeFFFD(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if sameEncoding([]byte(`{"a":"\ufffe"}`), []byte("{\"a\":\"\ufffd\"}")) {
		t.Error("sameEncoding equates another escape with U+FFFD")
	}
}

type dupClaims struct{}

func (dupClaims) MarshalJSON() ([]byte, error) { return []byte(`{"a":1,"a":2}`), nil }

// FuzzMarshal compares Marshal with encoding/json's Marshal on claims with
// fuzzed strings, integers, dates and audiences.
func FuzzMarshal(f *testing.F) {
	for i, s := range encStrings {
		f.Add(s, encStrings[(i+3)%len(encStrings)], int64(i)<<40, uint64(i), int32(i*123456789), uint8(i))
	}
	f.Fuzz(func(t *testing.T, s1, s2 string, n int64, u uint64, nsec int32, bitsIn uint8) {
		var d claims.NumericDate
		if err := d.UnmarshalJSON([]byte(dateText(n, nsec, bitsIn))); err != nil {
			d = claims.UnixDate(n)
		}
		var aud claims.Audience
		switch bitsIn % 4 {
		case 1:
			aud = claims.Audience{}
		case 2:
			aud = claims.Audience{s1}
		case 3:
			aud = claims.Audience{s1, s2}
		}
		if bitsIn&16 != 0 {
			d = claims.NumericDate{}
		}
		v := encClaims{
			Registered: claims.Registered{Issuer: s1, Subject: s2, Audience: aud, ExpiresAt: d, IssuedAt: claims.UnixDate(n), ID: s2},
			encInner:   encInner{Zone: s2, Rank: int(n)},
			Name:       s1, Admin: bitsIn&32 != 0, Level: int8(n), Count: u, Big: n, Role: role(s2), Odd: s1, Plain: s2, Extra: aud, When: d,
		}
		want, wantErr := json.Marshal(v)
		got, err := claims.Marshal(&v)
		if (err == nil) != (wantErr == nil) || !sameEncoding(got, want) {
			t.Fatalf("Marshal = %s, %v; encoding/json: %s, %v", got, err, want, wantErr)
		}
		if err == nil {
			var back encClaims
			if err := claims.Decode(got, &back); err != nil {
				t.Fatalf("Decode(Marshal output %s) = %v", got, err)
			}
		}
	})
}

// dateText returns a JSON number made of n, a fraction from nsec and, for
// some bits, an exponent.
func dateText(n int64, nsec int32, bits uint8) string {
	b := []byte(json.Number(jsonInt(n)))
	if bits&1 != 0 {
		b = append(b, '.')
		b = append(b, jsonInt(int64(nsec&0x7fffffff))...)
	}
	if bits&2 != 0 {
		b = append(b, 'e', '-', '0'+bits%10)
	}
	return string(b)
}

func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
