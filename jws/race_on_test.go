//go:build race

package jws_test

// raceEnabled reports whether the race detector is on: it makes sync.Pool
// drop values at random, so allocation counts do not hold.
const raceEnabled = true
