//go:build !purego

package rsapub

// hasADX reports whether the CPU has the ADX and BMI2 extensions that
// addMulVVWADX uses (CPUID leaf 7, EBX bits 19 and 8).
func hasADX() bool

// addMulVVWADX sets z[:n] += x[:n]·y and returns the carry; n ≥ 1. It
// needs ADX and BMI2 (see hasADX).
//
//go:noescape
func addMulVVWADX(z, x *uint, y uint, n int) (c uint)
