package base64url

import (
	"encoding/binary"
	"slices"
	"strconv"
	"unsafe"
)

// alphabet maps a 6-bit value to its character (RFC 4648 §5, Table 2).
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

//go:generate go run gen_tables.go

// EncodedLen returns the length in bytes of the base64url encoding of an
// input of n bytes: ⌈4n/3⌉, with no padding.
func EncodedLen(n int) int {
	return n/3*4 + (n%3*8+5)/6
}

// DecodedLen returns the maximum length in bytes of the data decoded from
// n bytes of base64url: ⌊3n/4⌋. It is the exact length for every n that a
// valid encoding can have; no valid encoding has a length of the form
// 4k+1.
func DecodedLen(n int) int {
	return n/4*3 + n%4*6/8
}

// Encode writes the base64url encoding of src to dst, without padding.
//
// It writes exactly [EncodedLen](len(src)) bytes to dst and panics if dst
// is shorter than that. The encoding is canonical: [Decode] accepts it and
// nothing else for the same bytes.
func Encode(dst, src []byte) {
	if len(src) == 0 {
		return
	}
	n := EncodedLen(len(src))
	if len(dst) < n {
		panic("base64url: Encode: dst is shorter than EncodedLen(len(src))")
	}
	dst = dst[:n]

	// Six bytes at a time, read as one big-endian word: the two extra bytes
	// read fall off the bottom of the eight 6-bit groups used.
	for len(src) >= 8 {
		v := binary.BigEndian.Uint64(src)
		d := dst[:8:8]
		d[0] = alphabet[v>>58]
		d[1] = alphabet[v>>52&0x3f]
		d[2] = alphabet[v>>46&0x3f]
		d[3] = alphabet[v>>40&0x3f]
		d[4] = alphabet[v>>34&0x3f]
		d[5] = alphabet[v>>28&0x3f]
		d[6] = alphabet[v>>22&0x3f]
		d[7] = alphabet[v>>16&0x3f]
		src = src[6:]
		dst = dst[8:]
	}

	for len(src) >= 3 {
		v := uint(src[0])<<16 | uint(src[1])<<8 | uint(src[2])
		d := dst[:4:4]
		d[0] = alphabet[v>>18&0x3f]
		d[1] = alphabet[v>>12&0x3f]
		d[2] = alphabet[v>>6&0x3f]
		d[3] = alphabet[v&0x3f]
		src = src[3:]
		dst = dst[4:]
	}

	switch len(src) {
	case 2:
		v := uint(src[0])<<16 | uint(src[1])<<8
		d := dst[:3:3]
		d[0] = alphabet[v>>18&0x3f]
		d[1] = alphabet[v>>12&0x3f]
		d[2] = alphabet[v>>6&0x3f]
	case 1:
		v := uint(src[0]) << 16
		d := dst[:2:2]
		d[0] = alphabet[v>>18&0x3f]
		d[1] = alphabet[v>>12&0x3f]
	}
}

// AppendEncode appends the base64url encoding of src to dst, without
// padding, and returns the extended slice. It allocates only when dst has
// less than [EncodedLen](len(src)) bytes of spare capacity. It cannot fail.
func AppendEncode(dst, src []byte) []byte {
	n := EncodedLen(len(src))
	dst = slices.Grow(dst, n)
	Encode(dst[len(dst):len(dst)+n], src)
	return dst[:len(dst)+n]
}

// EncodeToString returns the base64url encoding of src, without padding.
// It makes exactly one allocation when src is not empty.
func EncodeToString(src []byte) string {
	if len(src) == 0 {
		return ""
	}
	buf := make([]byte, EncodedLen(len(src)))
	Encode(buf, src)
	// buf is never written again and no other reference to it escapes, so
	// the string may share its memory, as strings.Builder does.
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}

// A CorruptInputError reports that the input to [Decode], [AppendDecode]
// or [DecodeString] is not strict unpadded base64url. Its value is the
// offset of the first bad byte:
//
//   - the first byte outside the alphabet (this includes '=', '+', '/',
//     CR, LF and every other byte not listed in RFC 4648 §5), if any;
//   - otherwise, the last byte of the input, when the input length is
//     4k+1 (a lone trailing character encodes no whole byte) or when the
//     final character carries non-zero bits that encode nothing (as in
//     "Zh", where only "Zg" encodes "f").
type CorruptInputError int64

// Error returns "base64url: illegal data at input byte N", N being the
// offset held by e.
func (e CorruptInputError) Error() string {
	return "base64url: illegal data at input byte " + strconv.FormatInt(int64(e), 10)
}

