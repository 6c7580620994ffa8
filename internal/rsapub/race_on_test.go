//go:build race

package rsapub_test

const raceEnabled = true
