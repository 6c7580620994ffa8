package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestObjectAccepts(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		names []string
		vals  []string
	}{
		{"empty", `{}`, nil, nil},
		{"spaces", " \t\r\n{ } \n", nil, nil},
		{"header", `{"alg":"HS256","typ":"JWT"}`, []string{"alg", "typ"}, []string{`"HS256"`, `"JWT"`}},
		{"rfc7515-A.1", "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}", []string{"typ", "alg"}, []string{`"JWT"`, `"HS256"`}},
		{"escaped name", `{"\u0061lg":"x"}`, []string{"alg"}, []string{`"x"`}},
		{"all value kinds", `{"a":1,"b":-0.5e+10,"c":true,"d":false,"e":null,"f":[1,[],{}],"g":{"a":{"a":1}},"h":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}`,
			[]string{"a", "b", "c", "d", "e", "f", "g", "h"},
			[]string{`1`, `-0.5e+10`, `true`, `false`, `null`, `[1,[],{}]`, `{"a":{"a":1}}`, `"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`}},
		{"same name in sibling objects", `{"a":{"x":1},"b":{"x":1}}`, []string{"a", "b"}, []string{`{"x":1}`, `{"x":1}`}},
		{"utf-8", `{"é":"日本"}`, []string{"é"}, []string{`"日本"`}},
		{"case variants are different names", `{"iss":1,"ISS":2}`, []string{"iss", "ISS"}, []string{"1", "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var names, vals []string
			err := Object([]byte(tt.in), func(name, value []byte) error {
				names = append(names, string(name))
				vals = append(vals, string(value))
				return nil
			})
			if err != nil {
				t.Fatalf("Object(%q) = %v, want nil", tt.in, err)
			}
			if diff := cmp.Diff(tt.names, names); diff != "" {
				t.Errorf("names mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.vals, vals); diff != "" {
				t.Errorf("values mismatch (-want +got):\n%s", diff)
			}
			if !json.Valid([]byte(tt.in)) {
				t.Errorf("json.Valid(%q) = false; the test input is wrong", tt.in)
			}
		})
	}
}

