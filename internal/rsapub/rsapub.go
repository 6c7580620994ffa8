// Package rsapub verifies RSA signatures: RSASSA-PKCS1-v1_5 and RSASSA-PSS
// (RFC 8017 §8.2.2, §8.1.2) with SHA-256, SHA-384 and SHA-512, on
// arithmetic of its own.
//
// crypto/rsa rebuilds its Montgomery modulus on every verification, which
// is about a third of the cost of verifying a 2048-bit signature and six
// allocations. A [PublicKey] computes it once, the first time it verifies,
// and verifies without allocating for moduli up to 4096 bits.
//
// Only public values pass through this package: the modulus, the
// exponent, the signature and the message digest. It runs in variable
// time, which verification allows; it must never be used with a private
// key. It does not decide key policy (the minimum modulus size): its
// caller does.
//
// The arithmetic is Montgomery multiplication written with math/bits, the
// same code for 32- and 64-bit limbs; on amd64 CPUs with ADX and BMI2 its
// one kernel, z += x·y, runs in assembly, as crypto/rsa's does (the purego
// build tag turns that off).
//
// It agrees with crypto/rsa on every input; the Wycheproof vectors and a
// differential fuzz target pin that. Callers use crypto/rsa instead when
// crypto/fips140.Enabled reports true.
package rsapub

import (
	"crypto"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"errors"
	"math/big"
	"math/bits"
	"sync"
)

// ErrVerification is the error of every refused signature, and of a key
// this package cannot verify with.
var ErrVerification = errors.New("rsapub: verification error")

// stackBits is the largest modulus whose verification needs no heap
// allocation: the scratch space lives on the stack up to there.
const stackBits = 4096

// PublicKey is an RSA public key. N and E must be set before the first
// verification and not changed afterwards. The first verification
// computes what Montgomery multiplication modulo N needs and keeps it.
//
// A PublicKey is safe for concurrent use. It must not be copied after
// its first use.
type PublicKey struct {
	N *big.Int
	E int

	once sync.Once
	m    *modulus // nil if N and E are not a key this package verifies with
}

// modulus returns k's modulus, computing it on the first call, or nil if
// N is missing, not odd or not above 1, or E is not odd in [3, 2³¹-1] (the
// exponents crypto/rsa accepts).
func (k *PublicKey) modulus() *modulus {
	k.once.Do(func() {
		if k.N == nil || k.N.Sign() <= 0 || k.N.Bit(0) == 0 || k.N.BitLen() < 2 ||
			k.E < 3 || k.E&1 == 0 || k.E > 1<<31-1 {
			return
		}
		k.m = newModulus(k.N)
	})
	return k.m
}

// encrypt computes sig^E mod N into em, of the modulus's size in octets,
// and reports whether sig, which must be exactly that long, is a number
// below N.
func (k *PublicKey) encrypt(m *modulus, em, sig []byte) bool {
	if len(sig) != m.size {
		return false
	}
	n := len(m.n)
	var buf [5 * stackBits / bits.UintSize]uint
	var s []uint
	if 5*n <= len(buf) {
		s = buf[:5*n]
	} else {
		s = make([]uint, 5*n)
	}
	x, z := s[:n], s[n:2*n]
	if !m.setBytes(x, sig) {
		return false
	}
	m.exp(z, x, uint(k.E), s[2*n:])
	fillBytes(em, z)
	return true
}

// VerifyPKCS1v15 verifies sig as an RSASSA-PKCS1-v1_5 signature of
// hashed, the digest h computed of the message (RFC 8017 §8.2.2): sig is
// as long as the modulus and below it, and sig^E mod N is the encoding
// EMSA-PKCS1-v1_5 of the digest (§9.2), compared whole. h is SHA-256,
// SHA-384 or SHA-512. Every refusal is [ErrVerification].
func (k *PublicKey) VerifyPKCS1v15(h crypto.Hash, hashed, sig []byte) error {
	prefix := digestInfoPrefix(h)
	m := k.modulus()
	if prefix == nil || m == nil || len(hashed) != h.Size() {
		return ErrVerification
	}
	// EM = 0x00 ‖ 0x01 ‖ PS ‖ 0x00 ‖ T, PS at least 8 octets of 0xff.
	tLen := len(prefix) + len(hashed)
	if m.size < tLen+11 {
		return ErrVerification
	}
	var bufs [2 * stackBits / 8]byte
	var em, want []byte
	if 2*m.size <= len(bufs) {
		em, want = bufs[:m.size], bufs[m.size:2*m.size]
	} else {
		b := make([]byte, 2*m.size)
		em, want = b[:m.size], b[m.size:]
	}
	if !k.encrypt(m, em, sig) {
		return ErrVerification
	}
	want[0], want[1] = 0, 1
	ps := want[2 : m.size-tLen-1]
	for i := range ps {
		ps[i] = 0xff
	}
	want[m.size-tLen-1] = 0
	copy(want[m.size-tLen:], prefix)
	copy(want[m.size-len(hashed):], hashed)
	if subtle.ConstantTimeCompare(em, want) != 1 {
		return ErrVerification
	}
	return nil
}

