package base64url_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-go/signet/base64url"
)

// alphabet is RFC 4648 §5, Table 2, written out independently of the
// package's own table.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// vectors are the test vectors of RFC 4648 §10. Their base64 forms use no
// '+' or '/', so the URL alphabet spells them the same way, minus padding.
var vectors = []struct {
	decoded string
	encoded string
}{
	{decoded: "", encoded: ""},
	{decoded: "f", encoded: "Zg"},
	{decoded: "fo", encoded: "Zm8"},
	{decoded: "foo", encoded: "Zm9v"},
	{decoded: "foob", encoded: "Zm9vYg"},
	{decoded: "fooba", encoded: "Zm9vYmE"},
	{decoded: "foobar", encoded: "Zm9vYmFy"},
}

// urlVectors exercise the two characters where the URL alphabet differs
// from the standard one ('-' for '+', '_' for '/') and the JOSE header most
// tokens start with.
var urlVectors = []struct {
	decoded string
	encoded string
}{
	{decoded: "\xfb\xff", encoded: "-_8"},
	{decoded: "\xfb\xef\xbe", encoded: "----"},
	{decoded: "\xff\xff\xff", encoded: "____"},
	{decoded: "\x00\x00\x00", encoded: "AAAA"},
	{decoded: "\x03\xef\xff\xf9", encoded: "A-__-Q"},
	{decoded: `{"alg":"HS256","typ":"JWT"}`, encoded: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"},
}

// decodeErrors are inputs that strict unpadded base64url refuses, each with
// the offset that CorruptInputError must hold.
var decodeErrors = []struct {
	name   string
	in     string
	offset int64
}{
	// Padding.
	{name: "padding one", in: "Zm8=", offset: 3},
	{name: "padding two", in: "Zg==", offset: 2},
	{name: "padding alone", in: "====", offset: 0},
	{name: "padding after full quantum", in: "Zm9v=", offset: 4},
	{name: "padding in the middle", in: "Zg==Zm9v", offset: 2},

	// The standard alphabet's two characters.
	{name: "plus", in: "Zm9v+w", offset: 4},
	{name: "slash", in: "Zm9v/w", offset: 4},
	{name: "plus first", in: "+_8", offset: 0},
	{name: "slash last", in: "-_-/", offset: 3},

	// Whitespace and control bytes, which encoding/base64 skips (CR, LF)
	// or which lenient decoders trim.
	{name: "CR", in: "Zm9v\rYmFy", offset: 4},
	{name: "LF", in: "Zm9v\nYmFy", offset: 4},
	{name: "CRLF", in: "Zm9v\r\nYmFy", offset: 4},
	{name: "trailing LF", in: "Zm9vYmFy\n", offset: 8},
	{name: "leading LF", in: "\nZm9vYmFy", offset: 0},
	{name: "only CR LF", in: "\r\n", offset: 0},
	{name: "space", in: "Zm9v YmFy", offset: 4},
	{name: "leading space", in: " Zm9v", offset: 0},
	{name: "trailing space", in: "Zm9v ", offset: 4},
	{name: "tab", in: "Zm9v\tYmFy", offset: 4},
	{name: "NUL", in: "\x00Zm9", offset: 0},
	{name: "NUL last", in: "Zm9vYmF\x00", offset: 7},

	// Other bytes outside the alphabet.
	{name: "high byte 0x80", in: "Zm\x809", offset: 2},
	{name: "high byte 0xff", in: "Zm9vYmF\xff", offset: 7},
	{name: "UTF-8", in: "Zm9vé", offset: 4},
	{name: "dot", in: "eyJ.eyJ", offset: 3},
	{name: "DEL", in: "Zm9\x7f", offset: 3},

	// A bad byte at the start, in the middle and at the end of inputs long
	// enough to reach the 8-character loop.
	{name: "bad first of 16", in: "!m9vYmFyZm9vYmFy", offset: 0},
	{name: "bad middle of 16", in: "Zm9vYmFy!m9vYmFy", offset: 8},
	{name: "bad last of 16", in: "Zm9vYmFyZm9vYmF!", offset: 15},
	{name: "bad in long input", in: strings.Repeat("Zm9v", 40) + "*" + strings.Repeat("Zm9v", 40), offset: 160},

	// Length 4k+1: the last character cannot encode a whole byte.
	{name: "length 1", in: "Z", offset: 0},
	{name: "length 5", in: "Zm9vY", offset: 4},
	{name: "length 9", in: "Zm9vYmFyZ", offset: 8},
	{name: "length 4k+1 long", in: strings.Repeat("A", 401), offset: 400},
	{name: "length 4k+1 with earlier bad byte", in: "Zm!vY", offset: 2},
	{name: "length 4k+1 with bad last byte", in: "Zm9v!", offset: 4},

	// Non-zero unused bits in the final character.
	{name: "trailing bits 2 chars", in: "Zh", offset: 1},
	{name: "trailing bits 2 chars max", in: "Z_", offset: 1},
	{name: "trailing bits 3 chars", in: "Zm9", offset: 2},
	{name: "trailing bits 3 chars dash", in: "Zm-", offset: 2},
	{name: "trailing bits after quantum 2 chars", in: "Zm9vYh", offset: 5},
	{name: "trailing bits after quantum 3 chars", in: "Zm9vYmF", offset: 6},
	{name: "trailing bits long", in: strings.Repeat("Zm9v", 30) + "Zh", offset: 121},
	{name: "trailing bits with earlier bad byte", in: "Z!h", offset: 1},
}

func TestEncodeVectors(t *testing.T) {
	for _, tt := range append(vectors, urlVectors...) {
		t.Run(tt.encoded, func(t *testing.T) {
			if got := base64url.EncodeToString([]byte(tt.decoded)); got != tt.encoded {
				t.Errorf("EncodeToString(%q) = %q, want %q", tt.decoded, got, tt.encoded)
			}
			if got := base64url.EncodedLen(len(tt.decoded)); got != len(tt.encoded) {
				t.Errorf("EncodedLen(%d) = %d, want %d", len(tt.decoded), got, len(tt.encoded))
			}
			dst := make([]byte, len(tt.encoded))
			base64url.Encode(dst, []byte(tt.decoded))
			if string(dst) != tt.encoded {
				t.Errorf("Encode(%q) wrote %q, want %q", tt.decoded, dst, tt.encoded)
			}
			prefix := []byte("prefix.")
			if got, want := base64url.AppendEncode(prefix, []byte(tt.decoded)), "prefix."+tt.encoded; string(got) != want {
				t.Errorf("AppendEncode(%q, %q) = %q, want %q", prefix, tt.decoded, got, want)
			}
		})
	}
}

func TestDecodeVectors(t *testing.T) {
	for _, tt := range append(vectors, urlVectors...) {
		t.Run(tt.encoded, func(t *testing.T) {
			got, err := base64url.DecodeString(tt.encoded)
			if err != nil || string(got) != tt.decoded {
				t.Errorf("DecodeString(%q) = %q, %v, want %q, nil", tt.encoded, got, err, tt.decoded)
			}
			if l := base64url.DecodedLen(len(tt.encoded)); l != len(tt.decoded) {
				t.Errorf("DecodedLen(%d) = %d, want %d", len(tt.encoded), l, len(tt.decoded))
			}
			dst := make([]byte, len(tt.decoded))
			n, err := base64url.Decode(dst, []byte(tt.encoded))
			if err != nil || n != len(tt.decoded) || string(dst) != tt.decoded {
				t.Errorf("Decode(%q) = %d, %v and wrote %q, want %d, nil and %q", tt.encoded, n, err, dst, len(tt.decoded), tt.decoded)
			}
			prefix := []byte("prefix.")
			app, err := base64url.AppendDecode(prefix, []byte(tt.encoded))
			if want := "prefix." + tt.decoded; err != nil || string(app) != want {
				t.Errorf("AppendDecode(%q, %q) = %q, %v, want %q, nil", prefix, tt.encoded, app, err, want)
			}
		})
	}
}

// TestEveryByte encodes each byte value alone and all 256 in sequence,
// compares with encoding/base64 and decodes back.
func TestEveryByte(t *testing.T) {
	inputs := make([][]byte, 0, 257)
	for b := range 256 {
		inputs = append(inputs, []byte{byte(b)})
	}
	seq := make([]byte, 256)
	for i := range seq {
		seq[i] = byte(i)
	}
	inputs = append(inputs, seq)

	for _, in := range inputs {
		want := base64.RawURLEncoding.EncodeToString(in)
		got := base64url.EncodeToString(in)
		if got != want {
			t.Errorf("EncodeToString(%q) = %q, want %q", in, got, want)
			continue
		}
		back, err := base64url.DecodeString(got)
		if err != nil {
			t.Errorf("DecodeString(%q) = %v, want nil error", got, err)
			continue
		}
		if diff := cmp.Diff(in, back); diff != "" {
			t.Errorf("DecodeString(%q) mismatch (-want +got):\n%s", got, diff)
		}
	}
}

// TestAlphabet checks every byte value as a character: the 64 of the URL
// alphabet decode to their index and every other byte is refused at its
// offset.
func TestAlphabet(t *testing.T) {
	for b := range 256 {
		in := []byte{byte(b), 'A', 'A', 'A'}
		got, err := base64url.DecodeString(string(in))
		i := strings.IndexByte(alphabet, byte(b))
		if i < 0 {
			var cie base64url.CorruptInputError
			if !errors.As(err, &cie) || cie != 0 {
				t.Errorf("DecodeString(%q) = %q, %v, want CorruptInputError(0)", in, got, err)
			}
			continue
		}
		if want := []byte{byte(i << 2), 0, 0}; err != nil || !bytes.Equal(got, want) {
			t.Errorf("DecodeString(%q) = %q, %v, want %q, nil", in, got, err, want)
		}
	}
}

// TestLengths round-trips inputs of every length up to a few multiples of
// every loop width against encoding/base64, so each loop and tail meets
// each remainder.
func TestLengths(t *testing.T) {
	for n := range 200 {
		in := make([]byte, n)
		for i := range in {
			in[i] = byte(i*167 + n*13 + 1)
		}
		enc := base64url.EncodeToString(in)
		if want := base64.RawURLEncoding.EncodeToString(in); enc != want {
			t.Errorf("EncodeToString(%q) = %q, want %q", in, enc, want)
			continue
		}
		if got := base64url.EncodedLen(n); got != len(enc) {
			t.Errorf("EncodedLen(%d) = %d, want %d", n, got, len(enc))
		}
		if got := base64url.DecodedLen(len(enc)); got != n {
			t.Errorf("DecodedLen(%d) = %d, want %d", len(enc), got, n)
		}
		dst := make([]byte, n)
		got, err := base64url.Decode(dst, []byte(enc))
		if err != nil || got != n {
			t.Errorf("Decode(%q) = %d, %v, want %d, nil", enc, got, err, n)
			continue
		}
		if diff := cmp.Diff(in, dst); diff != "" {
			t.Errorf("Decode(%q) mismatch (-want +got):\n%s", enc, diff)
		}
	}
}

func TestLenFunctions(t *testing.T) {
	tests := []struct {
		n       int
		encoded int
		decoded int
	}{
		{n: 0, encoded: 0, decoded: 0},
		{n: 1, encoded: 2, decoded: 0},
		{n: 2, encoded: 3, decoded: 1},
		{n: 3, encoded: 4, decoded: 2},
		{n: 4, encoded: 6, decoded: 3},
		{n: 5, encoded: 7, decoded: 3},
		{n: 6, encoded: 8, decoded: 4},
		{n: 1024, encoded: 1366, decoded: 768},
		{n: math.MaxInt / 4 * 3, encoded: base64.RawURLEncoding.EncodedLen(math.MaxInt / 4 * 3), decoded: base64.RawURLEncoding.DecodedLen(math.MaxInt / 4 * 3)},
		{n: math.MaxInt, encoded: base64.RawURLEncoding.EncodedLen(math.MaxInt), decoded: base64.RawURLEncoding.DecodedLen(math.MaxInt)},
	}
	for _, tt := range tests {
		if got := base64url.EncodedLen(tt.n); got != tt.encoded {
			t.Errorf("EncodedLen(%d) = %d, want %d", tt.n, got, tt.encoded)
		}
		if got := base64url.DecodedLen(tt.n); got != tt.decoded {
			t.Errorf("DecodedLen(%d) = %d, want %d", tt.n, got, tt.decoded)
		}
	}
}

// TestDecodeErrors checks that every entry point refuses each input, with
// the documented offset, and returns nothing half-built.
func TestDecodeErrors(t *testing.T) {
	for _, tt := range decodeErrors {
		t.Run(tt.name, func(t *testing.T) {
			want := base64url.CorruptInputError(tt.offset)

			got, err := base64url.DecodeString(tt.in)
			checkCorrupt(t, "DecodeString", tt.in, err, want)
			if got != nil {
				t.Errorf("DecodeString(%q) = %q, want nil", tt.in, got)
			}

			dst := make([]byte, base64url.DecodedLen(len(tt.in)))
			n, err := base64url.Decode(dst, []byte(tt.in))
			checkCorrupt(t, "Decode", tt.in, err, want)
			if n != 0 {
				t.Errorf("Decode(%q) = %d, want 0", tt.in, n)
			}

			for _, prefix := range [][]byte{nil, []byte("keep"), make([]byte, 3, 1000)} {
				orig := bytes.Clone(prefix)
				app, err := base64url.AppendDecode(prefix, []byte(tt.in))
				checkCorrupt(t, "AppendDecode", tt.in, err, want)
				if app != nil {
					t.Errorf("AppendDecode(%q, %q) = %q, want nil beside the error", orig, tt.in, app)
				}
				if !bytes.Equal(prefix, orig) {
					t.Errorf("AppendDecode(%q, %q) changed dst to %q", orig, tt.in, prefix)
				}
			}
		})
	}
}

func checkCorrupt(t *testing.T, fn, in string, err error, want base64url.CorruptInputError) {
	t.Helper()
	var cie base64url.CorruptInputError
	if !errors.As(err, &cie) {
		t.Errorf("%s(%q) error = %v, want %v", fn, in, err, want)
		return
	}
	if cie != want {
		t.Errorf("%s(%q) error = %v, want %v", fn, in, err, want)
	}
}

// TestErrorAtEveryPosition puts a bad byte at each position of valid
// encodings of many lengths, so that the fast loops, the quantum loop and
// the tail all report the right offset.
func TestErrorAtEveryPosition(t *testing.T) {
	for n := range 80 {
		in := make([]byte, n)
		for i := range in {
			in[i] = byte(i*31 + 5)
		}
		enc := []byte(base64url.EncodeToString(in))
		for pos := range enc {
			for _, bad := range []byte{'=', '\n', '+', 0xff} {
				corrupted := bytes.Clone(enc)
				corrupted[pos] = bad
				_, err := base64url.Decode(make([]byte, n), corrupted)
				var cie base64url.CorruptInputError
				if !errors.As(err, &cie) || int(cie) != pos {
					t.Errorf("Decode(%q) = %v, want %v", corrupted, err, base64url.CorruptInputError(pos))
				}
			}
		}
	}
}

// TestTrailingBits tries every final character after one and two
// characters: only the canonical ones, whose unused bits are zero, decode.
func TestTrailingBits(t *testing.T) {
	for _, prefix := range []string{"", "Zm9vYmFy", strings.Repeat("_", 64)} {
		for i := range 64 {
			for _, tail := range []struct {
				s      string
				unused int // number of low bits of the last character that encode nothing
			}{
				{s: "Z" + alphabet[i:i+1], unused: 4},
				{s: "Zm" + alphabet[i:i+1], unused: 2},
			} {
				in := prefix + tail.s
				got, err := base64url.DecodeString(in)
				if i&(1<<tail.unused-1) == 0 {
					want, _ := base64.RawURLEncoding.DecodeString(in)
					if err != nil || !bytes.Equal(got, want) {
						t.Errorf("DecodeString(%q) = %q, %v, want %q, nil", in, got, err, want)
					}
					continue
				}
				checkCorrupt(t, "DecodeString", in, err, base64url.CorruptInputError(len(in)-1))
			}
		}
	}
}

func TestCorruptInputErrorMessage(t *testing.T) {
	tests := []struct {
		err  base64url.CorruptInputError
		want string
	}{
		{err: 0, want: "base64url: illegal data at input byte 0"},
		{err: 42, want: "base64url: illegal data at input byte 42"},
		{err: math.MaxInt64, want: fmt.Sprintf("base64url: illegal data at input byte %d", int64(math.MaxInt64))},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("CorruptInputError(%d).Error() = %q, want %q", int64(tt.err), got, tt.want)
		}
	}
}

