package claims

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// registeredCopy has the same fields as Registered, so makeFieldSet computes
// its fields with reflection rather than with the Registered shortcut.
type registeredCopy struct {
	Issuer    string      `json:"iss,omitempty"`
	Subject   string      `json:"sub,omitempty"`
	Audience  Audience    `json:"aud,omitempty"`
	ExpiresAt NumericDate `json:"exp,omitzero"`
	NotBefore NumericDate `json:"nbf,omitzero"`
	IssuedAt  NumericDate `json:"iat,omitzero"`
	ID        string      `json:"jti,omitempty"`
}

func TestRegisteredShortcut(t *testing.T) {
	// Names, types, tags, offsets and indexes must all match.
	a, b := reflect.VisibleFields(reflect.TypeFor[Registered]()), reflect.VisibleFields(reflect.TypeFor[registeredCopy]())
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("registeredCopy differs from Registered:\n%+v\n%+v", a, b)
	}
	type outer struct {
		Name string `json:"name"`
		Registered
	}
	type outerCopy struct {
		Name string `json:"name"`
		registeredCopy
	}
	for _, tc := range []struct{ shortcut, reflected reflect.Type }{
		{reflect.TypeFor[Registered](), reflect.TypeFor[registeredCopy]()},
		{reflect.TypeFor[outer](), reflect.TypeFor[outerCopy]()},
	} {
		got := makeFieldSet(nil, nil, tc.shortcut)
		want := makeFieldSet(nil, nil, tc.reflected)
		for i := range want.fields {
			want.fields[i].registered = true // the one intended difference
		}
		if tc.shortcut != reflect.TypeFor[Registered]() {
			got.fields[0].registered = false // outer's Name
			want.fields[0].registered = false
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(fieldSet{}, field{}), cmp.Comparer(func(a, b reflect.Type) bool { return a == b })); diff != "" {
			t.Errorf("makeFieldSet(%v) shortcut mismatch (-reflect +shortcut):\n%s", tc.shortcut, diff)
		}
	}
}

func TestFoldEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"iss", "iss", true},
		{"ISS", "iss", true},
		{"iSs", "Iss", true},
		{"ſub", "sub", true},
		{"ſub", "SUB", true},
		{"\u212aid", "kid", true},
		{"\u212aid", "KID", true},
		{"sub", "su", false},
		{"su", "sub", false},
		{"", "", true},
		{"", "a", false},
		{"a_b", "A_B", true},
		{"a_b", "a-b", false},
		{"@", "`", false}, // '@' + 0x20 is '`', which is not a letter
		{"[", "{", false},
		{"é", "É", true},
		{"σ", "Σ", true},
		{"ς", "σ", true}, // final sigma is in sigma's orbit
		{"straße", "STRASSE", false},
		{"İ", "i", false}, // not in the same simple-fold orbit
	}
	for _, tt := range tests {
		if got := foldEqual([]byte(tt.a), tt.b); got != tt.want {
			t.Errorf("foldEqual(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := strings.EqualFold(tt.a, tt.b); got != tt.want {
			t.Errorf("strings.EqualFold(%q, %q) = %v, want %v (test table error)", tt.a, tt.b, got, tt.want)
		}
		folded := bytes.Equal(appendFolded(nil, []byte(tt.a)), appendFolded(nil, []byte(tt.b)))
		if folded != tt.want {
			t.Errorf("appendFolded(%q) == appendFolded(%q) is %v, want %v", tt.a, tt.b, folded, tt.want)
		}
	}
}

func FuzzFoldEqual(f *testing.F) {
	f.Add("iss", "ISS")
	f.Add("ſub", "sub")
	f.Add("\u212aid", "kid")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		want := strings.EqualFold(a, b)
		if got := foldEqual([]byte(a), b); got != want {
			t.Errorf("foldEqual(%q, %q) = %v, strings.EqualFold = %v", a, b, got, want)
		}
		if got := bytes.Equal(appendFolded(nil, []byte(a)), appendFolded(nil, []byte(b))); got != want {
			t.Errorf("appendFolded(%q) == appendFolded(%q) is %v, strings.EqualFold = %v", a, b, got, want)
		}
	})
}

// TestPlanForConcurrent checks that goroutines asking for the plan of a
// type not seen before all get the same plan (run it with -race).
func TestPlanForConcurrent(t *testing.T) {
	typ := reflect.StructOf([]reflect.StructField{
		{Name: "Registered", Type: reflect.TypeFor[Registered](), Anonymous: true},
		{Name: "Aud", Type: reflect.TypeFor[string](), Tag: `json:"aud"`},
	})
	const n = 8
	plans := make(chan *fieldSet, n)
	for range n {
		go func() { plans <- planFor(typ) }()
	}
	first := <-plans
	for range n - 1 {
		if p := <-plans; p != first {
			t.Fatalf("planFor gave two plans for %v", typ)
		}
	}
	if first.shadowErr == nil || !strings.Contains(first.shadowErr.Error(), "field Aud") {
		t.Errorf("plan of %v: shadowErr = %v, want field Aud named", typ, first.shadowErr)
	}
}
