//go:debug rsa1024min=0

package rsapub_test

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"encoding/binary"
	"math/big"
	"sync"
	"testing"
)

// FuzzDifferential has crypto/rsa as its oracle: for any signature, both
// packages accept it or both refuse it, as RSASSA-PKCS1-v1_5 and as
// RSASSA-PSS. Signatures mostly come from a private-key operation on a
// valid encoding of the message's digest (EMSA-PKCS1-v1_5 or EMSA-PSS)
// with some octets XORed, so the fuzzer explores the padding checks and
// not only random numbers; the mode's bit 1 takes the signature straight
// from the input instead. The keys are the 768- and 769-bit test keys,
// which keep the private operation cheap (the go:debug line above lets
// crypto/rsa take them); the 769-bit one has the PSS encoding one octet
// shorter than the modulus.
func FuzzDifferential(f *testing.F) {
	f.Add(uint8(0), uint8(0), uint8(0), uint8(31), []byte("msg"), []byte{}, []byte{})
	f.Add(uint8(1), uint8(1), uint8(0), uint8(31), []byte("msg"), []byte{}, []byte{})
	f.Add(uint8(0), uint8(1), uint8(1), uint8(47), []byte(""), []byte{}, []byte{})
	f.Add(uint8(1), uint8(0), uint8(2), uint8(0), []byte("x"), []byte{5, 1}, []byte{})
	f.Add(uint8(0), uint8(1), uint8(2), uint8(63), []byte("x"), []byte{0, 0x80}, []byte{})
	f.Add(uint8(1), uint8(1), uint8(0), uint8(10), []byte("y"), []byte{}, []byte{7, 2})
	f.Add(uint8(0), uint8(2), uint8(0), uint8(0), []byte("z"), []byte{}, bytes.Repeat([]byte{0xff}, 128))
	f.Fuzz(func(t *testing.T, key, mode, hashIdx, saltLen uint8, msg, edits, sigEdits []byte) {
		k := testKeys()[key%2]
		h := hashes[int(hashIdx)%len(hashes)]
		sLen := 1 + int(saltLen)%79 // 0 is crypto/rsa's PSSSaltLengthAuto
		d := digestOf(h, msg)
		size := (k.N.BitLen() + 7) / 8

		var sig []byte
		valid := false // whether sig is a valid signature, as constructed
		if mode&2 != 0 {
			sig = make([]byte, size)
			copy(sig, sigEdits)
		} else {
			var em []byte
			if mode&1 == 0 {
				em, valid = encodePKCS1v15(t, k, h, d), true
			} else {
				em, valid = encodePSS(k, h, d, sLen)
			}
			for i := 0; i+1 < len(edits) && i < 32; i += 2 {
				if edits[i+1] != 0 {
					em[int(edits[i])%len(em)] ^= edits[i+1]
					valid = false
				}
			}
			sig = privateOp(k, em)
			for i := 0; i+1 < len(sigEdits) && i < 32; i += 2 {
				if sigEdits[i+1] != 0 {
					sig[int(sigEdits[i])%len(sig)] ^= sigEdits[i+1]
					valid = false
				}
			}
		}

		pub := &rsa.PublicKey{N: k.N, E: k.E}
		errStd := rsa.VerifyPKCS1v15(pub, h, d, sig)
		errOwn := own(k).VerifyPKCS1v15(h, d, sig)
		if (errStd == nil) != (errOwn == nil) {
			t.Fatalf("PKCS#1 v1.5, %d bits, %v: crypto/rsa says %v, rsapub says %v", k.N.BitLen(), h, errStd, errOwn)
		}
		if valid && mode&1 == 0 && errOwn != nil {
			t.Fatalf("PKCS#1 v1.5, %d bits, %v: an unaltered signature is refused", k.N.BitLen(), h)
		}
		errStd = rsa.VerifyPSS(pub, h, d, sig, &rsa.PSSOptions{SaltLength: sLen})
		errOwn = own(k).VerifyPSS(h, d, sig, sLen)
		if (errStd == nil) != (errOwn == nil) {
			t.Fatalf("PSS, %d bits, %v, salt %d: crypto/rsa says %v, rsapub says %v", k.N.BitLen(), h, sLen, errStd, errOwn)
		}
		if valid && mode&1 == 1 && errOwn != nil {
			t.Fatalf("PSS, %d bits, %v, salt %d: an unaltered signature is refused", k.N.BitLen(), h, sLen)
		}
	})
}