func TestObjectRefuses(t *testing.T) {
	deep := strings.Repeat(`{"a":`, MaxDepth+2) + "1" + strings.Repeat("}", MaxDepth+2)
	deepArray := `{"a":` + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + "}"
	tests := []struct {
		name   string
		in     string
		offset int64
		msg    string
	}{
		{"empty input", ``, 0, "expected '{'"},
		{"array", `[]`, 0, "expected '{'"},
		{"string", `"a"`, 0, "expected '{'"},
		{"bom", "\xef\xbb\xbf{}", 0, "byte-order mark"},
		{"trailing object", `{}{}`, 2, "data after the top-level object"},
		{"trailing garbage", `{} x`, 3, "data after the top-level object"},
		{"trailing nul", "{}\x00", 2, "data after the top-level object"},
		{"duplicate", `{"exp":1,"exp":2}`, 9, `duplicate member name "exp"`},
		{"duplicate escaped", `{"alg":"HS256","\u0061lg":"none"}`, 15, `duplicate member name "alg"`},
		{"duplicate nested", `{"a":{"b":1,"b":2}}`, 12, `duplicate member name "b"`},
		{"duplicate in array object", `{"a":[{"b":1,"b":2}]}`, 13, `duplicate member name "b"`},
		{"invalid utf-8 in value", "{\"a\":\"\xff\"}", 6, "invalid UTF-8"},
		{"invalid utf-8 in name", "{\"\xc3\":1}", 2, "invalid UTF-8"},
		{"overlong utf-8", "{\"a\":\"\xc0\xaf\"}", 6, "invalid UTF-8"},
		{"surrogate in utf-8", "{\"a\":\"\xed\xa0\x80\"}", 6, "invalid UTF-8"},
		{"lone high surrogate", `{"a":"\ud800"}`, 6, `lone surrogate in \u escape`},
		{"lone low surrogate", `{"a":"\udc00"}`, 6, `lone surrogate in \u escape`},
		{"high then non-low", `{"a":"\ud800\u0041"}`, 6, `lone surrogate in \u escape`},
		{"bad escape", `{"a":"\x"}`, 6, "invalid escape"},
		{"short unicode escape", `{"a":"\u12"}`, 6, `invalid \u escape`},
		{"control char", "{\"a\":\"\n\"}", 6, "control character in string"},
		{"unterminated string", `{"a":"b`, 7, "unterminated string"},
		{"unterminated object", `{"a":1`, 6, "unexpected end of input"},
		{"missing colon", `{"a" 1}`, 5, "expected ':'"},
		{"missing value", `{"a":}`, 5, `invalid character '}' looking for a value`},
		{"trailing comma", `{"a":1,}`, 7, "expected a member name"},
		{"single quotes", `{'a':1}`, 1, "expected a member name"},
		{"unquoted name", `{a:1}`, 1, "expected a member name"},
		{"leading zero", `{"a":01}`, 6, "invalid number: leading zero"},
		{"plus sign", `{"a":+1}`, 5, `invalid character '+' looking for a value`},
		{"bare dot", `{"a":1.}`, 7, "invalid number: no digits after '.'"},
		{"bare exponent", `{"a":1e}`, 7, "invalid number: no digits in exponent"},
		{"minus alone", `{"a":-}`, 6, "invalid number"},
		{"NaN", `{"a":NaN}`, 5, `invalid character 'N' looking for a value`},
		{"bad literal", `{"a":tru}`, 5, "invalid literal"},
		{"bad array", `{"a":[1 2]}`, 8, "expected ',' or ']'"},
		{"too deep objects", deep, int64(5 * (MaxDepth + 1)), "nesting too deep"},
		{"too deep arrays", deepArray, int64(5 + MaxDepth), "nesting too deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := 0
			err := Object([]byte(tt.in), func(name, value []byte) error { called++; return nil })
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Object(%q) = %v, want a *SyntaxError", tt.in, err)
			}
			if se.Offset != tt.offset || se.Msg != tt.msg {
				t.Errorf("Object(%q) = %q at %d, want %q at %d", tt.in, se.Msg, se.Offset, tt.msg, tt.offset)
			}
		})
	}
}

func TestObjectCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Object([]byte(`{"a":1,"b":2}`), func(name, value []byte) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("Object with failing callback = %v after %d calls, want %v after 1", err, n, stop)
	}
}

func TestManyMembers(t *testing.T) {
	// Past objectMapThreshold, duplicate detection uses a map: check both paths.
	for _, n := range []int{objectMapThreshold - 1, objectMapThreshold, objectMapThreshold + 1, 500} {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"k` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + `":1`)
		}
		ok := b.String() + "}"
		if err := Object([]byte(ok), nil); err != nil {
			t.Errorf("Object(%d distinct members) = %v", n, err)
		}
		dup := b.String() + `,"ka` + `a":2}`
		if err := Object([]byte(dup), nil); err == nil {
			t.Errorf("Object(%d members + duplicate of the first) = nil, want an error", n)
		}
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct{ in, want string }{
		{`""`, ""},
		{`"HS256"`, "HS256"},
		{`"a\"b\\c\/d\be\ff\ng\rh\ti"`, "a\"b\\c/d\be\ff\ng\rh\ti"},
		{`"\u00e9\u65e5"`, "é日"},
		{`"\ud83d\ude00!"`, "😀!"},
	}
	for _, tt := range tests {
		got, ok := Unquote([]byte(tt.in), nil)
		if !ok || string(got) != tt.want {
			t.Errorf("Unquote(%s) = %q, %v, want %q, true", tt.in, got, ok, tt.want)
		}
	}
	for _, in := range []string{``, `"`, `1`, `"a`, `a"`, `{}`} {
		if got, ok := Unquote([]byte(in), nil); ok || got != nil {
			t.Errorf("Unquote(%s) = %q, %v, want nil, false", in, got, ok)
		}
	}
}

