package jwt_test

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// The floors of the performance targets (issue 12): the least work a
// correct implementation does, with the standard library alone and every
// reusable buffer and the HMAC state kept between calls. Each benchmark
// below runs a floor beside signet on the same token, so the ratio comes
// from one run:
//
//	HS256 verify: base64url-decode the 3 parts into a reused buffer, compare
//	              the header bytes, HMAC-SHA256, hmac.Equal, encoding/json
//	              into a struct of the same members, validate exp, nbf,
//	              iat, iss and aud.
//	HS256 sign:   encoding/json Marshal of the claims, base64url and
//	              HMAC-SHA256 into one exactly-sized buffer.
//	RS256, PS256, EdDSA verify: rsa.VerifyPKCS1v15, rsa.VerifyPSS and
//	              ed25519.Verify alone, the digest computed once.
//
// go test ./jwt -run '^$' -bench 'HS256|RS256|PS256|EdDSA|Scaling|Parallel' -count 8

var b64 = base64.RawURLEncoding.Strict()

// floorClaims has the members of userClaims with standard types.
type floorClaims struct {
	Iss   string `json:"iss"`
	Sub   string `json:"sub"`
	Aud   string `json:"aud"`
	Exp   int64  `json:"exp"`
	Nbf   int64  `json:"nbf"`
	Iat   int64  `json:"iat"`
	Jti   string `json:"jti"`
	Name  string `json:"name"`
	Admin bool   `json:"admin"`
}

var errFloor = errors.New("floor: invalid token")

func (c *floorClaims) validate(now int64) error {
	if now >= c.Exp || now < c.Nbf || c.Iat > now || c.Iss != issuer || c.Aud != "api" {
		return errFloor
	}
	return nil
}

type floor struct {
	header  []byte
	mac     hash.Hash
	sum     []byte
	scratch []byte
	claims  floorClaims
	now     int64
}

func newFloor(key []byte) *floor {
	return &floor{
		header:  []byte(`{"alg":"HS256","typ":"JWT"}`),
		mac:     hmac.New(sha256.New, key),
		sum:     make([]byte, 0, sha256.Size),
		scratch: make([]byte, 128<<10),
		now:     now.Unix(),
	}
}

func (fl *floor) verify(tok []byte) error {
	dot1 := bytes.IndexByte(tok, '.')
	dot2 := bytes.LastIndexByte(tok, '.')
	if dot1 < 0 || dot2 <= dot1 || len(tok) > len(fl.scratch) {
		return errFloor
	}
	buf := fl.scratch
	hn, err := b64.Decode(buf, tok[:dot1])
	if err != nil {
		return err
	}
	if !bytes.Equal(buf[:hn], fl.header) {
		return errFloor
	}
	pn, err := b64.Decode(buf[hn:], tok[dot1+1:dot2])
	if err != nil {
		return err
	}
	payload := buf[hn : hn+pn]
	sn, err := b64.Decode(buf[hn+pn:], tok[dot2+1:])
	if err != nil {
		return err
	}
	fl.mac.Reset()
	fl.mac.Write(tok[:dot2])
	if !hmac.Equal(fl.mac.Sum(fl.sum[:0]), buf[hn+pn:hn+pn+sn]) {
		return errFloor
	}
	fl.claims = floorClaims{}
	if err := json.Unmarshal(payload, &fl.claims); err != nil {
		return err
	}
	return fl.claims.validate(fl.now)
}

func (fl *floor) sign(c any) ([]byte, error) {
	payload, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	hb := b64.EncodedLen(len(fl.header))
	buf := make([]byte, 0, hb+1+b64.EncodedLen(len(payload))+1+b64.EncodedLen(sha256.Size))
	buf = b64.AppendEncode(buf, fl.header)
	buf = append(buf, '.')
	buf = b64.AppendEncode(buf, payload)
	fl.mac.Reset()
	fl.mac.Write(buf)
	buf = append(buf, '.')
	return b64.AppendEncode(buf, fl.mac.Sum(fl.sum[:0])), nil
}

const hmacSecret = "0123456789abcdef0123456789abcdef" // the key of pairsOnce's HS256

// hs256Token returns the token of validClaims signed by signet's HS256 key;
// the floor verifies the same token.
func hs256Token(b *testing.B) string {
	tok, err := jwt.Sign(hmacKey(b), jws.Header{}, validClaims())
	if err != nil {
		b.Fatal(err)
	}
	return tok
}