// privateOp returns em^d mod N as a signature, with the CRT values of k.
// em is reduced modulo N first.
func privateOp(k *rsa.PrivateKey, em []byte) []byte {
	c := new(big.Int).SetBytes(em)
	c.Mod(c, k.N)
	p, q := k.Primes[0], k.Primes[1]
	m1 := new(big.Int).Exp(c, k.Precomputed.Dp, p)
	m2 := new(big.Int).Exp(c, k.Precomputed.Dq, q)
	hh := m1.Sub(m1, m2)
	hh.Mul(hh, k.Precomputed.Qinv).Mod(hh, p)
	hh.Mul(hh, q).Add(hh, m2)
	return hh.FillBytes(make([]byte, (k.N.BitLen()+7)/8))
}

// digestInfoPrefixes holds the DigestInfo prefix of each hash, read from a
// signature crypto/rsa makes, so the test does not share the package's
// table.
var digestInfoPrefixes = sync.OnceValue(func() map[crypto.Hash][]byte {
	k := testKeys()[2]
	prefixes := map[crypto.Hash][]byte{}
	for _, h := range hashes {
		d := digestOf(h, nil)
		sig, err := rsa.SignPKCS1v15(nil, k, h, d)
		if err != nil {
			panic(err)
		}
		em := new(big.Int).Exp(new(big.Int).SetBytes(sig), big.NewInt(int64(k.E)), k.N).Bytes()
		// em lacks the leading 0x00: 0x01 ‖ PS ‖ 0x00 ‖ prefix ‖ digest.
		i := bytes.IndexByte(em, 0)
		prefixes[h] = em[i+1 : len(em)-len(d)]
	}
	return prefixes
})

// encodePKCS1v15 returns EMSA-PKCS1-v1_5 of digest for k (RFC 8017 §9.2).
func encodePKCS1v15(t *testing.T, k *rsa.PrivateKey, h crypto.Hash, digest []byte) []byte {
	size := (k.N.BitLen() + 7) / 8
	prefix := digestInfoPrefixes()[h]
	em := make([]byte, size)
	em[1] = 1
	tLen := len(prefix) + len(digest)
	if size < tLen+11 {
		t.Fatalf("%d-octet modulus too short for %v", size, h)
	}
	for i := 2; i < size-tLen-1; i++ {
		em[i] = 0xff
	}
	copy(em[size-tLen:], prefix)
	copy(em[size-len(digest):], digest)
	return em
}

// encodePSS returns EMSA-PSS-ENCODE of digest for k with a salt of sLen
// octets derived from the digest (RFC 8017 §9.1.1), as many octets as the
// modulus, and whether the encoding exists; when it does not, it returns
// octets that are not one.
func encodePSS(k *rsa.PrivateKey, h crypto.Hash, digest []byte, sLen int) ([]byte, bool) {
	size := (k.N.BitLen() + 7) / 8
	emBits := k.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	hLen := h.Size()
	out := make([]byte, size)
	if emLen < hLen+sLen+2 {
		copy(out, digest)
		return out, false
	}
	salt := bytes.Repeat(digest, sLen/len(digest)+1)[:sLen]
	mp := append(append(make([]byte, 8), digest...), salt...)
	hh := digestOf(h, mp)
	db := make([]byte, emLen-hLen-1)
	db[len(db)-sLen-1] = 1
	copy(db[len(db)-sLen:], salt)
	mask := mgf1(h, hh, len(db))
	for i := range db {
		db[i] ^= mask[i]
	}
	db[0] &= 0xff >> (8*emLen - emBits)
	em := out[size-emLen:]
	copy(em, db)
	copy(em[len(db):], hh)
	em[emLen-1] = 0xbc
	return out, true
}

// mgf1 returns n octets of MGF1 over h of seed (RFC 8017 §B.2.1).
func mgf1(h crypto.Hash, seed []byte, n int) []byte {
	var out []byte
	for counter := uint32(0); len(out) < n; counter++ {
		out = append(out, digestOf(h, binary.BigEndian.AppendUint32(append([]byte(nil), seed...), counter))...)
	}
	return out[:n]
}
