package claims_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/signet-go/signet/claims"
)

// vector is one paragraph of testdata/claims/decode.txt (see the README
// beside it).
type vector struct {
	name, source, expect, registered string
	payload                          []byte
}

func readVectors(t testing.TB) []vector {
	t.Helper()
	data, err := os.ReadFile("../testdata/claims/decode.txt")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	var v vector
	flush := func() {
		if v.name != "" {
			vs = append(vs, v)
		}
		v = vector{}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" {
			flush()
			continue
		}
		if strings.HasPrefix(text, "#") {
			continue
		}
		key, value, ok := strings.Cut(text, ": ")
		if !ok {
			t.Fatalf("decode.txt:%d: want key: value, got %q", line, text)
		}
		switch key {
		case "name":
			v.name = value
		case "source":
			v.source = value
		case "expect":
			v.expect = value
		case "registered":
			v.registered = value
		case "payload":
			v.payload = []byte(value)
		case "payload-quoted":
			s, err := strconv.Unquote(value)
			if err != nil {
				t.Fatalf("decode.txt:%d: %v", line, err)
			}
			v.payload = []byte(s)
		default:
			t.Fatalf("decode.txt:%d: unknown key %q", line, key)
		}
	}
	flush()
	if len(vs) == 0 {
		t.Fatal("decode.txt holds no vectors")
	}
	return vs
}

func TestVectors(t *testing.T) {
	for _, v := range readVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			if v.source == "" || v.payload == nil {
				t.Fatalf("vector %q lacks a source or a payload", v.name)
			}
			var r claims.Registered
			err := claims.Decode(v.payload, &r)
			switch v.expect {
			case "ok":
				if err != nil {
					t.Fatalf("Decode(%q) = %v, want success", v.payload, err)
				}
				got, err := json.Marshal(r)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != v.registered {
					t.Errorf("Decode(%q) = %s, want %s", v.payload, got, v.registered)
				}
			case "malformed":
				if !errors.Is(err, claims.ErrMalformed) {
					t.Errorf("Decode(%q) = %v, want ErrMalformed", v.payload, err)
				}
			default:
				t.Fatalf("vector %q: unknown expect %q", v.name, v.expect)
			}
		})
	}
}