// TestAppendGrows checks the Append functions when dst must grow, and that
// they never write into the visible part of dst.
func TestAppendGrows(t *testing.T) {
	src := []byte("the quick brown fox jumps over the lazy dog")
	enc := base64.RawURLEncoding.EncodeToString(src)
	for _, c := range []int{0, 1, 10, 100} {
		dst := make([]byte, 1, c+1)
		dst[0] = '#'
		got := base64url.AppendEncode(dst, src)
		if want := "#" + enc; string(got) != want {
			t.Errorf("AppendEncode(cap %d) = %q, want %q", c+1, got, want)
		}
		got, err := base64url.AppendDecode(dst, []byte(enc))
		if want := "#" + string(src); err != nil || string(got) != want {
			t.Errorf("AppendDecode(cap %d) = %q, %v, want %q, nil", c+1, got, err, want)
		}
	}
}

func TestEmpty(t *testing.T) {
	if got := base64url.EncodeToString(nil); got != "" {
		t.Errorf("EncodeToString(nil) = %q, want %q", got, "")
	}
	if got := base64url.AppendEncode(nil, nil); got != nil {
		t.Errorf("AppendEncode(nil, nil) = %q, want nil", got)
	}
	got, err := base64url.DecodeString("")
	if err != nil || len(got) != 0 {
		t.Errorf("DecodeString(%q) = %q, %v, want empty, nil", "", got, err)
	}
	n, err := base64url.Decode(nil, nil)
	if err != nil || n != 0 {
		t.Errorf("Decode(nil, nil) = %d, %v, want 0, nil", n, err)
	}
	app, err := base64url.AppendDecode(nil, nil)
	if err != nil || app != nil {
		t.Errorf("AppendDecode(nil, nil) = %q, %v, want nil, nil", app, err)
	}
}

