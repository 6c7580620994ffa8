package rsapub

import (
	"math/big"
	"math/bits"
)

// The arithmetic works on little-endian slices of uint limbs of
// bits.UintSize bits each, so it is the same code on 32- and 64-bit
// platforms. No secret passes through it: it runs in variable time.
//
// Its one kernel, z += x·y, is written in Go with math/bits (addMulVVW),
// and on amd64 CPUs with ADX and BMI2 also in assembly (addMulVVWADX, two
// interleaved carry chains with MULX, ADCX and ADOX), which crypto/rsa's
// own arithmetic uses too: about 1.8 times faster than the Go code, as the
// Go compiler does not emit those instructions. The purego build tag
// leaves the Go kernel alone. Tests run both against math/big.

// modulus is an odd modulus n with what Montgomery multiplication needs,
// computed once per key. R is 2^(bits.UintSize·len(n)).
type modulus struct {
	n     []uint // n, as many limbs as it needs, the top one non-zero
	rr    []uint // R² mod n
	n0inv uint   // -n⁻¹ mod 2^bits.UintSize
	bits  int    // bit length of n
	size  int    // octets of n
	adx   bool   // the CPU has ADX and BMI2, for addMulVVWADX (amd64)
}

// newModulus returns the modulus of n, which must be odd and larger
// than 1.
func newModulus(n *big.Int) *modulus {
	words := n.Bits()
	l := len(words)
	m := &modulus{
		n:    make([]uint, 2*l),
		bits: n.BitLen(),
		size: (n.BitLen() + 7) / 8,
	}
	m.n, m.rr = m.n[:l:l], m.n[l:]
	for i, w := range words {
		m.n[i] = uint(w)
	}
	rr := new(big.Int).Lsh(big.NewInt(1), uint(2*bits.UintSize*l))
	for i, w := range rr.Mod(rr, n).Bits() {
		m.rr[i] = uint(w)
	}
	// Newton's iteration doubles the correct low bits of the inverse;
	// n[0]·n[0] ≡ 1 mod 8 gives three to start with.
	inv := m.n[0]
	for range 5 {
		inv *= 2 - m.n[0]*inv
	}
	m.n0inv = -inv
	m.adx = hasADX()
	return m
}

// addMul sets z += x·y and returns the carry, with the ADX kernel when adx
// is set (amd64 only). len(x) must be at least len(z).
func addMul(adx bool, z, x []uint, y uint) uint {
	if adx && len(z) > 0 {
		_ = x[len(z)-1]
		return addMulVVWADX(&z[0], &x[0], y, len(z))
	}
	return addMulVVW(z, x, y)
}

// addMulVVW sets z += x·y and returns the carry. len(x) must be at least
// len(z).
//
// Each step adds with carry into the high word right away (h, _ =
// bits.Add(h, 0, cc)), which compiles to ADC on amd64 with no carry
// materialised in a register: about 10 instructions a limb. Two
// interleaved carry chains, a two-row kernel and column-wise (Comba)
// products all measured slower with the Go compiler.
func addMulVVW(z, x []uint, y uint) (c uint) {
	x = x[:len(z)]
	i := 0
	for ; i+4 <= len(z); i += 4 {
		zz := z[i : i+4 : i+4]
		xx := x[i : i+4 : i+4]
		var cc uint
		h, l := bits.Mul(xx[0], y)
		l, cc = bits.Add(l, zz[0], 0)
		h, _ = bits.Add(h, 0, cc)
		zz[0], cc = bits.Add(l, c, 0)
		c, _ = bits.Add(h, 0, cc)
		h, l = bits.Mul(xx[1], y)
		l, cc = bits.Add(l, zz[1], 0)
		h, _ = bits.Add(h, 0, cc)
		zz[1], cc = bits.Add(l, c, 0)
		c, _ = bits.Add(h, 0, cc)
		h, l = bits.Mul(xx[2], y)
		l, cc = bits.Add(l, zz[2], 0)
		h, _ = bits.Add(h, 0, cc)
		zz[2], cc = bits.Add(l, c, 0)
		c, _ = bits.Add(h, 0, cc)
		h, l = bits.Mul(xx[3], y)
		l, cc = bits.Add(l, zz[3], 0)
		h, _ = bits.Add(h, 0, cc)
		zz[3], cc = bits.Add(l, c, 0)
		c, _ = bits.Add(h, 0, cc)
	}
	for ; i < len(z); i++ {
		var cc uint
		h, l := bits.Mul(x[i], y)
		l, cc = bits.Add(l, z[i], 0)
		h, _ = bits.Add(h, 0, cc)
		z[i], cc = bits.Add(l, c, 0)
		c, _ = bits.Add(h, 0, cc)
	}
	return c
}

