package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the program and checks what it must show: the flood costs
// one request, the outage is survived, and the requests are counted.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("run = %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"JWK Set requests so far: 0\n",
		"service: 10000 of 10000 forged tokens refused with jws.ErrKeyNotFound\nprovider: 4 JWK Set requests so far\n",
		"service: October token refused (jws: key not found)\n",
		"November token, provider down for 23h10m0s, accepted",
		"is stale since 2026-11-22T12:18:01Z (stale limit 24h0m0s)",
		"The provider saw 11 requests for its JWK Set (3 answered 304, 5 while it was down).",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, out.String())
		}
	}
}
