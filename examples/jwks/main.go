// Command jwks shows a service verifying the tokens of an identity provider
// that rotates its keys, through the JWK Set the provider publishes at its
// jwks_uri, with jwk.Remote.
//
// The provider runs on 127.0.0.1 and serves its OpenID configuration and
// its JWK Set with real HTTP caching headers (Cache-Control: max-age=300
// and an ETag). The service finds the jwks_uri with jwk.Discover, which
// also binds it to the issuer, and verifies with jwt.VerifyKeyed. It then
// lives through what a provider does to its clients:
//
//  1. the first token: the set is fetched once, when first needed;
//  2. a rotation: a token with a new kid makes the set be refetched;
//  3. the set goes stale: tokens still verify at once while a background
//     revalidation gets 304 Not Modified;
//  4. a flood of 10 000 tokens with forged kids, which costs one request;
//  5. a key retired: its tokens are refused as soon as the set is refreshed;
//  6. the provider goes down for a day: verification goes on with the last
//     good set until its stale limit, then refuses, and resumes when the
//     provider is back.
//
// Time is simulated (RemoteOptions.Now), so that the program runs in a
// moment and prints the same output at every run. It counts the requests
// that reach the provider.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
	"github.com/signet-go/signet/jwt"
)

const audience = "https://api.example"

func main() {
	log.SetFlags(0)
	if err := run(os.Stdout); err != nil {
		log.Print("jwks: ", err)
		os.Exit(1)
	}
	fmt.Println("\nAll checks passed.")
}

