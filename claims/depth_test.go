package claims_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/signet-go/signet/claims"
)

// TestDecodeNesting pins issue 9's nesting rule: a private claim nested 32
// levels deep inside the claims object decodes (the claims object itself is
// not counted), one level more is refused, and a hostile 10 000-level
// payload is refused as malformed, whatever the destination.
func TestDecodeNesting(t *testing.T) {
	arrays := func(levels int) string {
		return `{"exp":1,"deep":` + strings.Repeat("[", levels) + `"x"` + strings.Repeat("]", levels) + `}`
	}
	objects := func(levels int) string {
		return `{"exp":1,"deep":` + strings.Repeat(`{"n":`, levels-1) + `{}` + strings.Repeat("}", levels-1) + `}`
	}
	type withAny struct {
		claims.Registered
		Deep any `json:"deep"`
	}
	type withRaw struct {
		claims.Registered
		Deep json.RawMessage `json:"deep"`
	}
	dsts := map[string]func() any{
		"Registered": func() any { return new(claims.Registered) },
		"any":        func() any { return new(withAny) },
		"RawMessage": func() any { return new(withRaw) },
		"Set":        func() any { return new(claims.Set) },
		"Dynamic":    func() any { return new(claims.Dynamic) },
	}
	tests := []struct {
		name    string
		payload string
		ok      bool
	}{
		{"arrays 32 deep", arrays(32), true},
		{"objects 32 deep", objects(32), true},
		{"arrays 33 deep", arrays(33), false},
		{"objects 33 deep", objects(33), false},
		{"hostile arrays", arrays(10_000), false},
		{"hostile objects", objects(10_000), false},
		{"hostile unclosed", `{"deep":` + strings.Repeat("[", 10_000), false},
	}
	for _, tt := range tests {
		for dname, dst := range dsts {
			t.Run(tt.name+"/"+dname, func(t *testing.T) {
				err := claims.Decode([]byte(tt.payload), dst())
				if tt.ok {
					if err != nil {
						t.Errorf("Decode(%.30s...) = %v, want nil", tt.payload, err)
					}
					return
				}
				if !errors.Is(err, claims.ErrMalformed) || !strings.Contains(err.Error(), "nesting too deep") {
					t.Errorf("Decode(%.30s...) = %v, want ErrMalformed: nesting too deep", tt.payload, err)
				}
			})
		}
	}
}
