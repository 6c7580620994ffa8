package rsapub

import (
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// natFromBig returns x as l limbs.
func natFromBig(x *big.Int, l int) []uint {
	z := make([]uint, l)
	for i, w := range x.Bits() {
		z[i] = uint(w)
	}
	return z
}

func natToBig(x []uint) *big.Int {
	w := make([]big.Word, len(x))
	for i, v := range x {
		w[i] = big.Word(v)
	}
	return new(big.Int).SetBits(w)
}

// randOdd returns a random odd number of exactly nbits bits.
func randOdd(r *rand.Rand, nbits int) *big.Int {
	b := make([]byte, (nbits+7)/8)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	x := new(big.Int).SetBytes(b)
	x.SetBit(x, nbits-1, 1)
	for i := nbits; i < 8*len(b); i++ {
		x.SetBit(x, i, 0)
	}
	return x.SetBit(x, 0, 1)
}

// randBelow returns a number in [0, n), often one of the edge values
// 0, 1, n-1 and numbers with all limbs saturated.
func randBelow(r *rand.Rand, n *big.Int) *big.Int {
	switch r.IntN(8) {
	case 0:
		return big.NewInt(0)
	case 1:
		return big.NewInt(1)
	case 2:
		return new(big.Int).Sub(n, big.NewInt(1))
	case 3: // all ones below n's top bit
		x := new(big.Int).Lsh(big.NewInt(1), uint(n.BitLen()-1))
		return x.Sub(x, big.NewInt(1))
	}
	b := make([]byte, (n.BitLen()+7)/8)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	x := new(big.Int).SetBytes(b)
	return x.Mod(x, n)
}

// testSizes are modulus sizes in bits: one limb, limb counts on both sides
// of the four-limb unrolling, and the RSA sizes.
var testSizes = []int{3, 17, 63, 64, 65, 127, 128, 129, 191, 255, 257, 320, 383, 511, 1023, 1024, 1025, 2047, 2048, 3072, 4096, 4097}

// TestMontgomery checks montMul, montSqr, exp, setBytes and fillBytes
// against math/big for moduli of many sizes and operands that include the
// edge values.
func TestMontgomery(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, nbits := range testSizes {
		for rep := range 4 {
			n := randOdd(r, nbits)
			m := newModulus(n)
			if ks := kernels(t); rep%2 == 1 && len(ks) == 2 {
				m.adx = !m.adx // both kernels at each size
			}
			l := len(m.n)
			if l != (nbits+bits.UintSize-1)/bits.UintSize || m.bits != nbits || m.size != (nbits+7)/8 {
				t.Fatalf("%d bits: %d limbs, bits %d, size %d", nbits, l, m.bits, m.size)
			}
			if got := m.n[0] * -m.n0inv; got != 1 {
				t.Fatalf("%d bits: n[0]·n0inv = %d, want -1", nbits, got)
			}
			rInv := new(big.Int).Lsh(big.NewInt(1), uint(bits.UintSize*l))
			rInv.ModInverse(rInv, n)
			scratch := make([]uint, 3*l)
			for range 8 {
				xb, yb := randBelow(r, n), randBelow(r, n)
				x, y := natFromBig(xb, l), natFromBig(yb, l)
				z := make([]uint, l)

				m.montMul(z, x, y, scratch)
				want := new(big.Int).Mul(xb, yb)
				want.Mul(want, rInv).Mod(want, n)
				if got := natToBig(z); got.Cmp(want) != 0 {
					t.Fatalf("%d bits: montMul(%x, %x) = %x, want %x", nbits, xb, yb, got, want)
				}

				m.montSqr(z, x, scratch)
				want.Mul(xb, xb).Mul(want, rInv).Mod(want, n)
				if got := natToBig(z); got.Cmp(want) != 0 {
					t.Fatalf("%d bits: montSqr(%x) = %x, want %x", nbits, xb, got, want)
				}

				// Aliasing: z = x·z.
				copy(z, y)
				m.montMul(z, x, z, scratch)
				want.Mul(xb, yb).Mul(want, rInv).Mod(want, n)
				if got := natToBig(z); got.Cmp(want) != 0 {
					t.Fatalf("%d bits: montMul aliased = %x, want %x", nbits, got, want)
				}

				for _, e := range []uint{3, 5, 17, 65537, 1<<31 - 1, uint(r.Uint32()) | 1 | 2} {
					e &= 1<<31 - 1
					m.exp(z, x, e, scratch)
					want.Exp(xb, new(big.Int).SetUint64(uint64(e)), n)
					if got := natToBig(z); got.Cmp(want) != 0 {
						t.Fatalf("%d bits: exp(%x, %d) = %x, want %x", nbits, xb, e, got, want)
					}
				}

				b := xb.FillBytes(make([]byte, m.size))
				v := make([]uint, l)
				if !m.setBytes(v, b) {
					t.Fatalf("%d bits: setBytes(%x) says it is not below n", nbits, xb)
				}
				if got := natToBig(v); got.Cmp(xb) != 0 {
					t.Fatalf("%d bits: setBytes(%x) = %x", nbits, b, got)
				}
				out := make([]byte, m.size)
				fillBytes(out, v)
				if string(out) != string(b) {
					t.Fatalf("%d bits: fillBytes = %x, want %x", nbits, out, b)
				}
			}
			// Values at or above n are refused by setBytes.
			for _, vb := range []*big.Int{n, new(big.Int).Add(n, big.NewInt(1))} {
				if vb.BitLen() > 8*m.size {
					continue
				}
				if m.setBytes(make([]uint, l), vb.FillBytes(make([]byte, m.size))) {
					t.Errorf("%d bits: setBytes(%x) says it is below n = %x", nbits, vb, n)
				}
			}
		}
	}
}

// kernels lists the kernels this machine can run: the Go one, and the ADX
// one on amd64 CPUs that have it.
func kernels(t *testing.T) []bool {
	if hasADX() {
		return []bool{false, true}
	}
	t.Log("no ADX kernel on this machine: the Go kernel only")
	return []bool{false}
}

// TestAddMulVVW checks both kernels against math/big with all-ones
// operands, whose carries are the largest, and random ones, at every
// length up to 70 limbs.
func TestAddMulVVW(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, adx := range kernels(t) {
		for l := 0; l <= 70; l++ {
			for k := range 20 {
				z, x := make([]uint, l), make([]uint, l)
				y := ^uint(0)
				for i := range l {
					z[i], x[i] = ^uint(0), ^uint(0)
					if k > 0 {
						z[i], x[i] = uint(r.Uint64()), uint(r.Uint64())
					}
				}
				if k > 1 {
					y = uint(r.Uint64())
				}
				want := new(big.Int).Mul(natToBig(x), new(big.Int).SetUint64(uint64(y)))
				want.Add(want, natToBig(z))
				c := addMul(adx, z, x, y)
				got := natToBig(append(z, c))
				if got.Cmp(want) != 0 {
					t.Fatalf("adx %v, len %d: addMul = %x, want %x", adx, l, got, want)
				}
			}
		}
	}
}
