package jws_test

import (
	"crypto/fips140"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestRSAFIPS140 runs the RSA Wycheproof vectors again in a child process
// with GODEBUG=fips140=on, where the RSA verifiers use crypto/rsa instead
// of signet's own arithmetic: the verdicts must be the same.
func TestRSAFIPS140(t *testing.T) {
	if os.Getenv("SIGNET_FIPS_CHILD") == "1" {
		if !fips140.Enabled() {
			t.Fatal("the child runs without FIPS 140-3 mode")
		}
		return
	}
	if testing.Short() {
		t.Skip("runs the RSA Wycheproof vectors again in a child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^(TestRSAFIPS140|TestWycheproof)$/^(|rsa_.*)$", "-test.v")
	cmd.Env = append(os.Environ(), "SIGNET_FIPS_CHILD=1", "GODEBUG=fips140=on")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child with GODEBUG=fips140=on: %v\n%s", err, out)
	}
	for _, want := range []string{"--- PASS: TestRSAFIPS140", "--- PASS: TestWycheproof/rsa_signature_2048_sha256", "--- PASS: TestWycheproof/rsa_pss_4096_sha512_mgf1_64"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("child output lacks %q:\n%.2000s", want, out)
		}
	}
}
