//go:build race

package jws_test

func init() { raceEnabled = true }