// clock is the simulated time of the provider and the service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func run(out io.Writer) error {
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	clk := &clock{t: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)}
	idp := newProvider(clk, say)
	defer idp.srv.Close()
	// Messages name the provider by its issuer rather than by a port that
	// changes at every run.
	show := func(err error) string { return strings.ReplaceAll(err.Error(), idp.srv.URL, "https://idp") }

	say("== 1. The provider publishes its first key; the service discovers its JWK Set")
	if err := idp.addKey("2026-10", jws.ES256); err != nil {
		return err
	}
	idp.signWith("2026-10")
	svc, err := newService(idp, clk, say)
	if err != nil {
		return err
	}
	say("service: discovered jwks_uri %s of issuer %s; JWK Set requests so far: %d",
		show(errors.New(svc.keys.URL())), show(errors.New(svc.keys.Issuer())), idp.requests.Load())
	if err := svc.keys.Ready(context.Background()); err != nil { // a readiness probe
		return err
	}
	if err := svc.waitFetch(200, 1); err != nil {
		return err
	}
	october, err := idp.issue("ada")
	if err != nil {
		return err
	}
	if err := svc.expectAccepted("October token", october); err != nil {
		return err
	}

	say("\n== 2. Rotation: the November key is published, then signs")
	if err := idp.addKey("2026-11", jws.EdDSA); err != nil {
		return err
	}
	idp.signWith("2026-11")
	november, err := idp.issue("grace")
	if err != nil {
		return err
	}
	clk.Advance(time.Minute) // past the cooldown of the first fetch
	// The unknown kid makes the service refetch the set, once.
	if err := svc.expectAccepted("November token", november); err != nil {
		return err
	}
	if err := svc.waitFetch(200, 2); err != nil {
		return err
	}
	if err := svc.expectAccepted("October token", october); err != nil {
		return err
	}
	if err := idp.expectRequests(2); err != nil {
		return err
	}

	say("\n== 3. Five minutes later the set is stale")
	clk.Advance(5*time.Minute + time.Second)
	// The token verifies with the set the service holds, and starts a
	// revalidation in the background, with If-None-Match.
	if err := svc.expectAccepted("November token", november); err != nil {
		return err
	}
	if err := svc.waitFetch(304, 2); err != nil {
		return err
	}
	if err := idp.expectRequests(3); err != nil {
		return err
	}

	say("\n== 4. A flood of tokens with forged kids")
	clk.Advance(time.Minute) // a refetch for an unknown kid is allowed again
	const flood = 10_000
	forged := forgedTokens(flood)
	var wg sync.WaitGroup
	var refused atomic.Int64
	for w := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < flood; i += 20 {
				if _, err := svc.verify(forged[i]); errors.Is(err, jws.ErrKeyNotFound) {
					refused.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if err := svc.waitFetch(304, 2); err != nil { // the one refetch, revalidated
		return err
	}
	say("service: %d of %d forged tokens refused with jws.ErrKeyNotFound", refused.Load(), flood)
	if refused.Load() != flood {
		return errors.New("every forged token must be refused")
	}
	if err := idp.expectRequests(4); err != nil {
		return err
	}
	// Forgeries that name a published kid cost no request at all. An HS256
	// token keyed with the November key's public JWK: the key fixes the
	// algorithm, so the header cannot turn it into a shared secret.
	pub, err := json.Marshal(idp.publicKey("2026-11"))
	if err != nil {
		return err
	}
	mac, err := jws.NewHMAC(jws.HS256, pub)
	if err != nil {
		return err
	}
	confused, err := jwt.Sign(mac, jws.Header{KeyID: "2026-11"}, idp.claimsFor("mallory"))
	if err != nil {
		return err
	}
	if err := svc.expectRefused("HS256 token keyed with the public JWK", confused, jws.ErrAlgorithmMismatch); err != nil {
		return err
	}
	_, rogue, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	rogueSigner, err := jws.NewEd25519Signer(rogue)
	if err != nil {
		return err
	}
	impostor, err := jwt.Sign(rogueSigner, jws.Header{KeyID: "2026-11"}, idp.claimsFor("mallory"))
	if err != nil {
		return err
	}
	if err := svc.expectRefused("EdDSA token of a rogue key under kid 2026-11", impostor, jws.ErrInvalidSignature); err != nil {
		return err
	}
	if err := idp.expectRequests(4); err != nil {
		return err
	}

	say("\n== 5. The October key is retired")
	idp.retire("2026-10")
	clk.Advance(6 * time.Minute)
	if err := svc.expectAccepted("November token", november); err != nil {
		return err
	}
	if err := svc.waitFetch(200, 1); err != nil {
		return err
	}
	// The new set replaced the old one whole: the retired key is gone.
	if err := svc.expectRefused("October token", october, jws.ErrKeyNotFound); err != nil {
		return err
	}

	say("\n== 6. The provider goes down for a day")
	idp.setDown(true)
	var downFor time.Duration
	for _, d := range []time.Duration{10 * time.Minute, time.Hour, 6 * time.Hour, 16 * time.Hour} {
		clk.Advance(d)
		downFor += d
		// Tokens verify with the last good set; each stale use starts a
		// retry in the background, at most one per cooldown.
		if err := svc.expectAccepted(fmt.Sprintf("November token, provider down for %v,", downFor), november); err != nil {
			return err
		}
		if err := svc.waitFetch(503, 0); err != nil {
			return err
		}
	}
	clk.Advance(2 * time.Hour) // past the stale limit: 24 hours past freshness
	_, err = svc.verify(november)
	if !errors.Is(err, jws.ErrKeyNotFound) {
		return fmt.Errorf("past the stale limit: got %v, want jws.ErrKeyNotFound", err)
	}
	if err := svc.waitFetch(503, 0); err != nil {
		return err
	}
	say("service: November token refused: %s", show(err))
	idp.setDown(false)
	clk.Advance(time.Minute)
	if err := svc.keys.Ready(context.Background()); err != nil {
		return err
	}
	if err := svc.waitFetch(304, 1); err != nil { // the set did not change
		return err
	}
	say("service: the provider is back, the service is ready")
	if err := svc.expectAccepted("November token", november); err != nil {
		return err
	}
	say("\nThe provider saw %d requests for its JWK Set (%d answered 304, %d while it was down).",
		idp.requests.Load(), idp.notModified.Load(), idp.downRequests.Load())
	return nil
}

// provider is the identity provider: it holds private keys, signs tokens
// with the current one, and serves its OpenID configuration and the public
// halves of its keys over HTTP.
type provider struct {
	clk          *clock
	say          func(string, ...any)
	srv          *httptest.Server
	requests     atomic.Int64 // requests for the JWK Set
	notModified  atomic.Int64 // of which answered 304
	downRequests atomic.Int64 // of which came while it was down

	mu      sync.Mutex
	keys    []*jwk.Key // private keys, in publication order
	current *jwk.Key
	down    bool
}

func newProvider(clk *clock, say func(string, ...any)) *provider {
	p := &provider{clk: clk, say: say}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"issuer": p.issuer(), "jwks_uri": p.srv.URL + "/jwks"})
	})
	mux.HandleFunc("/jwks", p.serveJWKS)
	p.srv = httptest.NewServer(mux)
	return p
}

func (p *provider) issuer() string { return p.srv.URL }