// TestShortDst checks that Encode and Decode panic, rather than write past
// len(dst) into spare capacity, when dst is too short.
func TestShortDst(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{name: "Encode", f: func() { base64url.Encode(make([]byte, 3, 100), []byte("foo")) }},
		{name: "Encode nil", f: func() { base64url.Encode(nil, []byte("f")) }},
		{name: "Decode", f: func() { _, _ = base64url.Decode(make([]byte, 2, 100), []byte("Zm9v")) }},
		{name: "Decode nil", f: func() { _, _ = base64url.Decode(nil, []byte("Zg")) }},
		{name: "Decode 4k+1", f: func() { _, _ = base64url.Decode(make([]byte, 2), []byte("Zm9vY")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s with a short dst did not panic", tt.name)
				}
			}()
			tt.f()
		})
	}
}

// TestAllocations pins the allocation counts: none for the Append
// functions when dst has room, exactly one for the string functions.
func TestAllocations(t *testing.T) {
	src := bytes.Repeat([]byte("signet"), 200)
	enc := base64url.EncodeToString(src)
	encBytes := []byte(enc)
	encBuf := make([]byte, 0, len(enc))
	decBuf := make([]byte, 0, len(src))

	tests := []struct {
		name string
		want float64
		f    func()
	}{
		{name: "AppendEncode", want: 0, f: func() { encBuf = base64url.AppendEncode(encBuf[:0], src) }},
		{name: "Encode", want: 0, f: func() { base64url.Encode(encBuf[:cap(encBuf)], src) }},
		{name: "AppendDecode", want: 0, f: func() { decBuf, _ = base64url.AppendDecode(decBuf[:0], encBytes) }},
		{name: "Decode", want: 0, f: func() { _, _ = base64url.Decode(decBuf[:cap(decBuf)], encBytes) }},
		{name: "EncodeToString", want: 1, f: func() { _ = base64url.EncodeToString(src) }},
		{name: "DecodeString", want: 1, f: func() { _, _ = base64url.DecodeString(enc) }},
		{name: "AppendDecode error", want: 0, f: func() { _, _ = base64url.AppendDecode(decBuf[:0], []byte("Zm9v\n")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testing.AllocsPerRun(100, tt.f); got != tt.want {
				t.Errorf("%s allocations = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestDecodeTable derives the generated decoding table again from the
// alphabet, so that tables.go cannot drift from gen_tables.go's intent.
func TestDecodeTable(t *testing.T) {
	var want [4][256]uint32
	for pos := range want {
		for b := range want[pos] {
			want[pos][b] = 0xffffffff
		}
		for v := range 64 {
			// The 24-bit quantum is big-endian; the table holds its three
			// bytes in memory order, read as a little-endian word.
			q := uint32(v) << (18 - 6*pos)
			want[pos][alphabet[v]] = q>>16 | (q>>8&0xff)<<8 | (q&0xff)<<16
		}
	}
	if diff := cmp.Diff(want, *base64url.DecodeTable); diff != "" {
		t.Errorf("decodeTable mismatch (-want +got):\n%s", diff)
	}
}