// VerifyPSS verifies sig as an RSASSA-PSS signature of digest, the hash h
// of the message, with MGF1 over h and a salt of exactly saltLen octets
// (RFC 8017 §8.1.2, EMSA-PSS-VERIFY of §9.1.2). h is SHA-256, SHA-384 or
// SHA-512. Every refusal is [ErrVerification].
func (k *PublicKey) VerifyPSS(h crypto.Hash, digest, sig []byte, saltLen int) error {
	if !supported(h) {
		return ErrVerification
	}
	m := k.modulus()
	hLen := h.Size()
	if m == nil || len(digest) != hLen || saltLen < 0 || saltLen > m.size {
		return ErrVerification
	}
	var buf [stackBits / 8]byte
	var em []byte
	if m.size <= len(buf) {
		em = buf[:m.size]
	} else {
		em = make([]byte, m.size)
	}
	if !k.encrypt(m, em, sig) {
		return ErrVerification
	}
	// §8.1.2 step 2c: EM is the emLen octets of the integer m, emBits =
	// modBits - 1. When modBits - 1 is a multiple of 8, emLen is one less
	// than the modulus's size and the leading octet must be zero.
	emBits := m.bits - 1
	emLen := (emBits + 7) / 8
	for len(em) > emLen {
		if em[0] != 0 {
			return ErrVerification
		}
		em = em[1:]
	}
	// §9.1.2 step 3; saltLen is at most the modulus's size, so the sum
	// does not overflow.
	if emLen < hLen+saltLen+2 {
		return ErrVerification
	}
	// Step 4.
	if em[emLen-1] != 0xbc {
		return ErrVerification
	}
	// Step 5.
	db := em[:emLen-hLen-1]
	hh := em[emLen-hLen-1 : emLen-1]
	// Step 6.
	bitMask := byte(0xff >> (8*emLen - emBits))
	if em[0]&^bitMask != 0 {
		return ErrVerification
	}
	// Steps 7 and 8.
	mgf1XOR(db, h, hh)
	// Step 9.
	db[0] &= bitMask
	// Step 10.
	psLen := emLen - hLen - saltLen - 2
	for _, b := range db[:psLen] {
		if b != 0 {
			return ErrVerification
		}
	}
	if db[psLen] != 1 {
		return ErrVerification
	}
	// Steps 11 to 14: H' = Hash(0x00 × 8 ‖ mHash ‖ salt) must equal H.
	salt := db[len(db)-saltLen:]
	var mp [8 + 2*sha512.Size]byte
	var in []byte
	if 8+hLen+saltLen <= len(mp) {
		in = mp[:0]
	} else {
		in = make([]byte, 0, 8+hLen+saltLen)
	}
	in = append(in, 0, 0, 0, 0, 0, 0, 0, 0)
	in = append(in, digest...)
	in = append(in, salt...)
	var sum [sha512.Size]byte
	if subtle.ConstantTimeCompare(hash(h, in, &sum), hh) != 1 {
		return ErrVerification
	}
	return nil
}

// mgf1XOR XORs db with MGF1 over h of seed (RFC 8017 §B.2.1).
func mgf1XOR(db []byte, h crypto.Hash, seed []byte) {
	var in [sha512.Size + 4]byte
	n := copy(in[:], seed)
	var sum [sha512.Size]byte
	for counter := uint32(0); len(db) > 0; counter++ {
		in[n], in[n+1], in[n+2], in[n+3] = byte(counter>>24), byte(counter>>16), byte(counter>>8), byte(counter)
		mask := hash(h, in[:n+4], &sum)
		k := subtle.XORBytes(db, db, mask)
		db = db[k:]
	}
}

// supported reports whether h is one of the hashes of this package.
func supported(h crypto.Hash) bool {
	return h == crypto.SHA256 || h == crypto.SHA384 || h == crypto.SHA512
}

// hash returns the hash h of in, written into sum, without allocating. h
// is SHA-256, SHA-384 or SHA-512.
func hash(h crypto.Hash, in []byte, sum *[sha512.Size]byte) []byte {
	switch h {
	case crypto.SHA256:
		*(*[sha256.Size]byte)(sum[:sha256.Size]) = sha256.Sum256(in)
		return sum[:sha256.Size]
	case crypto.SHA384:
		*(*[sha512.Size384]byte)(sum[:sha512.Size384]) = sha512.Sum384(in)
		return sum[:sha512.Size384]
	}
	*sum = sha512.Sum512(in)
	return sum[:]
}

// digestInfoPrefix returns the DER encoding of the DigestInfo of h up to
// the digest itself (RFC 8017 §9.2, note 1), or nil for a hash this
// package does not take.
func digestInfoPrefix(h crypto.Hash) []byte {
	switch h {
	case crypto.SHA256:
		return []byte{0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20}
	case crypto.SHA384:
		return []byte{0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30}
	case crypto.SHA512:
		return []byte{0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40}
	}
	return nil
}
