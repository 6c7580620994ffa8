package rsapub_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"testing"
)

// BenchmarkVerify puts this package beside crypto/rsa on the same 2048-bit
// signatures of a SHA-256 digest.
func BenchmarkVerify(b *testing.B) {
	k := testKeys()[2]
	d := digestOf(crypto.SHA256, []byte("signet"))
	v15, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, d)
	if err != nil {
		b.Fatal(err)
	}
	pss, err := rsa.SignPSS(rand.Reader, k, crypto.SHA256, d, &rsa.PSSOptions{SaltLength: 32})
	if err != nil {
		b.Fatal(err)
	}
	pub, std := own(k), &k.PublicKey
	run := func(name string, f func() error) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("scheme=PKCS1v15/impl=rsapub", func() error { return pub.VerifyPKCS1v15(crypto.SHA256, d, v15) })
	run("scheme=PKCS1v15/impl=crypto-rsa", func() error { return rsa.VerifyPKCS1v15(std, crypto.SHA256, d, v15) })
	run("scheme=PSS/impl=rsapub", func() error { return pub.VerifyPSS(crypto.SHA256, d, pss, 32) })
	run("scheme=PSS/impl=crypto-rsa", func() error {
		return rsa.VerifyPSS(std, crypto.SHA256, d, pss, &rsa.PSSOptions{SaltLength: 32})
	})
}