func TestAllocations(t *testing.T) {
	hdr := []byte(`{"alg":"HS256","typ":"JWT","kid":"key-1"}`)
	claims := []byte(`{"iss":"https://issuer.example","sub":"user-42","aud":"api","exp":1700003600,"nbf":1700000000,"iat":1700000000,"jti":"abc","name":"Ada","admin":true,"roles":["a","b"],"ctx":{"x":1}}`)
	for _, in := range [][]byte{hdr, claims} {
		n := testing.AllocsPerRun(100, func() {
			if err := Object(in, func(name, value []byte) error { return nil }); err != nil {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("Object(%s) allocates %v times, want 0", in, n)
		}
	}
}

// FuzzObject checks Object against encoding/json: whatever Object accepts,
// encoding/json accepts with the same members; whatever encoding/json
// refuses, Object refuses; and what Object refuses beyond that is one of
// the strict rules.
func FuzzObject(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"alg":"HS256","typ":"JWT"}`, `{"a":[1,2,{"b":null}],"c":"\u00e9"}`, `{"a":1,"a":2}`,
		`{"\u0061":1,"a":2}`, "{\"a\":\"\xff\"}", `{"a":"\ud800"}`, `{"a":1}x`, "\xef\xbb\xbf{}",
		`{"a":-0.0e-0}`, `{"a":{"b":{"c":[[[]]]}}}`, `{"iss":"x","ISS":"y"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var names [][]byte
		var values [][]byte
		err := Object(data, func(name, value []byte) error {
			names = append(names, bytes.Clone(name))
			values = append(values, value)
			return nil
		})
		stdValid := json.Valid(data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > int64(len(data)) {
				t.Fatalf("Object(%q) = %v, want a *SyntaxError with an offset in range", data, err)
			}
			return
		}
		if !stdValid {
			t.Fatalf("Object(%q) = nil but json.Valid = false", data)
		}
		if !utf8.Valid(data) {
			t.Fatalf("Object(%q) = nil for invalid UTF-8", data)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("Object(%q) = nil but json.Unmarshal: %v", data, err)
		}
		if len(m) != len(names) {
			t.Fatalf("Object(%q) reported %d members, encoding/json found %d distinct", data, len(names), len(m))
		}
		for i, name := range names {
			v, ok := m[string(name)]
			if !ok {
				t.Fatalf("Object(%q) reported member %q that encoding/json did not find", data, name)
			}
			var a, b any
			if json.Unmarshal(v, &a) != nil || json.Unmarshal(values[i], &b) != nil || !cmp.Equal(a, b) {
				t.Fatalf("Object(%q) member %q = %s, encoding/json has %s", data, name, values[i], v)
			}
			if values[i][0] == '"' {
				var want string
				json.Unmarshal(values[i], &want)
				if got, ok := Unquote(values[i], nil); !ok || string(got) != want {
					t.Fatalf("Unquote(%s) = %q, want %q", values[i], got, want)
				}
			}
		}
	})
}

func TestParseString(t *testing.T) {
	tests := []struct {
		in   string
		want string
		n    int
	}{
		{`""`, "", 2},
		{`"abc" tail`, "abc", 5},
		{`"a\"b\\c\/\b\f\n\r\t"`, "a\"b\\c/\b\f\n\r\t", 21},
		{`"\u00e9\ud83d\ude00"`, "é😀", 20},
	}
	for _, tt := range tests {
		got, n, err := ParseString([]byte(tt.in))
		if err != nil || got != tt.want || n != tt.n {
			t.Errorf("ParseString(%s) = %q, %d, %v, want %q, %d, nil", tt.in, got, n, err, tt.want, tt.n)
		}
	}
	for _, in := range []string{``, `abc`, `"abc`, "\"\x01\"", "\"\xff\"", `"\ud800"`, `"\x"`} {
		if got, n, err := ParseString([]byte(in)); err == nil || got != "" || n != 0 {
			t.Errorf("ParseString(%q) = %q, %d, %v, want an error and nothing else", in, got, n, err)
		}
	}
}

