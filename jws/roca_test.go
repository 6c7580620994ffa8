package jws_test

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// rsaAlgorithms are the algorithms of RSA keys.
var rsaAlgorithms = []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512}

// readROCAKey returns the public key of testdata/roca/name.
func readROCAKey(tb testing.TB, name string) (*rsa.PublicKey, []byte) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "roca", name))
	if err != nil {
		tb.Fatal(err)
	}
	b, _ := pem.Decode(data)
	if b == nil {
		tb.Fatalf("%s: no PEM block", name)
	}
	k, err := x509.ParsePKIXPublicKey(b.Bytes)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return k.(*rsa.PublicKey), data
}

// rocaPrivateKey returns the RSA private keys of 2048, 3072 and 4096 bits
// whose primes have the ROCA structure, which testdata/roca/gen.go built
// with the construction the paper publishes (see testdata/roca/README.md).
var rocaPrivateKey = sync.OnceValues(func() (map[int]*rsa.PrivateKey, error) {
	keys := map[int]*rsa.PrivateKey{}
	for _, bits := range []int{2048, 3072, 4096} {
		name := fmt.Sprintf("constructed-%d.pem", bits)
		data, err := os.ReadFile(filepath.Join("..", "testdata", "roca", name))
		if err != nil {
			return nil, err
		}
		b, _ := pem.Decode(data)
		if b == nil {
			return nil, fmt.Errorf("%s: no PEM block", name)
		}
		k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		priv, ok := k.(*rsa.PrivateKey)
		if !ok || priv.N.BitLen() != bits {
			return nil, fmt.Errorf("%s: not a %d-bit RSA key", name, bits)
		}
		keys[bits] = priv
	}
	return keys, nil
})

// rsaJWK returns the public JWK of key, or its private JWK if priv is set.
func rsaJWK(pub *rsa.PublicKey, priv *rsa.PrivateKey) string {
	b := func(v *big.Int) string { return base64url.EncodeToString(v.Bytes()) }
	e := base64url.EncodeToString(big.NewInt(int64(pub.E)).Bytes())
	if priv == nil {
		return fmt.Sprintf(`{"kty":"RSA","kid":"roca","n":%q,"e":%q}`, b(pub.N), e)
	}
	return fmt.Sprintf(`{"kty":"RSA","kid":"roca","n":%q,"e":%q,"d":%q,"p":%q,"q":%q,"dp":%q,"dq":%q,"qi":%q}`,
		b(pub.N), e, b(priv.D), b(priv.Primes[0]), b(priv.Primes[1]),
		b(priv.Precomputed.Dp), b(priv.Precomputed.Dq), b(priv.Precomputed.Qinv))
}

