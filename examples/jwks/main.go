// Command jwks shows an identity provider rotating its signing keys and a
// service that verifies its tokens through the JWK Set it publishes.
//
// The provider signs with one key, publishes the public halves of its keys
// as a JWK Set (RFC 7517) at its jwks_uri, and rotates: it publishes a new
// key before signing with it, then retires the old one. The service keeps
// the last set it fetched and picks the key by the token's "kid" with
// the Set as a jws.Resolver. When a kid is unknown it refetches the set, at most once per
// token, so a rotation needs no restart. A retired key's tokens are refused.
//
// Here the "fetch" is a function call; a real service makes an HTTP GET to
// the jwks_uri from its configuration (never from a token), with a timeout
// and a size limit, and refreshes on a schedule as well.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
	"github.com/signet-go/signet/jwt"
)

const (
	issuer   = "https://idp.example"
	audience = "https://api.example"
)

// now is the example's fixed clock, so that its output is the same at every
// run.
var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func main() {
	log.SetFlags(0)
	if err := run(); err != nil {
		log.Print("jwks: ", err)
		os.Exit(1)
	}
	fmt.Println("\nAll checks passed.")
}

func run() error {
	idp := &provider{}
	svc := newService(idp.jwks)

	fmt.Println("== 1. The provider signs with its October key (RS256) and publishes it")
	if err := idp.addKey("2026-10", jws.RS256); err != nil {
		return err
	}
	idp.signWith("2026-10")
	october, err := idp.issue("ada")
	if err != nil {
		return err
	}
	if err := svc.expectAccepted("October token", october); err != nil {
		return err
	}

	fmt.Println("\n== 2. Rotation: the November key (ES256) is published, then used")
	if err := idp.addKey("2026-11", jws.ES256); err != nil {
		return err
	}
	idp.signWith("2026-11")
	november, err := idp.issue("grace")
	if err != nil {
		return err
	}
	// The service has not seen the November key yet: the unknown kid makes
	// it refetch the set once, and the token verifies.
	if err := svc.expectAccepted("November token", november); err != nil {
		return err
	}
	// Tokens of the October key are still valid until they expire.
	if err := svc.expectAccepted("October token", october); err != nil {
		return err
	}

	fmt.Println("\n== 3. The October key is retired")
	idp.retire("2026-10")
	// Until the service refreshes, it still holds the retired key: this is
	// why sets are refreshed on a schedule too (and why retiring a key
	// starts with no longer signing with it).
	fmt.Println("service: scheduled refresh")
	if err := svc.refresh(); err != nil {
		return err
	}
	if err := svc.expectRefused("October token", october, jws.ErrKeyNotFound); err != nil {
		return err
	}
	if err := svc.expectAccepted("November token", november); err != nil {
		return err
	}

	fmt.Println("\n== 4. Forgeries that name a published kid")
	// An HS256 token whose HMAC secret is the November key's public JWK:
	// the set's keys are bound to their own algorithms, so the header's
	// "alg" cannot turn a public key into a shared secret.
	pub, err := json.Marshal(idp.publicKey("2026-11"))
	if err != nil {
		return err
	}
	mac, err := jws.NewHMAC(jws.HS256, pub)
	if err != nil {
		return err
	}
	forged, err := jwt.Sign(mac, jws.Header{KeyID: "2026-11"}, idp.claimsFor("mallory"))
	if err != nil {
		return err
	}
	if err := svc.expectRefused("HS256 token keyed with the public JWK", forged, jws.ErrAlgorithmMismatch); err != nil {
		return err
	}
	// A token signed by a key the provider never published, under its kid.
	rogue, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	rogueSigner, err := jws.NewECDSASigner(jws.ES256, rogue)
	if err != nil {
		return err
	}
	forged, err = jwt.Sign(rogueSigner, jws.Header{KeyID: "2026-11"}, idp.claimsFor("mallory"))
	if err != nil {
		return err
	}
	if err := svc.expectRefused("ES256 token from a rogue key", forged, jws.ErrInvalidSignature); err != nil {
		return err
	}

	fmt.Println("\n== 5. What the set skipped")
	// Providers mix encryption keys and key types a library may not know
	// into their sets. ParseSet skips them and says why.
	// The first member is RFC 7517 A.1's encryption key.
	mixed := []byte(`{"keys":[
		{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"},
		{"kty":"EC","crv":"secp256k1","kid":"k1","x":"AA","y":"AA"},
		` + string(pub) + `]}`)
	set, err := jwk.ParseSet(mixed)
	if err != nil {
		return err
	}
	fmt.Printf("usable keys: %d\n", len(set.Keys()))
	for _, reason := range set.Skipped() {
		fmt.Println("skipped:", reason)
	}
	if len(set.Keys()) != 1 || len(set.Skipped()) != 2 {
		return errors.New("the mixed set should keep one key and skip two")
	}
	return nil
}