// FuzzString checks AppendString and ParseString against encoding/json:
// AppendString encodes what encoding/json decodes back to the same string
// (invalid UTF-8 becoming U+FFFD), ParseString decodes what it encodes, and
// ParseString agrees with encoding/json on every token it accepts.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "abc", "a\"b\\c\n\x00\x1f", "é😀", "\xff", `"\ud83d\ude00"`, `"\u0061"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := AppendString(nil, s)
		var std string
		if err := json.Unmarshal(enc, &std); err != nil {
			t.Fatalf("AppendString(%q) = %s, which encoding/json refuses: %v", s, enc, err)
		}
		if want := string([]rune(s)); std != want { // each invalid byte becomes U+FFFD
			t.Fatalf("AppendString(%q) decodes to %q, want %q", s, std, want)
		}
		got, n, err := ParseString(enc)
		if err != nil || got != std || n != len(enc) {
			t.Fatalf("ParseString(%s) = %q, %d, %v, want %q, %d", enc, got, n, err, std, len(enc))
		}
		// s itself as a token: whatever ParseString accepts, encoding/json
		// decodes the same.
		if got, n, err := ParseString([]byte(s)); err == nil {
			if err := json.Unmarshal([]byte(s[:n]), &std); err != nil || std != got {
				t.Fatalf("ParseString(%q) = %q, encoding/json: %q, %v", s, got, std, err)
			}
		}
	})
}

// TestDepth pins what MaxDepth counts (issue 9): containers inside the
// top-level object, which itself is not counted, so a value nested exactly
// MaxDepth levels deep is accepted; and a hostile payload far deeper is
// refused at the first container beyond the limit, so the work done is
// bounded by the bytes up to there, not by the payload's size.
func TestDepth(t *testing.T) {
	nested := func(open, close string, levels int) string {
		return `{"a":` + strings.Repeat(open, levels) + "1" + strings.Repeat(close, levels) + "}"
	}
	tests := []struct {
		name    string
		in      string
		wantErr bool
		offset  int64 // of the refusal: where the scan stopped
	}{
		{name: "flat", in: `{"a":1}`},
		{name: "one array", in: nested("[", "]", 1)},
		{name: "arrays at MaxDepth", in: nested("[", "]", MaxDepth)},
		{name: "objects at MaxDepth", in: nested(`{"b":`, "}", MaxDepth)},
		{name: "mixed at MaxDepth", in: nested(`[{"b":`, "}]", MaxDepth/2)},
		{name: "arrays at MaxDepth+1", in: nested("[", "]", MaxDepth+1), wantErr: true, offset: 5 + MaxDepth},
		{name: "objects at MaxDepth+1", in: nested(`{"b":`, "}", MaxDepth+1), wantErr: true, offset: 5 + 5*MaxDepth},
		{name: "hostile arrays", in: nested("[", "]", 10_000), wantErr: true, offset: 5 + MaxDepth},
		{name: "hostile objects", in: nested(`{"b":`, "}", 10_000), wantErr: true, offset: 5 + 5*MaxDepth},
		{name: "hostile unclosed", in: `{"a":` + strings.Repeat("[", 10_000), wantErr: true, offset: 5 + MaxDepth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			members := 0
			err := Object([]byte(tt.in), func(name, value []byte) error { members++; return nil })
			if !tt.wantErr {
				if err != nil || members != 1 {
					t.Errorf("Object(%.40q...) = %v after %d members, want nil after 1", tt.in, err, members)
				}
				return
			}
			var se *SyntaxError
			if !errors.As(err, &se) || se.Msg != "nesting too deep" || se.Offset != tt.offset {
				t.Fatalf("Object(%.40q...) = %v, want \"nesting too deep\" at offset %d", tt.in, err, tt.offset)
			}
			if members != 0 {
				t.Errorf("Object(%.40q...) called fn %d times before refusing", tt.in, members)
			}
		})
	}
}