// TestROCARefused checks that every way of building or parsing an RSA key,
// public or private, refuses a modulus with the ROCA structure
// (CVE-2017-15361) with an error wrapping ErrInvalidKey that names it. The
// public keys are real vulnerable keys (testdata/roca); the private keys
// come from testdata/roca/gen.go, the published construction.
func TestROCARefused(t *testing.T) {
	type build struct {
		name string
		f    func(alg jws.Algorithm) (any, error)
	}
	var builds []build
	for i := 1; i <= 3; i++ {
		name := fmt.Sprintf("vulnerable-%d.pub.pem", i)
		pub, pemData := readROCAKey(t, name)
		doc := rsaJWK(pub, nil)
		builds = append(builds,
			build{name + "/NewRSAVerifier", func(alg jws.Algorithm) (any, error) { return jws.NewRSAVerifier(alg, pub) }},
			build{name + "/ParsePEMVerifier", func(alg jws.Algorithm) (any, error) { return jws.ParsePEMVerifier(alg, pemData) }},
			build{name + "/NewSigner(KMS)", func(alg jws.Algorithm) (any, error) { return jws.NewSigner(alg, fakeSigner{pub: pub}) }},
			build{name + "/ParseKey", func(alg jws.Algorithm) (any, error) { return jwk.ParseKey([]byte(doc)) }},
			build{name + "/NewKey", func(alg jws.Algorithm) (any, error) { return jwk.NewKey(pub, alg, "roca") }},
		)
	}
	keys, err := rocaPrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, bits := range []int{2048, 3072, 4096} {
		priv := keys[bits]
		name := fmt.Sprintf("constructed-%d", bits)
		der, err := x509.MarshalPKCS8PrivateKey(priv)
		if err != nil {
			t.Fatal(err)
		}
		pemData := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
		pubPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&priv.PublicKey)})
		doc := rsaJWK(&priv.PublicKey, priv)
		builds = append(builds,
			build{name + "/NewRSASigner", func(alg jws.Algorithm) (any, error) { return jws.NewRSASigner(alg, priv) }},
			build{name + "/NewSigner", func(alg jws.Algorithm) (any, error) { return jws.NewSigner(alg, priv) }},
			build{name + "/NewSigner(KMS)", func(alg jws.Algorithm) (any, error) { return jws.NewSigner(alg, opaqueSigner{signer: priv}) }},
			build{name + "/NewRSAVerifier", func(alg jws.Algorithm) (any, error) { return jws.NewRSAVerifier(alg, &priv.PublicKey) }},
			build{name + "/ParsePEMSigner", func(alg jws.Algorithm) (any, error) { return jws.ParsePEMSigner(alg, pemData) }},
			build{name + "/ParsePEMVerifier", func(alg jws.Algorithm) (any, error) { return jws.ParsePEMVerifier(alg, pubPEM) }},
			build{name + "/ParseKey(private)", func(alg jws.Algorithm) (any, error) { return jwk.ParseKey([]byte(doc)) }},
			build{name + "/NewKey(private)", func(alg jws.Algorithm) (any, error) { return jwk.NewKey(priv, alg, "roca") }},
		)
	}
	for _, b := range builds {
		for _, alg := range rsaAlgorithms {
			t.Run(b.name+"/"+string(alg), func(t *testing.T) {
				got, err := b.f(alg)
				if !errors.Is(err, jws.ErrInvalidKey) {
					t.Fatalf("err = %v, want an error wrapping ErrInvalidKey", err)
				}
				if !isNil(got) {
					t.Errorf("returned %#v beside the error, want nil", got)
				}
				prefix := "jws: "
				if strings.Contains(b.name, "Key") {
					prefix = "jwk: " // ParseKey, NewKey
				}
				if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), "ROCA") {
					t.Errorf("err = %q, want the prefix %q and the word ROCA", err, prefix)
				}
			})
		}
	}
}

