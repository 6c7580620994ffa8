package base64url_test

import (
	"encoding/base64"
	"strconv"
	"testing"

	"github.com/signet-go/signet/base64url"
)

// benchSizes are the decoded sizes measured: a small claim set, a typical
// token part, a large token and a large payload.
var benchSizes = []int{32, 256, 1024, 16 * 1024}

// stdStrict is the reference: the standard library's strict unpadded
// base64url, which still skips CR and LF.
var stdStrict = base64.RawURLEncoding.Strict()

func benchData(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*131 + 7)
	}
	return b
}

// BenchmarkEncode compares AppendEncode into a reused buffer with
// encoding/base64's RawURLEncoding.Strict().AppendEncode. Throughput is
// counted in decoded (input) bytes.
func BenchmarkEncode(b *testing.B) {
	for _, size := range benchSizes {
		src := benchData(size)
		buf := make([]byte, 0, base64url.EncodedLen(size))
		b.Run("size="+strconv.Itoa(size)+"/impl=signet", func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				buf = base64url.AppendEncode(buf[:0], src)
			}
		})
		b.Run("size="+strconv.Itoa(size)+"/impl=stdlib", func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				buf = stdStrict.AppendEncode(buf[:0], src)
			}
		})
	}
}

// BenchmarkDecode compares AppendDecode into a reused buffer with
// encoding/base64's RawURLEncoding.Strict().AppendDecode. Throughput is
// counted in decoded (output) bytes, so the two directions compare.
func BenchmarkDecode(b *testing.B) {
	for _, size := range benchSizes {
		src := base64url.AppendEncode(nil, benchData(size))
		buf := make([]byte, 0, size)
		b.Run("size="+strconv.Itoa(size)+"/impl=signet", func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if buf, err = base64url.AppendDecode(buf[:0], src); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("size="+strconv.Itoa(size)+"/impl=stdlib", func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if buf, err = stdStrict.AppendDecode(buf[:0], src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
