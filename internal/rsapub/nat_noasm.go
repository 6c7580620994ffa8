//go:build !amd64 || purego

package rsapub

// hasADX reports false: the ADX kernel is for amd64.
func hasADX() bool { return false }

// addMulVVWADX is never called where hasADX reports false.
func addMulVVWADX(z, x *uint, y uint, n int) uint {
	panic("rsapub: addMulVVWADX without ADX")
}