func (p *provider) serveJWKS(w http.ResponseWriter, r *http.Request) {
	p.requests.Add(1)
	p.mu.Lock()
	down := p.down
	doc, err := p.jwks()
	p.mu.Unlock()
	if down {
		p.downRequests.Add(1)
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(doc)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		p.notModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/jwk-set+json")
	w.Write(doc)
}

// jwks returns the JWK Set of the public keys; p.mu is held.
func (p *provider) jwks() ([]byte, error) {
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

func (p *provider) addKey(kid string, alg jws.Algorithm) error {
	var private any
	var err error
	switch alg {
	case jws.ES256:
		private, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case jws.EdDSA:
		_, private, err = ed25519.GenerateKey(rand.Reader)
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
	p.say("provider: key %s (%s) published", kid, alg)
	return nil
}

func (p *provider) signWith(kid string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, k := range p.keys {
		if k.KeyID() == kid {
			p.current = k
			p.say("provider: signing with %s", kid)
		}
	}
}

func (p *provider) retire(kid string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	kept := p.keys[:0:0]
	for _, k := range p.keys {
		if k.KeyID() != kid {
			kept = append(kept, k)
		}
	}
	p.keys = kept
	p.say("provider: key %s retired, no longer published", kid)
}

func (p *provider) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		p.say("provider: down, every request answered 503")
	} else {
		p.say("provider: back up")
	}
}

func (p *provider) claimsFor(subject string) claims.Registered {
	now := p.clk.Now()
	return claims.Registered{
		Issuer:    p.issuer(),
		Subject:   subject,
		Audience:  claims.Audience{audience},
		IssuedAt:  claims.NewNumericDate(now),
		ExpiresAt: claims.NewNumericDate(now.Add(72 * time.Hour)), // outlives the outage
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

func (p *provider) expectRequests(n int64) error {
	if got := p.requests.Load(); got != n {
		return fmt.Errorf("the provider saw %d JWK Set requests, want %d", got, n)
	}
	p.say("provider: %d JWK Set requests so far", n)
	return nil
}

// forgedTokens returns n tokens, each naming a kid the provider never
// published. Their signatures are never checked: the kid is unknown.
func forgedTokens(n int) []string {
	toks := make([]string, n)
	for i := range toks {
		toks[i] = fmt.Sprintf("%s.e30.AAAA", base64url.EncodeToString(fmt.Appendf(nil, `{"alg":"EdDSA","kid":"forged-%d"}`, i)))
	}
	return toks
}

// service verifies the provider's tokens.
type service struct {
	keys    *jwk.Remote
	opts    *jwt.VerifyOptions
	fetches chan jwk.FetchEvent
	say     func(string, ...any)
}

func newService(idp *provider, clk *clock, say func(string, ...any)) (*service, error) {
	s := &service{fetches: make(chan jwk.FetchEvent, 16), say: say}
	keys, err := jwk.Discover(context.Background(), idp.issuer(), &jwk.RemoteOptions{
		AllowHTTPLoopback: true, // a real provider is https://
		Client:            idp.srv.Client(),
		Now:               clk.Now,
		Observer: func(e jwk.FetchEvent) {
			select {
			case s.fetches <- e:
			default: // never block a fetch
			}
		},
	})
	if err != nil {
		return nil, err
	}
	s.keys = keys
	s.opts = &jwt.VerifyOptions{Claims: claims.Validator{
		Issuer:   keys.Issuer(), // the issuer Discover checked
		Audience: audience,
		Now:      clk.Now,
	}}
	return s, nil
}

// waitFetch waits for the next fetch the observer reports and checks its
// status and key count.
func (s *service) waitFetch(status, keys int) error {
	select {
	case e := <-s.fetches:
		if e.Status != status || e.Keys != keys {
			return fmt.Errorf("fetch: status %d with %d keys (%v), want %d with %d", e.Status, e.Keys, e.Err, status, keys)
		}
		if e.Err != nil {
			s.say("  fetch: %d, kept the last good set", e.Status)
		} else {
			s.say("  fetch: %d, %d key(s), fresh for %v", e.Status, e.Keys, e.FreshUntil.Sub(s.opts.Claims.Now()))
		}
		return nil
	case <-time.After(10 * time.Second):
		return errors.New("no fetch within 10 seconds")
	}
}

func (s *service) verify(token string) (*claims.Registered, error) {
	// In a handler, the request's context: a client that hangs up stops
	// waiting for a fetch, without aborting it for the others.
	return jwt.VerifyKeyed[claims.Registered](context.Background(), s.keys, token, s.opts)
}

func (s *service) expectAccepted(what, token string) error {
	c, err := s.verify(token)
	if err != nil {
		return fmt.Errorf("%s: refused: %w", what, err)
	}
	s.say("service: %s accepted, subject %q", what, c.Subject)
	return nil
}

func (s *service) expectRefused(what, token string, want error) error {
	_, err := s.verify(token)
	if !errors.Is(err, want) {
		return fmt.Errorf("%s: got %v, want an error matching %v", what, err, want)
	}
	s.say("service: %s refused (%v)", what, want)
	return nil
}