// subVV sets z = x - y and returns the borrow. x and y are as long as z.
func subVV(z, x, y []uint) (b uint) {
	x, y = x[:len(z)], y[:len(z)]
	for i := range z {
		z[i], b = bits.Sub(x[i], y[i], b)
	}
	return b
}

// less reports whether x < y; they have the same length.
func less(x, y []uint) bool {
	y = y[:len(x)]
	for i := len(x) - 1; i >= 0; i-- {
		if x[i] != y[i] {
			return x[i] < y[i]
		}
	}
	return false
}

// mul sets t[:2·len(x)] = x·y; y is as long as x.
func mul(adx bool, t, x, y []uint) {
	n := len(x)
	t = t[:2*n]
	clear(t[:n])
	for i, xi := range x {
		t[n+i] = addMul(adx, t[i:n+i], y, xi)
	}
}

// sqr sets t[:2·len(x)] = x²: the products x[i]·x[j] with i < j once,
// doubled, then the squares x[i]² on the diagonal.
func sqr(adx bool, t, x []uint) {
	n := len(x)
	t = t[:2*n]
	clear(t[:n])
	t[2*n-1] = 0
	for i := 0; i < n-1; i++ {
		t[n+i] = addMul(adx, t[2*i+1:n+i], x[i+1:], x[i])
	}
	var top, c uint
	for i, xi := range x {
		hi, lo := bits.Mul(xi, xi)
		t0, t1 := t[2*i], t[2*i+1]
		d0 := t0<<1 | top
		d1 := t1<<1 | t0>>(bits.UintSize-1)
		top = t1 >> (bits.UintSize - 1)
		t[2*i], c = bits.Add(d0, lo, c)
		t[2*i+1], c = bits.Add(d1, hi, c)
	}
}

// redc sets z = t·R⁻¹ mod m for t < m·R, reduced below m. It destroys
// t[:2·len(m.n)]. z may alias nothing in t.
func (m *modulus) redc(z, t []uint) {
	n := len(m.n)
	t = t[:2*n]
	var carry uint
	for i := range n {
		c := addMul(m.adx, t[i:i+n], m.n, t[i]*m.n0inv)
		t[n+i], carry = bits.Add(t[n+i], c, carry)
	}
	// The result, t[n:] + carry·R, is below 2m.
	hi := t[n:]
	if carry != 0 || !less(hi, m.n) {
		subVV(z, hi, m.n)
		return
	}
	copy(z, hi)
}

// montMul sets z = x·y·R⁻¹ mod m, with the scratch t of 2·len(m.n) limbs.
// x and y are below m; z may alias them.
func (m *modulus) montMul(z, x, y, t []uint) {
	mul(m.adx, t, x, y)
	m.redc(z, t)
}

// montSqr sets z = x²·R⁻¹ mod m, with the scratch t of 2·len(m.n) limbs.
// x is below m; z may alias it.
func (m *modulus) montSqr(z, x, t []uint) {
	sqr(m.adx, t, x)
	m.redc(z, t)
}

// exp sets z = x^e mod m for x below m and an odd e ≥ 3, with the
// scratch s of 3·len(m.n) limbs. z must not alias x.
//
// x is taken into Montgomery form as xR = x·R mod m, raised by squaring
// and multiplying from the top bit of e down, except that the last
// multiplication, by the bit 0 that an odd e always has, multiplies by x
// itself: x^(e-1)·R · x · R⁻¹ = x^e, out of Montgomery form with no
// conversion.
func (m *modulus) exp(z, x []uint, e uint, s []uint) {
	n := len(m.n)
	xr, t := s[:n], s[n:3*n]
	m.montMul(xr, x, m.rr, t)
	copy(z, xr)
	for i := bits.Len(e) - 2; i > 0; i-- {
		m.montSqr(z, z, t)
		if e>>i&1 == 1 {
			m.montMul(z, z, xr, t)
		}
	}
	m.montSqr(z, z, t)
	m.montMul(z, z, x, t)
}

// setBytes sets z, of len(m.n) limbs, to the big-endian b and reports
// whether it is below m. b is at most m.size octets long.
func (m *modulus) setBytes(z []uint, b []byte) bool {
	clear(z)
	const w = bits.UintSize / 8
	for i := range b {
		j := len(b) - 1 - i // octet j from the least significant end
		z[j/w] |= uint(b[i]) << (8 * (j % w))
	}
	return less(z, m.n)
}

// fillBytes writes x, below m, big-endian into b of m.size octets.
func fillBytes(b []byte, x []uint) {
	const w = bits.UintSize / 8
	for i := range b {
		j := len(b) - 1 - i
		b[i] = byte(x[j/w] >> (8 * (j % w)))
	}
}
