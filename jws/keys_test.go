package jws_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"io"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/signet-go/signet/internal/testkeys"
	"github.com/signet-go/signet/jws"
)

// primitiveKeys holds the keys of the signature-primitive tests: two of
// each kind the algorithms use (a second to sign what the first must
// refuse), and some the constructors must refuse.
type primitiveKeys struct {
	rsa     [2]*rsa.PrivateKey // 2048 bits
	rsa1024 *rsa.PrivateKey
	p224    *ecdsa.PrivateKey
	p256    [2]*ecdsa.PrivateKey
	p384    [2]*ecdsa.PrivateKey
	p521    [2]*ecdsa.PrivateKey
	ed25519 [2]ed25519.PrivateKey
}

// primitiveKeysOnce parses the committed test keys (internal/testkeys)
// once per test binary.
var primitiveKeysOnce = sync.OnceValue(func() *primitiveKeys {
	return &primitiveKeys{
		rsa:     [2]*rsa.PrivateKey{testkeys.RSA(0), testkeys.RSA(1)},
		rsa1024: testkeys.RSA1024(),
		p224:    testkeys.ECDSA(elliptic.P224(), 0),
		p256:    [2]*ecdsa.PrivateKey{testkeys.ECDSA(elliptic.P256(), 0), testkeys.ECDSA(elliptic.P256(), 1)},
		p384:    [2]*ecdsa.PrivateKey{testkeys.ECDSA(elliptic.P384(), 0), testkeys.ECDSA(elliptic.P384(), 1)},
		p521:    [2]*ecdsa.PrivateKey{testkeys.ECDSA(elliptic.P521(), 0), testkeys.ECDSA(elliptic.P521(), 1)},
		ed25519: [2]ed25519.PrivateKey{testkeys.Ed25519(0), testkeys.Ed25519(1)},
	}
})

func primKeys(tb testing.TB) *primitiveKeys {
	tb.Helper()
	return primitiveKeysOnce()
}

// ecKey returns key i (0 or 1) on the curve of alg.
func (k *primitiveKeys) ecKey(alg jws.Algorithm, i int) *ecdsa.PrivateKey {
	switch alg {
	case jws.ES256:
		return k.p256[i]
	case jws.ES384:
		return k.p384[i]
	}
	return k.p521[i]
}

// opaqueSigner hides the concrete type of a key, as a KMS or HSM client
// would: it implements crypto.Signer and nothing else, so NewSigner takes
// its generic path.
type opaqueSigner struct {
	signer crypto.Signer
	calls  *int // counts calls to Sign if not nil (not for concurrent use)
}

func (o opaqueSigner) Public() crypto.PublicKey { return o.signer.Public() }

func (o opaqueSigner) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if o.calls != nil {
		*o.calls++
	}
	return o.signer.Sign(rand, digest, opts)
}

// fakeSigner is a crypto.Signer with a given public key that returns a
// given signature or error, whatever it is asked to sign.
type fakeSigner struct {
	pub crypto.PublicKey
	sig []byte
	err error
}

func (f fakeSigner) Public() crypto.PublicKey { return f.pub }

func (f fakeSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return f.sig, f.err
}

// primitive is one signer of the tests with what checks it.
type primitive struct {
	name     string
	signer   jws.Signer
	verifier jws.Verifier // the signer's own Verifier (or the HMAC itself)
	other    jws.Signer   // same algorithm, another key
	sigLen   int
	det      bool // whether signatures are deterministic
}

// allPrimitives returns a primitive for each algorithm of allAlgorithms,
// in the same order, built with the specific constructors (NewSigner for
// Ed25519, which has none of its own).
func allPrimitives(tb testing.TB) []primitive {
	tb.Helper()
	k := primKeys(tb)
	must := func(s jws.Signer, err error) jws.Signer {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return s
	}
	var ps []primitive
	for _, c := range []struct {
		alg jws.Algorithm
		n   int
	}{{jws.HS256, 32}, {jws.HS384, 48}, {jws.HS512, 64}} {
		a := must(jws.NewHMAC(c.alg, []byte(strings.Repeat("k", c.n))))
		b := must(jws.NewHMAC(c.alg, []byte(strings.Repeat("K", c.n))))
		ps = append(ps, primitive{name: string(c.alg), signer: a, verifier: a.Verifier(), other: b, sigLen: c.n, det: true})
	}
	for _, alg := range []jws.Algorithm{jws.RS256, jws.RS384, jws.RS512, jws.PS256, jws.PS384, jws.PS512} {
		a := must(jws.NewRSASigner(alg, k.rsa[0]))
		b := must(jws.NewRSASigner(alg, k.rsa[1]))
		ps = append(ps, primitive{name: string(alg), signer: a, verifier: a.Verifier(), other: b, sigLen: 256, det: alg[0] == 'R'})
	}
	for _, c := range []struct {
		alg jws.Algorithm
		n   int
	}{{jws.ES256, 64}, {jws.ES384, 96}, {jws.ES512, 132}} {
		a := must(jws.NewECDSASigner(c.alg, k.ecKey(c.alg, 0)))
		b := must(jws.NewECDSASigner(c.alg, k.ecKey(c.alg, 1)))
		ps = append(ps, primitive{name: string(c.alg), signer: a, verifier: a.Verifier(), other: b, sigLen: c.n})
	}
	a := must(jws.NewEd25519Signer(k.ed25519[0]))
	b := must(jws.NewEd25519Signer(k.ed25519[1]))
	ps = append(ps, primitive{name: "EdDSA", signer: a, verifier: a.Verifier(), other: b, sigLen: 64, det: true})
	a = must(jws.NewSigner(jws.Ed25519, k.ed25519[0]))
	b = must(jws.NewSigner(jws.Ed25519, k.ed25519[1]))
	ps = append(ps, primitive{name: "Ed25519", signer: a, verifier: a.Verifier(), other: b, sigLen: 64, det: true})
	return append(ps, mldsaPrimitives(tb)...)
}

// publicVerifier returns the Verifier of the public half of one of the
// package's signers.
func publicVerifier(tb testing.TB, s jws.Signer) jws.Verifier {
	tb.Helper()
	return s.Verifier()
}

// isNil reports whether v is nil or a nil pointer.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// checkRefused checks that a constructor refused with an error wrapping
// want whose message starts with "jws: " and contains msg, and returned
// nothing with it.
func checkRefused(t *testing.T, got any, err, want error, msg string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want an error wrapping %v", err, want)
	}
	if !isNil(got) {
		t.Errorf("returned %#v beside the error, want nil", got)
	}
	if !strings.HasPrefix(err.Error(), "jws: ") {
		t.Errorf("err = %q, want the prefix %q", err, "jws: ")
	}
	if !strings.Contains(err.Error(), msg) {
		t.Errorf("err = %q, want it to say %q", err, msg)
	}
}

// signingInput is a typical JWS signing input of about 200 bytes.
const signingInput = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0." +
	"eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoidXNlci00MiIsImF1ZCI6ImFwaSIsImV4cCI6MTcwMDAwMzYwMCwiaWF0IjoxNzAwMDAwMDAwLCJuYW1lIjoiQWRhIn0"
