package base64url_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/base64url"
)

// FuzzRoundTrip checks that encoding then decoding gives the input back,
// that the encoding has EncodedLen bytes and matches encoding/base64, and,
// reading the input as an encoding, that whatever decodes re-encodes to
// exactly the same bytes.
func FuzzRoundTrip(f *testing.F) {
	for _, v := range append(vectors, urlVectors...) {
		f.Add([]byte(v.decoded))
		f.Add([]byte(v.encoded))
	}
	for _, e := range decodeErrors {
		f.Add([]byte(e.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		enc := base64url.EncodeToString(data)
		if len(enc) != base64url.EncodedLen(len(data)) {
			t.Fatalf("len(EncodeToString(%q)) = %d, want EncodedLen(%d) = %d", data, len(enc), len(data), base64url.EncodedLen(len(data)))
		}
		if want := base64.RawURLEncoding.EncodeToString(data); enc != want {
			t.Fatalf("EncodeToString(%q) = %q, want %q", data, enc, want)
		}
		if got := base64url.AppendEncode([]byte("x"), data); string(got) != "x"+enc {
			t.Fatalf("AppendEncode(%q, %q) = %q, want %q", "x", data, got, "x"+enc)
		}

		dec, err := base64url.DecodeString(enc)
		if err != nil {
			t.Fatalf("DecodeString(%q) = %v, want nil error", enc, err)
		}
		if diff := cmp.Diff(data, dec, cmp.Comparer(bytes.Equal)); diff != "" {
			t.Fatalf("DecodeString(EncodeToString(%q)) mismatch (-want +got):\n%s", data, diff)
		}
		if base64url.DecodedLen(len(enc)) != len(data) {
			t.Fatalf("DecodedLen(%d) = %d, want %d", len(enc), base64url.DecodedLen(len(enc)), len(data))
		}

		// The input as an encoding: decoding then re-encoding is the identity.
		if dec, err := base64url.DecodeString(string(data)); err == nil {
			if re := base64url.EncodeToString(dec); re != string(data) {
				t.Fatalf("EncodeToString(DecodeString(%q)) = %q, want the input", data, re)
			}
		}
	})
}

// FuzzDecode checks decoding against encoding/base64's
// RawURLEncoding.Strict(): on inputs without CR or LF, which the standard
// decoder skips, both accept the same inputs, decode them to the same bytes
// and report the same offset (except for non-zero trailing bits after two
// characters, where this package names the offending last character and
// encoding/base64 the one before). Inputs with CR or LF are refused. What
// decodes re-encodes to the input, and an error returns nothing.
func FuzzDecode(f *testing.F) {
	for _, v := range append(vectors, urlVectors...) {
		f.Add([]byte(v.encoded))
	}
	for _, e := range decodeErrors {
		f.Add([]byte(e.in))
	}
	f.Add([]byte("Zm9v\r\n"))
	f.Add([]byte("\r\nZm9vYmFy"))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := base64url.DecodeString(string(in))

		// Decode and AppendDecode (the []byte instantiation) agree with
		// DecodeString (the string one).
		buf := make([]byte, base64url.DecodedLen(len(in)))
		n, errDecode := base64url.Decode(buf, in)
		prefix := []byte("keep")
		app, errAppend := base64url.AppendDecode(prefix, in)
		if !errors.Is(errDecode, err) || !errors.Is(errAppend, err) {
			t.Fatalf("Decode(%q), AppendDecode, DecodeString = %v, %v, %v, want the same error", in, errDecode, errAppend, err)
		}

		if err != nil {
			var cie base64url.CorruptInputError
			if !errors.As(err, &cie) || cie < 0 || int(cie) >= len(in) {
				t.Fatalf("DecodeString(%q) error = %v, want a CorruptInputError within the input", in, err)
			}
			if got != nil || n != 0 || app != nil || string(prefix) != "keep" {
				t.Fatalf("Decode(%q) failed with %v but returned %q, %d, %q", in, err, got, n, app)
			}
		} else {
			if re := base64url.EncodeToString(got); re != string(in) {
				t.Fatalf("EncodeToString(DecodeString(%q)) = %q, want the input", in, re)
			}
			if n != len(got) || !bytes.Equal(buf[:n], got) || string(app) != "keep"+string(got) {
				t.Fatalf("Decode(%q) = %q (%d), AppendDecode = %q, DecodeString = %q, want agreement", in, buf[:n], n, app, got)
			}
		}

		if i := bytes.IndexAny(in, "\r\n"); i >= 0 {
			var cie base64url.CorruptInputError
			if !errors.As(err, &cie) || int(cie) > i {
				t.Fatalf("DecodeString(%q) = %q, %v, want an error at or before offset %d", in, got, err, i)
			}
			return
		}

		want, stdErr := stdStrict.DecodeString(string(in))
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("DecodeString(%q) = %q, %v, want %q, %v (encoding/base64)", in, got, err, want, stdErr)
		}
		if err == nil {
			if diff := cmp.Diff(want, got, cmp.Comparer(bytes.Equal)); diff != "" {
				t.Fatalf("DecodeString(%q) mismatch with encoding/base64 (-want +got):\n%s", in, diff)
			}
			return
		}
		var stdCIE base64.CorruptInputError
		if !errors.As(stdErr, &stdCIE) {
			t.Fatalf("encoding/base64 returned %v for %q, not a CorruptInputError", stdErr, in)
		}
		wantOffset := int64(stdCIE)
		l := len(in)
		if l%4 == 2 && wantOffset == int64(l-2) && inAlphabet(in[l-2]) && inAlphabet(in[l-1]) {
			wantOffset = int64(l - 1) // trailing bits after two characters
		}
		if int64(err.(base64url.CorruptInputError)) != wantOffset {
			t.Fatalf("DecodeString(%q) = %v, want %v (encoding/base64 said %v)", in, err, base64url.CorruptInputError(wantOffset), stdErr)
		}
	})
}

func inAlphabet(c byte) bool {
	return strings.IndexByte(alphabet, c) >= 0
}