// Decode decodes the strict unpadded base64url in src into dst and returns
// the number of bytes written, which is [DecodedLen](len(src)).
//
// Decode accepts exactly one encoding of each byte string: it refuses
// padding, bytes outside the URL-safe alphabet (CR and LF included), an
// input length of 4k+1 and a final character whose unused low bits are not
// zero. It then returns n == 0 and a [CorruptInputError]; the first
// [DecodedLen](len(src)) bytes of dst may have been written to and their
// contents are unspecified. Unlike encoding/base64, which reports how many
// bytes it wrote before the error, Decode never returns a partial result.
//
// Decode panics if dst is shorter than [DecodedLen](len(src)).
func Decode(dst, src []byte) (n int, err error) {
	return decode(dst, src)
}

// AppendDecode appends the bytes decoded from the strict unpadded base64url
// in src to dst and returns the extended slice. It accepts what [Decode]
// accepts and allocates only when dst has less than
// [DecodedLen](len(src)) bytes of spare capacity.
//
// On error it returns nil and a [CorruptInputError], as every Append
// function of signet does: a result or an error, never both. The bytes of
// dst up to len(dst) are unchanged, so the caller keeps them by keeping
// dst; its spare capacity may have been written to.
func AppendDecode(dst, src []byte) ([]byte, error) {
	n := DecodedLen(len(src))
	buf := slices.Grow(dst, n)
	if _, err := decode(buf[len(buf):len(buf)+n], src); err != nil {
		return nil, err
	}
	return buf[:len(buf)+n], nil
}

// DecodeString returns the bytes decoded from the strict unpadded base64url
// in s. It accepts what [Decode] accepts and makes exactly one allocation
// when s is not empty. On error it returns nil and a [CorruptInputError].
func DecodeString(s string) ([]byte, error) {
	buf := make([]byte, DecodedLen(len(s)))
	if _, err := decode(buf, s); err != nil {
		return nil, err
	}
	return buf, nil
}

// decode implements [Decode] for both byte slices and strings, so that
// [DecodeString] needs no copy of its input. On error it returns 0.
//
// Each character is looked up in the decodeTable row for its position in
// the quantum, which gives its bits already in place; ORing four entries
// gives three decoded bytes, and any invalid character, whose entry has
// bits above the low 24, shows as a result of at least 1<<24.
func decode[S ~string | ~[]byte](dst []byte, src S) (int, error) {
	n := DecodedLen(len(src))
	if len(dst) < n {
		panic("base64url: Decode: dst is shorter than DecodedLen(len(src))")
	}
	if len(src)%4 == 1 {
		return 0, corrupt(src)
	}
	dst = dst[:n]
	s := src
	t := &decodeTable

	// Sixteen characters give twelve bytes, written as two overlapping
	// 8-byte words; each word's two spare bytes are overwritten next.
	for len(s) >= 16 && len(dst) >= 14 {
		a := t[0][s[0]] | t[1][s[1]] | t[2][s[2]] | t[3][s[3]]
		b := t[0][s[4]] | t[1][s[5]] | t[2][s[6]] | t[3][s[7]]
		c := t[0][s[8]] | t[1][s[9]] | t[2][s[10]] | t[3][s[11]]
		d := t[0][s[12]] | t[1][s[13]] | t[2][s[14]] | t[3][s[15]]
		if a|b|c|d >= 1<<24 {
			return 0, corrupt(src)
		}
		binary.LittleEndian.PutUint64(dst, uint64(a)|uint64(b)<<24)
		binary.LittleEndian.PutUint64(dst[6:], uint64(c)|uint64(d)<<24)
		s = s[16:]
		dst = dst[12:]
	}

	for len(s) >= 4 {
		a := t[0][s[0]] | t[1][s[1]] | t[2][s[2]] | t[3][s[3]]
		if a >= 1<<24 {
			return 0, corrupt(src)
		}
		d := dst[:3:3]
		d[0] = byte(a)
		d[1] = byte(a >> 8)
		d[2] = byte(a >> 16)
		s = s[4:]
		dst = dst[3:]
	}

	// A final partial quantum must also have zero unused bits: they land
	// in the byte that is not written, which must then be zero.
	switch len(s) {
	case 3:
		a := t[0][s[0]] | t[1][s[1]] | t[2][s[2]]
		if a >= 1<<16 {
			return 0, corrupt(src)
		}
		d := dst[:2:2]
		d[0] = byte(a)
		d[1] = byte(a >> 8)
	case 2:
		a := t[0][s[0]] | t[1][s[1]]
		if a >= 1<<8 {
			return 0, corrupt(src)
		}
		dst[0] = byte(a)
	}
	return n, nil
}

// corrupt returns the error for an input that decode refused, with the
// offset documented on [CorruptInputError]. It is off the fast path.
func corrupt[S ~string | ~[]byte](src S) error {
	for i := 0; i < len(src); i++ {
		if decodeTable[0][src[i]] >= 1<<24 {
			return CorruptInputError(i)
		}
	}
	return CorruptInputError(len(src) - 1)
}
