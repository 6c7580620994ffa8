package jws_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"strings"
	"testing"

	"github.com/signet-go/signet/jws"
)

func TestNewHMACKeySizes(t *testing.T) {
	tests := []struct {
		alg     jws.Algorithm
		keyLen  int
		wantErr error
		msg     string
	}{
		{alg: jws.HS256, keyLen: 0, wantErr: jws.ErrInvalidKey, msg: "HS256 needs a key of at least 32 bytes, got 0"},
		{alg: jws.HS256, keyLen: 16, wantErr: jws.ErrInvalidKey, msg: "jws: invalid key: HS256 needs a key of at least 32 bytes, got 16"},
		{alg: jws.HS256, keyLen: 31, wantErr: jws.ErrInvalidKey, msg: "HS256 needs a key of at least 32 bytes, got 31"},
		{alg: jws.HS256, keyLen: 32},
		{alg: jws.HS256, keyLen: 65}, // longer than the block: HMAC hashes it
		{alg: jws.HS384, keyLen: 32, wantErr: jws.ErrInvalidKey, msg: "HS384 needs a key of at least 48 bytes, got 32"},
		{alg: jws.HS384, keyLen: 47, wantErr: jws.ErrInvalidKey, msg: "HS384 needs a key of at least 48 bytes, got 47"},
		{alg: jws.HS384, keyLen: 48},
		{alg: jws.HS512, keyLen: 63, wantErr: jws.ErrInvalidKey, msg: "HS512 needs a key of at least 64 bytes, got 63"},
		{alg: jws.HS512, keyLen: 64},
		{alg: jws.HS512, keyLen: 200},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.alg, tt.keyLen), func(t *testing.T) {
			h, err := jws.NewHMAC(tt.alg, make([]byte, tt.keyLen))
			if tt.wantErr != nil {
				checkRefused(t, h, err, tt.wantErr, tt.msg)
				return
			}
			if err != nil {
				t.Fatalf("NewHMAC(%s, %d bytes) = %v", tt.alg, tt.keyLen, err)
			}
			if h.Algorithm() != tt.alg {
				t.Errorf("Algorithm() = %s, want %s", h.Algorithm(), tt.alg)
			}
		})
	}
	t.Run("nil key", func(t *testing.T) {
		h, err := jws.NewHMAC(jws.HS256, nil)
		checkRefused(t, h, err, jws.ErrInvalidKey, "got 0")
	})
}

// TestHMACMatchesCryptoHMAC checks the MAC against crypto/hmac and that
// the key is copied.
func TestHMACMatchesCryptoHMAC(t *testing.T) {
	for _, tt := range []struct {
		alg jws.Algorithm
		h   func() hash.Hash
	}{{jws.HS256, sha256.New}, {jws.HS384, sha512.New384}, {jws.HS512, sha512.New}} {
		t.Run(string(tt.alg), func(t *testing.T) {
			key := []byte(strings.Repeat("secret!!", 9))
			m, err := jws.NewHMAC(tt.alg, key)
			if err != nil {
				t.Fatal(err)
			}
			want := hmac.New(tt.h, bytes.Clone(key))
			want.Write([]byte(signingInput))
			wantMAC := want.Sum(nil)
			for i := range key {
				key[i] = 0 // the caller reuses its buffer
			}
			got, err := m.AppendSignature([]byte("prefix"), []byte(signingInput))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, append([]byte("prefix"), wantMAC...)) {
				t.Errorf("AppendSignature = %x, want prefix and %x", got, wantMAC)
			}
			if err := m.VerifySignature([]byte(signingInput), wantMAC); err != nil {
				t.Errorf("VerifySignature(crypto/hmac's MAC) = %v", err)
			}
		})
	}
}

func TestHMACWrongLength(t *testing.T) {
	m, err := jws.NewHMAC(jws.HS256, make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	mac, _ := m.AppendSignature(nil, []byte(signingInput))
	for _, sig := range [][]byte{nil, {}, mac[:16], mac[:31], append(mac, 0), append(mac, mac...)} {
		err := m.VerifySignature([]byte(signingInput), sig)
		if !errors.Is(err, jws.ErrInvalidSignature) {
			t.Errorf("VerifySignature(%d bytes) = %v, want ErrInvalidSignature", len(sig), err)
		} else if want := fmt.Sprintf("jws: invalid signature: HS256 signature must be 32 bytes, got %d", len(sig)); err.Error() != want {
			t.Errorf("VerifySignature(%d bytes) = %q, want %q", len(sig), err, want)
		}
	}
}

// TestHMACAllocations pins the allocation counts of the HMAC hot paths:
// verifying allocates nothing, nor does signing into a buffer with room.
func TestHMACAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items: allocation counts vary")
	}
	in := []byte(signingInput)
	for _, alg := range []jws.Algorithm{jws.HS256, jws.HS384, jws.HS512} {
		t.Run(string(alg), func(t *testing.T) {
			m, err := jws.NewHMAC(alg, make([]byte, 64))
			if err != nil {
				t.Fatal(err)
			}
			sig, _ := m.AppendSignature(nil, in)
			if n := testing.AllocsPerRun(100, func() {
				if err := m.VerifySignature(in, sig); err != nil {
					t.Fatal(err)
				}
			}); n != 0 {
				t.Errorf("VerifySignature allocates %v times, want 0", n)
			}
			bad := bytes.Clone(sig)
			bad[0] ^= 1
			if n := testing.AllocsPerRun(100, func() {
				if err := m.VerifySignature(in, bad); err == nil {
					t.Fatal("VerifySignature(bad) = nil")
				}
			}); n != 0 {
				t.Errorf("VerifySignature of a bad MAC allocates %v times, want 0", n)
			}
			buf := make([]byte, 0, 64)
			if n := testing.AllocsPerRun(100, func() {
				if _, err := m.AppendSignature(buf[:0], in); err != nil {
					t.Fatal(err)
				}
			}); n != 0 {
				t.Errorf("AppendSignature into a buffer with room allocates %v times, want 0", n)
			}
		})
	}
}