func BenchmarkHS256Verify(b *testing.B) {
	tok := hs256Token(b)
	fl := newFloor([]byte(hmacSecret))
	if err := fl.verify([]byte(tok)); err != nil {
		b.Fatalf("floor: %v", err)
	}
	opts := strictOptions()
	k := hmacKey(b)
	b.Run("lib=floor", func(b *testing.B) {
		tb := []byte(tok)
		b.ReportAllocs()
		b.SetBytes(int64(len(tok)))
		for b.Loop() {
			if err := fl.verify(tb); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=signet", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(tok)))
		for b.Loop() {
			if _, err := jwt.Verify[userClaims](k, tok, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkHS256Sign(b *testing.B) {
	c := validClaims()
	fl := newFloor([]byte(hmacSecret))
	k := hmacKey(b)
	b.Run("lib=floor", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := fl.sign(&c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=signet", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := jwt.Sign(k, jws.Header{}, &c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchAsymmetric runs the floor, the primitive alone on a digest
// computed once, beside jwt.Verify of a token signed by p.
func benchAsymmetric(b *testing.B, p keyPair, floor func(in, sig []byte) error) {
	tok, err := jwt.Sign(p.s, jws.Header{}, validClaims())
	if err != nil {
		b.Fatal(err)
	}
	dot := strings.LastIndexByte(tok, '.')
	in := []byte(tok[:dot])
	sig, err := b64.DecodeString(tok[dot+1:])
	if err != nil {
		b.Fatal(err)
	}
	if err := floor(in, sig); err != nil {
		b.Fatalf("floor: %v", err)
	}
	opts := strictOptions()
	b.Run("lib=floor", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := floor(in, sig); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=signet", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(tok)))
		for b.Loop() {
			if _, err := jwt.Verify[userClaims](p.v, tok, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchKeys are the asymmetric keys of the benchmarks, with their public
// halves for the floors.
var benchKeys = sync.OnceValue(func() (k struct {
	rsa    *rsa.PrivateKey
	ed     ed25519.PrivateKey
	rs, ps keyPair
	eddsa  keyPair
}) {
	var err error
	if k.rsa, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if _, k.ed, err = ed25519.GenerateKey(rand.Reader); err != nil {
		panic(err)
	}
	rs, err := jws.NewRSASigner(jws.RS256, k.rsa)
	if err != nil {
		panic(err)
	}
	ps, err := jws.NewRSASigner(jws.PS256, k.rsa)
	if err != nil {
		panic(err)
	}
	ed, err := jws.NewEd25519Signer(k.ed)
	if err != nil {
		panic(err)
	}
	k.rs, k.ps, k.eddsa = keyPair{rs, rs.Verifier()}, keyPair{ps, ps.Verifier()}, keyPair{ed, ed.Verifier()}
	return k
})

func BenchmarkRS256Verify(b *testing.B) {
	k := benchKeys()
	p, pub := k.rs, &k.rsa.PublicKey
	var d [32]byte
	benchAsymmetric(b, p, func(in, sig []byte) error {
		if d == ([32]byte{}) {
			d = sha256.Sum256(in)
		}
		return rsa.VerifyPKCS1v15(pub, crypto.SHA256, d[:], sig)
	})
}

func BenchmarkPS256Verify(b *testing.B) {
	k := benchKeys()
	p, pub := k.ps, &k.rsa.PublicKey
	var d [32]byte
	opts := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}
	benchAsymmetric(b, p, func(in, sig []byte) error {
		if d == ([32]byte{}) {
			d = sha256.Sum256(in)
		}
		return rsa.VerifyPSS(pub, crypto.SHA256, d[:], sig, opts)
	})
}

func BenchmarkEdDSAVerify(b *testing.B) {
	k := benchKeys()
	p, pub := k.eddsa, k.ed.Public().(ed25519.PublicKey)
	benchAsymmetric(b, p, func(in, sig []byte) error {
		if !ed25519.Verify(pub, in, sig) {
			return errFloor
		}
		return nil
	})
}

// paddedClaims is validClaims with a custom claim of filler.
type paddedClaims struct {
	userClaims
	Pad string `json:"pad"`
}

// scalingToken returns an HS256 token whose claims are about size bytes
// long, made up by a "pad" claim.
func scalingToken(tb testing.TB, size int) string {
	c := paddedClaims{userClaims: validClaims()}
	base, err := json.Marshal(c)
	if err != nil {
		tb.Fatal(err)
	}
	if n := size - len(base); n > 0 {
		c.Pad = strings.Repeat("x", n)
	}
	tok, err := jwt.Sign(hmacKey(tb), jws.Header{}, c)
	if err != nil {
		tb.Fatal(err)
	}
	return tok
}

// customToken returns an HS256 token with n custom claims c0, c1, …
// beside the registered ones, all strings.
func customToken(tb testing.TB, n int) string {
	m := map[string]any{
		"iss": issuer, "sub": "user-42", "aud": "api", "jti": "jti-1",
		"exp": now.Add(time.Hour).Unix(), "nbf": now.Add(-time.Minute).Unix(), "iat": now.Add(-time.Minute).Unix(),
	}
	for i := range n {
		m[fmt.Sprintf("c%d", i)] = fmt.Sprintf("value-%d", i)
	}
	tok, err := jwt.Sign(hmacKey(tb), jws.Header{}, m)
	if err != nil {
		tb.Fatal(err)
	}
	return tok
}

// allocatedPerOp returns the bytes f allocates per call, averaged over n
// calls.
func allocatedPerOp(n int, f func()) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
}

// BenchmarkVerifyScaling verifies HS256 tokens with claims of 100 B to 60
// KiB, and with 0 to 64 custom claims (decoded into claims.Dynamic).
// alloc/token is the bytes allocated per verification over the token's
// size.
func BenchmarkVerifyScaling(b *testing.B) {
	k := hmacKey(b)
	opts := strictOptions()
	opts.MaxSize = 128 << 10 // 60 KiB of claims make an 80 KiB token
	for _, size := range []int{100, 1 << 10, 10 << 10, 60 << 10} {
		tok := scalingToken(b, size)
		b.Run(fmt.Sprintf("claims=%dB", size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tok)))
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			start := m.TotalAlloc
			for b.Loop() {
				if _, err := jwt.Verify[paddedClaims](k, tok, opts); err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(m.TotalAlloc-start)/float64(b.N)/float64(len(tok)), "alloc/token")
		})
	}
	for _, n := range []int{0, 4, 16, 64} {
		tok := customToken(b, n)
		b.Run(fmt.Sprintf("custom=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tok)))
			for b.Loop() {
				if _, err := jwt.Verify[claims.Dynamic](k, tok, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyParallel shares one Verifier among GOMAXPROCS goroutines.
func BenchmarkVerifyParallel(b *testing.B) {
	opts := strictOptions()
	for _, p := range pairsOnce()[:2] { // HS256, RS256
		tok, err := jwt.Sign(p.s, jws.Header{}, validClaims())
		if err != nil {
			b.Fatal(err)
		}
		b.Run("alg="+string(p.s.Algorithm()), func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := jwt.Verify[userClaims](p.v, tok, opts); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// TestFloors checks that the floors verify and sign what signet does, so
// that the benchmarks compare equal work.
func TestFloors(t *testing.T) {
	fl := newFloor([]byte(hmacSecret))
	c := validClaims()
	tok, err := jwt.Sign(hmacKey(t), jws.Header{}, &c)
	if err != nil {
		t.Fatal(err)
	}
	if err := fl.verify([]byte(tok)); err != nil {
		t.Fatalf("floor verify = %v", err)
	}
	want := floorClaims{Iss: c.Issuer, Sub: c.Subject, Aud: "api", Exp: c.ExpiresAt.Unix(), Nbf: c.NotBefore.Unix(), Iat: c.IssuedAt.Unix(), Jti: c.ID, Name: c.Name, Admin: c.Admin}
	if fl.claims != want {
		t.Errorf("floor decoded %+v, want %+v", fl.claims, want)
	}
	bad := []byte(tok)
	bad[len(bad)-2] ^= 1
	if fl.verify(bad) == nil {
		t.Error("floor accepts a tampered token")
	}
	signed, err := fl.sign(&c)
	if err != nil {
		t.Fatal(err)
	}
	if string(signed) != tok {
		t.Errorf("floor signs %s, signet %s", signed, tok)
	}
}

// TestVerifyMemory pins the bytes allocated per verification of a 60 KiB
// token. Issue 12's target is 1.5 times the token's size; it is about 0.8:
// the decoded parts, which the decoded strings point into, and no copy of
// the token (jws's own Verifiers get its bytes). The pin, at 1.0, catches
// either copy coming back.
func TestVerifyMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	tok := scalingToken(t, 60<<10*3/4-100)
	if len(tok) > 60<<10 || len(tok) < 59<<10 {
		t.Fatalf("the token is %d bytes, want about 60 KiB", len(tok))
	}
	k := hmacKey(t)
	opts := strictOptions()
	got := allocatedPerOp(20, func() {
		if _, err := jwt.Verify[paddedClaims](k, tok, opts); err != nil {
			t.Fatal(err)
		}
	})
	if limit := 1.0 * float64(len(tok)); got > limit {
		t.Errorf("verifying a %d-byte token allocates %.0f bytes, %.2f× its size, want at most 1.0×", len(tok), got, got/float64(len(tok)))
	} else {
		t.Logf("verifying a %d-byte token allocates %.0f bytes, %.2f× its size", len(tok), got, got/float64(len(tok)))
	}
}
