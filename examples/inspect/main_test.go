package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/internal/testkeys"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// fixedNow makes the relative dates in the output predictable.
const fixedNow = "2025-03-01T13:30:00Z"

// runInspect runs the program with args and stdin, and returns its exit
// status and output.
func runInspect(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var in io.Reader // nil, like a terminal
	if stdin != "" {
		in = strings.NewReader(stdin)
	}
	var out, errOut bytes.Buffer
	code = run(args, in, &out, &errOut)
	return code, out.String(), errOut.String()
}

// wantContains reports each of wants that s lacks.
func wantContains(t *testing.T, what, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("%s does not contain %q; it is:\n%s", what, w, s)
		}
	}
}

func TestSample(t *testing.T) {
	code, out, errOut := runInspect(t, "", "-now", fixedNow)
	if code != 0 {
		t.Fatalf("run = %d, want 0; stderr:\n%s", code, errOut)
	}
	wantContains(t, "stdout", out,
		"built-in sample",
		`"alg": "HS256"`,
		`"sub": "user-42"`,
		"exp  expires     2025-03-01T13:00:00Z  (30m0s ago)",
		"iat  issued at   2025-03-01T12:00:00Z  (1h30m0s ago)",
		"Signature: not checked",
	)
}

func TestSampleVerified(t *testing.T) {
	code, out, errOut := runInspect(t, "", "-now", fixedNow, "-key", "testdata/sample-hs256.key", "-alg", "HS256")
	if code != 0 {
		t.Fatalf("run = %d, want 0; stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	wantContains(t, "stdout", out, "Signature: VALID", "NOT validated")
}

// TestSampleIsGenuine checks that sampleToken is what signing its claims
// with the secret in testdata gives (HMAC is deterministic), so the sample
// never drifts from what main.go says it is.
func TestSampleIsGenuine(t *testing.T) {
	secret, err := os.ReadFile("testdata/sample-hs256.key")
	if err != nil {
		t.Fatal(err)
	}
	key, err := jws.NewHMAC(jws.HS256, secret)
	if err != nil {
		t.Fatal(err)
	}
	got, err := makeSample(key)
	if err != nil {
		t.Fatal(err)
	}
	if got != sampleToken {
		t.Errorf("sampleToken is out of date; it should be\n%s", got)
	}
}

// makeSample signs the sample's claims with key.
func makeSample(key jws.Signer) (string, error) {
	iat := time.Date(2025, time.March, 1, 12, 0, 0, 0, time.UTC)
	type sampleClaims struct {
		claims.Registered
		Name  string `json:"name"`
		Admin bool   `json:"admin"`
	}
	return jwt.Sign(key, jws.Header{KeyID: "sample-2025"}, sampleClaims{
		Registered: claims.Registered{
			Issuer:    "https://auth.example.com",
			Subject:   "user-42",
			Audience:  claims.Audience{"https://api.example.com"},
			IssuedAt:  claims.NewNumericDate(iat),
			ExpiresAt: claims.NewNumericDate(iat.Add(time.Hour)),
			ID:        "4f1c2d9e-sample",
		},
		Name: "Ada Lovelace",
	})
}

func TestRSA(t *testing.T) {
	priv := testkeys.RSA(0)
	signer, err := jws.NewRSASigner(jws.RS256, priv)
	if err != nil {
		t.Fatal(err)
	}
	token := signToken(t, signer)
	keyFile := writePublicPEM(t, &priv.PublicKey)

	t.Run("valid", func(t *testing.T) {
		code, out, errOut := runInspect(t, "", "-now", fixedNow, "-key", keyFile, "-alg", "RS256", token)
		if code != 0 {
			t.Fatalf("run = %d, want 0; stdout:\n%s\nstderr:\n%s", code, out, errOut)
		}
		wantContains(t, "stdout", out, `"sub": "test-user"`, "exp  expires     2025-03-02T00:00:00Z  (in 10h30m0s)", "Signature: VALID")
	})
	t.Run("from stdin", func(t *testing.T) {
		code, out, errOut := runInspect(t, token+"\n", "-key", keyFile, "-alg", "RS256")
		if code != 0 {
			t.Fatalf("run = %d, want 0; stdout:\n%s\nstderr:\n%s", code, out, errOut)
		}
		wantContains(t, "stdout", out, `"sub": "test-user"`, "Signature: VALID")
	})
	t.Run("wrong algorithm", func(t *testing.T) {
		code, out, _ := runInspect(t, "", "-key", keyFile, "-alg", "PS256", token)
		if code != 1 {
			t.Errorf("run = %d, want 1", code)
		}
		wantContains(t, "stdout", out, "Signature: INVALID")
	})
	t.Run("tampered", func(t *testing.T) {
		// Flip one character of the signature.
		last := token[len(token)-2]
		flipped := byte('A')
		if last == 'A' {
			flipped = 'B'
		}
		bad := token[:len(token)-2] + string(flipped) + token[len(token)-1:]
		code, out, _ := runInspect(t, "", "-key", keyFile, "-alg", "RS256", bad)
		if code != 1 {
			t.Errorf("run = %d, want 1", code)
		}
		wantContains(t, "stdout", out, "Signature: INVALID")
	})
}

func TestRelative(t *testing.T) {
	now := time.Date(2025, time.March, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{now, "now"},
		{now.Add(90 * time.Minute), "in 1h30m0s"},
		{now.Add(-2 * time.Second), "2s ago"},
		{now.Add(-47 * time.Hour), "47h0m0s ago"},
		{now.Add(3*24*time.Hour + 5*time.Hour), "in about 3 days"},
		{now.Add(-400 * 24 * time.Hour), "about 400 days ago"},
	} {
		if got := relative(tc.t, now); got != tc.want {
			t.Errorf("relative(%v, %v) = %q, want %q", tc.t, now, got, tc.want)
		}
	}
}

func TestECDSAAndEd25519(t *testing.T) {
	ecKey := testkeys.ECDSA(elliptic.P256(), 0)
	ecSigner, err := jws.NewECDSASigner(jws.ES256, ecKey)
	if err != nil {
		t.Fatal(err)
	}
	edPrivate := testkeys.Ed25519(0)
	edPublic := edPrivate.Public().(ed25519.PublicKey)
	edSigner, err := jws.NewEd25519Signer(edPrivate)
	if err != nil {
		t.Fatal(err)
	}
	ecToken, ecFile := signToken(t, ecSigner), writePublicPEM(t, &ecKey.PublicKey)
	edToken, edFile := signToken(t, edSigner), writePublicPEM(t, edPublic)

	for _, tc := range []struct {
		name  string
		args  []string
		want  int
		wants string
	}{
		{"ES256", []string{"-key", ecFile, "-alg", "ES256", ecToken}, 0, "Signature: VALID"},
		{"EdDSA", []string{"-key", edFile, "-alg", "EdDSA", edToken}, 0, "Signature: VALID"},
		{"ES256 token, Ed25519 key", []string{"-key", edFile, "-alg", "EdDSA", ecToken}, 1, "Signature: INVALID"},
		{"Ed25519 key with -alg ES256", []string{"-key", edFile, "-alg", "ES256", edToken}, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runInspect(t, "", tc.args...)
			if code != tc.want {
				t.Fatalf("run = %d, want %d; stdout:\n%s\nstderr:\n%s", code, tc.want, out, errOut)
			}
			wantContains(t, "stdout", out, tc.wants)
		})
	}
}

// signToken returns a token for "test-user", signed by s.
func signToken(t *testing.T, s jws.Signer) string {
	t.Helper()
	token, err := jwt.Sign(s, jws.Header{}, claims.Registered{
		Subject:   "test-user",
		ExpiresAt: claims.NewNumericDate(time.Date(2025, time.March, 2, 0, 0, 0, 0, time.UTC)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// writePublicPEM writes pub to a temporary "PUBLIC KEY" PEM file and
// returns its name.
func writePublicPEM(t *testing.T, pub any) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "public.pem")
	if err := os.WriteFile(name, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"malformed token", []string{"not.a.token"}, 1},
		{"two parts", []string{"eyJhbGciOiJIUzI1NiJ9.e30"}, 1},
		{"key without alg", []string{"-key", "testdata/sample-hs256.key"}, 2},
		{"bad -now", []string{"-now", "yesterday"}, 2},
		{"two tokens", []string{"a", "b"}, 2},
		{"unknown flag", []string{"-frobnicate"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, _ := runInspect(t, "", tc.args...); code != tc.want {
				t.Errorf("run(%q) = %d, want %d", tc.args, code, tc.want)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	code, _, errOut := runInspect(t, "", "-h")
	if code != 0 {
		t.Errorf("run(-h) = %d, want 0", code)
	}
	wantContains(t, "usage", errOut, "usage: inspect", "-key FILE", "-alg ALG")
}

// TestPEMFiles verifies with the key files openssl wrote (testdata/pem at
// the repository's root): a certificate and a PKCS #1 public key serve as
// well as a PKIX one, and a private key is refused.
func TestPEMFiles(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "pem")
	priv, err := os.ReadFile(filepath.Join(dir, "rsa2048.pkcs8.pem"))
	if err != nil {
		t.Fatal(err)
	}
	signer, err := jws.ParsePEMSigner(jws.PS256, priv)
	if err != nil {
		t.Fatal(err)
	}
	token := signToken(t, signer)
	for _, tc := range []struct {
		file  string
		want  int
		wants string
	}{
		{"rsa2048.pub.pem", 0, "Signature: VALID"},
		{"rsa2048.pkcs1pub.pem", 0, "Signature: VALID"},
		{"rsa2048.cert.pem", 0, "Signature: VALID"},
		{"p256.pub.pem", 2, "PS256 cannot be used with an ECDSA key"},
		{"rsa2048.pkcs8.pem", 2, "where a public key is expected"},
		{"rsa1024.pub.pem", 2, "at least 2048 bits"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			code, out, errOut := runInspect(t, "", "-key", filepath.Join(dir, tc.file), "-alg", "PS256", token)
			if code != tc.want {
				t.Fatalf("run = %d, want %d; stdout:\n%s\nstderr:\n%s", code, tc.want, out, errOut)
			}
			wantContains(t, "output", out+errOut, tc.wants)
		})
	}
}