// provider is the identity provider: it holds private keys, signs tokens
// with the current one and publishes the public halves.
type provider struct {
	mu      sync.Mutex
	keys    []*jwk.Key // private keys, in publication order
	current *jwk.Key
}

func (p *provider) addKey(kid string, alg jws.Algorithm) error {
	var private any
	var err error
	switch alg {
	case jws.RS256:
		private, err = rsa.GenerateKey(rand.Reader, 2048)
	case jws.ES256:
		private, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	default:
		return fmt.Errorf("no key generator for %s", alg)
	}
	if err != nil {
		return err
	}
	key, err := jwk.NewKey(private, alg, kid)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.keys = append(p.keys, key)
	fmt.Printf("provider: new key %s (%s), published\n", kid, alg)
	return nil
}

func (p *provider) signWith(kid string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, k := range p.keys {
		if k.KeyID() == kid {
			p.current = k
			fmt.Printf("provider: signing with %s\n", kid)
		}
	}
}

func (p *provider) retire(kid string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	kept := p.keys[:0]
	for _, k := range p.keys {
		if k.KeyID() != kid {
			kept = append(kept, k)
		}
	}
	p.keys = kept
	fmt.Printf("provider: key %s retired and no longer published\n", kid)
}

func (p *provider) claimsFor(subject string) claims.Registered {
	return claims.Registered{
		Issuer:    issuer,
		Subject:   subject,
		Audience:  claims.Audience{audience},
		IssuedAt:  claims.NewNumericDate(now),
		ExpiresAt: claims.NewNumericDate(now.Add(time.Hour)),
	}
}

func (p *provider) issue(subject string) (string, error) {
	p.mu.Lock()
	key := p.current
	p.mu.Unlock()
	signer, err := key.Signer()
	if err != nil {
		return "", err
	}
	return jwt.Sign(signer, jws.Header{KeyID: key.KeyID()}, p.claimsFor(subject))
}

// publicKey returns the public JWK of kid.
func (p *provider) publicKey(kid string) *jwk.Key {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, k := range p.keys {
		if k.KeyID() == kid {
			pub, err := k.Public()
			if err != nil {
				log.Fatal(err)
			}
			return pub
		}
	}
	log.Fatalf("no key %s", kid)
	return nil
}

// jwks is what the provider serves at its jwks_uri.
func (p *provider) jwks() ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var public []*jwk.Key
	for _, k := range p.keys {
		pub, err := k.Public()
		if err != nil {
			return nil, err
		}
		public = append(public, pub)
	}
	set, err := jwk.NewSet(public...)
	if err != nil {
		return nil, err
	}
	return json.Marshal(set)
}

// service verifies the provider's tokens with the set it last fetched.
type service struct {
	fetch func() ([]byte, error)
	set   atomic.Pointer[jwk.Set]
}

func newService(fetch func() ([]byte, error)) *service {
	return &service{fetch: fetch}
}

func (s *service) refresh() error {
	doc, err := s.fetch()
	if err != nil {
		return err
	}
	set, err := jwk.ParseSet(doc)
	if err != nil {
		return err
	}
	s.set.Store(set)
	fmt.Printf("service: fetched the JWK Set, %d key(s)\n", len(set.Keys()))
	return nil
}

// verify checks a token, refetching the set once if its kid is unknown.
func (s *service) verify(token string) (*claims.Registered, error) {
	opts := &jwt.VerifyOptions{Claims: claims.Validator{
		Issuer:   issuer,
		Audience: audience,
		Now:      func() time.Time { return now.Add(time.Minute) },
	}}
	resolver := jws.ResolverFunc(func(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
		set := s.set.Load()
		if set == nil {
			return nil, jws.ErrKeyNotFound
		}
		return set.Resolve(ctx, kid, alg)
	})
	ctx := context.Background()
	c, err := jwt.VerifyKeyed[claims.Registered](ctx, resolver, token, opts)
	if errors.Is(err, jws.ErrKeyNotFound) {
		if err := s.refresh(); err != nil {
			return nil, err
		}
		c, err = jwt.VerifyKeyed[claims.Registered](ctx, resolver, token, opts)
	}
	return c, err
}

func (s *service) expectAccepted(what, token string) error {
	c, err := s.verify(token)
	if err != nil {
		return fmt.Errorf("%s: refused: %w", what, err)
	}
	fmt.Printf("service: %s accepted, subject %q\n", what, c.Subject)
	return nil
}

func (s *service) expectRefused(what, token string, want error) error {
	_, err := s.verify(token)
	if !errors.Is(err, want) {
		return fmt.Errorf("%s: got %v, want an error matching %v", what, err, want)
	}
	fmt.Printf("service: %s refused: %v\n", what, err)
	return nil
}
