package strictjson_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/internal/strictjson"
)

// TestArray checks the elements Array reports against encoding/json's
// split of the same array, and that it refuses what the strict rules
// refuse.
func TestArray(t *testing.T) {
	for _, in := range []string{
		`[]`, ` [ ] `, `[1]`, `[{"a":[1,{"b":null}]},"x",true,-1.5e3,[]]`, "[\n\"\\u00e9\" ,\t{} ]",
	} {
		var got []string
		if err := strictjson.Array([]byte(in), func(v []byte) error { got = append(got, string(v)); return nil }); err != nil {
			t.Errorf("Array(%q) = %v", in, err)
			continue
		}
		var raws []json.RawMessage
		if err := json.Unmarshal([]byte(in), &raws); err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, r := range raws {
			want = append(want, string(r))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Array(%q) elements mismatch (-encoding/json +Array):\n%s", in, diff)
		}
	}
	for _, in := range []string{
		``, `{}`, `[`, `[1,]`, `[1 2]`, `[1]x`, `[1][2]`, "\xef\xbb\xbf[]", `[{"a":1,"a":2}]`, "[\"\xff\"]",
		strings.Repeat("[", strictjson.MaxDepth+2) + strings.Repeat("]", strictjson.MaxDepth+2),
	} {
		var se *strictjson.SyntaxError
		if err := strictjson.Array([]byte(in), nil); !errors.As(err, &se) {
			t.Errorf("Array(%q) = %v, want a *SyntaxError", in, err)
		}
	}
	stop := errors.New("stop")
	n := 0
	if err := strictjson.Array([]byte(`[1,2,3]`), func([]byte) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Array with a failing callback = %v after %d calls, want stop after 1", err, n)
	}
}