// TestROCAKeySetSkips checks that a JWK Set skips a ROCA key, saying why,
// and keeps its other keys.
func TestROCAKeySetSkips(t *testing.T) {
	pub, _ := readROCAKey(t, "vulnerable-1.pub.pem")
	sound, _ := readROCAKey(t, "sound-1.pub.pem")
	set, err := jwk.ParseSet([]byte(`{"keys":[` + rsaJWK(pub, nil) + `,` + strings.Replace(rsaJWK(sound, nil), `"roca"`, `"sound"`, 1) + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	if vs, err := set.Resolve(context.Background(), "sound", jws.RS256); err != nil || len(vs) == 0 {
		t.Errorf(`Resolve("sound") = %v, %v`, vs, err)
	}
	if _, err := set.Resolve(context.Background(), "roca", jws.RS256); !errors.Is(err, jws.ErrKeyNotFound) {
		t.Errorf(`Resolve("roca") = %v, want ErrKeyNotFound`, err)
	}
	skipped := set.Skipped()
	if len(skipped) != 1 || !errors.Is(skipped[0], jws.ErrInvalidKey) || !strings.Contains(skipped[0].Error(), "ROCA") {
		t.Errorf("Skipped() = %v, want one ROCA error", skipped)
	}
}

// TestROCAFingerprint checks the fingerprint test against a brute-force
// oracle: for every odd prime r up to 1427 and every residue, membership in
// the subgroup generated by 65537 computed with math/big; and the real
// vulnerable moduli pass it for every prime of their M (up to 701, the
// first 126 primes for 2048 bits) and fail it for a prime beyond, so the
// limit is the published structure, not a vacuous one.
func TestROCAFingerprint(t *testing.T) {
	var primes []uint64
	for r := uint64(3); r <= 1427; r += 2 {
		if big.NewInt(int64(r)).ProbablyPrime(0) {
			primes = append(primes, r)
		}
	}
	if len(primes) != 224 { // the first 225 primes, without 2
		t.Fatalf("%d odd primes up to 1427, want 224", len(primes))
	}
	g := big.NewInt(65537)
	for _, r := range primes {
		sub := map[uint64]bool{}
		br := new(big.Int).SetUint64(r)
		x := big.NewInt(1)
		for {
			sub[x.Uint64()] = true
			x.Mul(x, g).Mod(x, br)
			if x.Cmp(big.NewInt(1)) == 0 {
				break
			}
		}
		for res := uint64(0); res < r; res++ {
			// A number whose residue is res, over several words.
			n := new(big.Int).Lsh(br, 2000)
			n.Add(n, new(big.Int).SetUint64(res))
			if got := jws.ROCAResidueInSubgroup(n, r); got != sub[res] {
				t.Fatalf("ROCAResidueInSubgroup(n ≡ %d mod %d) = %v, want %v", res, r, got, sub[res])
			}
		}
	}
	for i := 1; i <= 3; i++ {
		pub, _ := readROCAKey(t, fmt.Sprintf("vulnerable-%d.pub.pem", i))
		limit := jws.ROCAPrimeLimit(pub.N.BitLen())
		if limit != 701 {
			t.Fatalf("ROCAPrimeLimit(%d) = %d, want 701", pub.N.BitLen(), limit)
		}
		failsBeyond := false
		for _, r := range primes {
			in := jws.ROCAResidueInSubgroup(pub.N, r)
			if r <= limit && !in {
				t.Errorf("vulnerable-%d: n mod %d is not in the subgroup", i, r)
			}
			if r > limit && !in {
				failsBeyond = true
			}
		}
		if !failsBeyond {
			t.Errorf("vulnerable-%d passes the test for every prime up to 1427", i)
		}
		if !jws.ROCAVulnerable(pub.N) {
			t.Errorf("vulnerable-%d is not flagged", i)
		}
	}
	keys, err := rocaPrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	for bits, k := range keys {
		for _, p := range append(k.Primes, k.N) {
			if !jws.ROCAVulnerable(p) {
				t.Errorf("constructed %d-bit key: %d-bit value not flagged", bits, p.BitLen())
			}
		}
	}
}

// TestROCASoundKeysAccepted checks that no RSA modulus of the RFC,
// Wycheproof, PEM and sound ROCA-control vectors is flagged, nor freshly
// generated ones.
func TestROCASoundKeysAccepted(t *testing.T) {
	moduli := map[string]*big.Int{}
	add := func(n *big.Int) {
		if n.Sign() > 0 {
			moduli[n.String()] = n
		}
	}
	counts := map[string]int{}
	for _, dir := range []string{"rfc", "wycheproof"} {
		before := len(moduli)
		err := filepath.WalkDir(filepath.Join("..", "testdata", dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			walkRSAModuli(v, add)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		counts[dir] = len(moduli) - before
	}
	for _, name := range []string{"rsa1024.pub.pem", "rsa2048.pub.pem"} {
		k, err := x509.ParsePKIXPublicKey(mustPEMBlock(t, readPEM(t, name)))
		if err != nil {
			t.Fatal(err)
		}
		add(k.(*rsa.PublicKey).N)
	}
	for i := 1; i <= 3; i++ {
		pub, _ := readROCAKey(t, fmt.Sprintf("sound-%d.pub.pem", i))
		add(pub.N)
	}
	for _, k := range primKeys(t).rsa {
		add(k.N)
	}
	if counts["rfc"] < 3 || counts["wycheproof"] < 10 {
		t.Fatalf("found %d RFC and %d Wycheproof moduli, want at least 3 and 10", counts["rfc"], counts["wycheproof"])
	}
	t.Logf("%d distinct moduli (%d RFC, %d Wycheproof)", len(moduli), counts["rfc"], counts["wycheproof"])
	for _, n := range moduli {
		if jws.ROCAVulnerable(n) {
			t.Errorf("modulus %x… of %d bits flagged as ROCA", n.Bytes()[:8], n.BitLen())
		}
	}
}

// walkRSAModuli calls f with each RSA modulus in the decoded JSON v: the
// "n" of a JWK whose "kty" is "RSA", and the "modulus" (hex) of a
// Wycheproof public key.
func walkRSAModuli(v any, f func(*big.Int)) {
	switch v := v.(type) {
	case map[string]any:
		if v["kty"] == "RSA" {
			if s, ok := v["n"].(string); ok {
				if b, err := base64url.DecodeString(s); err == nil {
					f(new(big.Int).SetBytes(b))
				}
			}
		}
		if s, ok := v["modulus"].(string); ok {
			if b, err := hex.DecodeString(s); err == nil {
				f(new(big.Int).SetBytes(b))
			}
		}
		for _, e := range v {
			walkRSAModuli(e, f)
		}
	case []any:
		for _, e := range v {
			walkRSAModuli(e, f)
		}
	}
}

// mustPEMBlock returns the bytes of the only PEM block of data.
func mustPEMBlock(tb testing.TB, data []byte) []byte {
	tb.Helper()
	b, _ := pem.Decode(data)
	if b == nil {
		tb.Fatal("no PEM block")
	}
	return b.Bytes
}

// BenchmarkROCAVulnerable measures the ROCA test on a sound 2048-bit
// modulus, the cost every RSA key pays when it is built, and on a
// vulnerable one, which walks every prime.
func BenchmarkROCAVulnerable(b *testing.B) {
	sound, _ := readROCAKey(b, "sound-1.pub.pem")
	bad, _ := readROCAKey(b, "vulnerable-1.pub.pem")
	for _, c := range []struct {
		name string
		n    *big.Int
	}{{"sound-2048", sound.N}, {"vulnerable-2048", bad.N}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				jws.ROCAVulnerable(c.n)
			}
		})
	}
}

// TestROCABatches checks the batched ROCA test against the test prime by
// prime (ROCAResidueInSubgroup) on moduli built to pass it up to one
// prime, on each side of the batch boundaries, and on moduli that pass it
// whole, at 2048 bits (primes up to 701) and 1024 (up to 167).
func TestROCABatches(t *testing.T) {
	primes := func(limit uint64) []uint64 {
		var ps []uint64
		for r := uint64(3); r <= limit; r += 2 {
			if big.NewInt(int64(r)).ProbablyPrime(1) {
				ps = append(ps, r)
			}
		}
		return ps
	}
	for _, bits := range []int{1024, 2048} {
		limit := jws.ROCAPrimeLimit(bits)
		ps := primes(limit)
		reference := func(n *big.Int) bool {
			for _, r := range ps {
				if !jws.ROCAResidueInSubgroup(n, r) {
					return false
				}
			}
			return true
		}
		// build returns an odd modulus of the given size that is 1 modulo
		// every prime but q, and x modulo q (q = 0: 1 modulo all).
		build := func(q, x uint64) *big.Int {
			m := big.NewInt(1)
			for _, r := range ps {
				if r != q {
					m.Mul(m, big.NewInt(int64(r)))
				}
			}
			n := big.NewInt(1)
			if q != 0 {
				qq := big.NewInt(int64(q))
				u := new(big.Int).ModInverse(new(big.Int).Mod(m, qq), qq)
				u.Mul(u, big.NewInt(int64(x)-1)).Mod(u, qq)
				n.Add(n, u.Mul(u, m))
				m.Mul(m, qq)
			}
			// Add a multiple of m to reach the size; keep n odd.
			k := new(big.Int).Lsh(big.NewInt(1), uint(bits-1-m.BitLen()))
			n.Add(n, k.Mul(k, m))
			if n.Bit(0) == 0 {
				n.Add(n, m)
			}
			return n
		}
		cases := []*big.Int{build(0, 0)}
		for _, q := range ps {
			// The smallest residue outside the subgroup, if there is one.
			for x := uint64(2); x < q; x++ {
				if !jws.ROCAResidueInSubgroup(big.NewInt(int64(x)), q) {
					cases = append(cases, build(q, x))
					break
				}
			}
		}
		for _, n := range cases {
			if got, want := jws.ROCAVulnerable(n), reference(n); got != want {
				t.Errorf("%d bits: ROCAVulnerable(%x) = %v, prime by prime %v", bits, n, got, want)
			}
		}
		if !jws.ROCAVulnerable(cases[0]) {
			t.Errorf("%d bits: a modulus that is 1 modulo every prime is not flagged", bits)
		}
		// Where 65537 generates all of (Z/qZ)*, no residue fails at q.
		if len(cases) < 15 {
			t.Errorf("%d bits: only %d cases", bits, len(cases))
		}
	}
}
