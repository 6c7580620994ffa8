package jwk_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/signet-go/signet/base64url"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jws/jwk"
)

// TestMain fails the package's tests if goroutines outlive them: a Remote
// must start none of its own but the one of each fetch, which ends with it.
func TestMain(m *testing.M) {
	before := runtime.NumGoroutine()
	code := m.Run()
	// When fuzzing (go test -fuzz), the fuzzing engine's os/signal
	// goroutine outlives the tests: count only the tests' own goroutines.
	fuzzing := flag.Lookup("test.fuzz") != nil && flag.Lookup("test.fuzz").Value.String() != ""
	if code == 0 && !fuzzing {
		if n, stacks := settledGoroutines(before); n > before {
			fmt.Fprintf(os.Stderr, "goroutine leak: %d goroutines before the tests, %d after\n%s\n", before, n, stacks)
			code = 1
		}
	}
	os.Exit(code)
}

// settledGoroutines waits, at most 30 seconds, for the number of goroutines
// to fall to want (connections that httptest closed end asynchronously),
// and returns it with the stacks.
func settledGoroutines(want int) (int, string) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			return n, string(buf[:runtime.Stack(buf, true)])
		}
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond) // no clock can be injected into the runtime's scheduler
	}
}

// fakeClock is the Remote's injected clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// idp is an identity provider on 127.0.0.1 that publishes a JWK Set of
// Ed25519 keys at /jwks with the caching headers a test sets, answers
// conditional requests with 304, and counts requests.
type idp struct {
	srv      *httptest.Server
	requests atomic.Int64 // requests for the JWK Set
	notMod   atomic.Int64 // of which answered 304

	mu           sync.Mutex
	keys         []*jwk.Key // private keys, published in this order
	cacheControl string     // Cache-Control of each response, "" for none
	extra        http.Header
	etag         bool // send an ETag and honour If-None-Match
	lastModified bool // send Last-Modified and honour If-Modified-Since
	fault        http.HandlerFunc
}

func newIDP(t testing.TB) *idp {
	p := &idp{cacheControl: "max-age=600", etag: true}
	mux := http.NewServeMux()
	mux.HandleFunc("/jwks", p.serveJWKS)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *idp) url() string { return p.srv.URL + "/jwks" }

// key returns the private key of kid, the same at every run: its seed is
// SHA-256(kid).
func key(t testing.TB, kid string) *jwk.Key {
	t.Helper()
	seed := sha256.Sum256([]byte(kid))
	k, err := jwk.NewKey(ed25519.NewKeyFromSeed(seed[:]), jws.EdDSA, kid)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (p *idp) publish(t testing.TB, kids ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, kid := range kids {
		p.keys = append(p.keys, key(t, kid))
	}
}

func (p *idp) retire(kid string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	kept := p.keys[:0:0]
	for _, k := range p.keys {
		if k.KeyID() != kid {
			kept = append(kept, k)
		}
	}
	p.keys = kept
}

func (p *idp) set(f func(p *idp)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(p)
}

// document returns the public JWK Set.
func (p *idp) document() []byte {
	var pub []*jwk.Key
	for _, k := range p.keys {
		pk, err := k.Public()
		if err != nil {
			panic(err)
		}
		pub = append(pub, pk)
	}
	set, err := jwk.NewSet(pub...)
	if err != nil {
		panic(err)
	}
	b, err := json.Marshal(set)
	if err != nil {
		panic(err)
	}
	return b
}

// lastModifiedAt is the Last-Modified the idp sends: fixed, since the
// ETag already changes with the document.
var lastModifiedAt = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)

func (p *idp) serveJWKS(w http.ResponseWriter, r *http.Request) {
	p.requests.Add(1)
	p.mu.Lock()
	fault := p.fault
	if fault != nil {
		p.mu.Unlock()
		fault(w, r)
		return
	}
	doc := p.document()
	cc, extra, etag, lm := p.cacheControl, p.extra, p.etag, p.lastModified
	p.mu.Unlock()
	sum := sha256.Sum256(doc)
	tag := `"` + hex.EncodeToString(sum[:8]) + `"`
	h := w.Header()
	if cc != "" {
		h.Set("Cache-Control", cc)
	}
	for k, v := range extra {
		h[k] = v
	}
	if etag {
		h.Set("ETag", tag)
	}
	if lm {
		h.Set("Last-Modified", lastModifiedAt)
	}
	if (etag && r.Header.Get("If-None-Match") == tag) || (!etag && lm && r.Header.Get("If-Modified-Since") == lastModifiedAt) {
		p.notMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/jwk-set+json")
	w.Write(doc)
}

// token returns a token of kid signed with kid's key.
func token(t testing.TB, kid string) string {
	t.Helper()
	s, err := key(t, kid).Signer()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jws.Sign(s, jws.Header{KeyID: kid}, []byte("payload of "+kid))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// forged returns a token that names kid and carries a signature of the
// right length that no key made: the Remote must refuse it before any
// signature is checked, or, for a kid in the set, with ErrInvalidSignature.
func forged(kid string) string {
	h, err := json.Marshal(map[string]string{"alg": "EdDSA", "kid": kid})
	if err != nil {
		panic(err)
	}
	return base64url.EncodeToString(h) + "." + base64url.EncodeToString([]byte("forged")) + "." + base64url.EncodeToString(make([]byte, ed25519.SignatureSize))
}

// events collects what the observer reports.
type events struct {
	mu sync.Mutex
	ev []jwk.FetchEvent
}

func (e *events) observe(ev jwk.FetchEvent) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ev = append(e.ev, ev)
}

func (e *events) all() []jwk.FetchEvent {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]jwk.FetchEvent(nil), e.ev...)
}

func (e *events) last(t testing.TB) jwk.FetchEvent {
	t.Helper()
	all := e.all()
	if len(all) == 0 {
		t.Fatal("no fetch observed")
	}
	return all[len(all)-1]
}

// remote returns a Remote for p's JWK Set on clk, with opts, and waits for
// its fetches when the test ends.
func remote(t testing.TB, p *idp, clk *fakeClock, opts jwk.RemoteOptions) (*jwk.Remote, *events) {
	t.Helper()
	ev := &events{}
	opts.AllowHTTPLoopback = true
	opts.Now = clk.Now
	if opts.Client == nil {
		opts.Client = p.srv.Client()
	}
	if opts.Observer == nil {
		opts.Observer = ev.observe
	}
	if opts.Timeout == 0 {
		opts.Timeout = 30 * time.Second // generous: the machine may be loaded
	}
	r, err := jwk.NewRemote(p.url(), &opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jwk.WaitFetches(r) })
	return r, ev
}

func verify(r jws.Resolver, tok string) error {
	_, _, err := jws.VerifyKeyed(context.Background(), r, tok)
	return err
}

func mustVerify(t testing.TB, r jws.Resolver, tok, what string) {
	t.Helper()
	if err := verify(r, tok); err != nil {
		t.Fatalf("%s: VerifyKeyed = %v", what, err)
	}
}

func wantRefused(t testing.TB, r jws.Resolver, tok, what string, want error, contains string) {
	t.Helper()
	err := verify(r, tok)
	if !errors.Is(err, want) || !strings.Contains(err.Error(), contains) {
		t.Fatalf("%s: VerifyKeyed = %v, want %v containing %q", what, err, want, contains)
	}
	if !strings.HasPrefix(err.Error(), "jwk: ") && !strings.HasPrefix(err.Error(), "jws: ") {
		t.Errorf("%s: error %q lacks the package prefix", what, err)
	}
}

func TestNewRemoteURL(t *testing.T) {
	tests := []struct {
		url      string
		loopback bool
		ok       bool
	}{
		{"https://idp.example/jwks", false, true},
		{"https://idp.example:8443/.well-known/jwks.json?tenant=a", false, true},
		{"http://idp.example/jwks", false, false},
		{"http://idp.example/jwks", true, false},
		{"http://127.0.0.1:8080/jwks", false, false},
		{"http://127.0.0.1:8080/jwks", true, true},
		{"http://127.9.9.9/jwks", true, true},
		{"http://[::1]:8080/jwks", true, true},
		{"http://localhost/jwks", true, true},
		{"http://10.0.0.1/jwks", true, false},
		{"/jwks", false, false},
		{"idp.example/jwks", false, false},
		{"https:///jwks", false, false},
		{"https://user:pass@idp.example/jwks", false, false},
		{"https://idp.example/jwks#frag", false, false},
		{"ftp://idp.example/jwks", false, false},
		{"https://idp.example/%zz", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		r, err := jwk.NewRemote(tt.url, &jwk.RemoteOptions{AllowHTTPLoopback: tt.loopback})
		if tt.ok != (err == nil) || (err == nil) == (r == nil) {
			t.Errorf("NewRemote(%q, loopback %v) = %v, %v, want ok %v", tt.url, tt.loopback, r, err, tt.ok)
			continue
		}
		if err != nil && (!errors.Is(err, jws.ErrMalformed) || !strings.HasPrefix(err.Error(), "jwk: ")) {
			t.Errorf("NewRemote(%q) = %v, want a jwk error wrapping ErrMalformed", tt.url, err)
		}
	}
	if _, err := jwk.NewRemote("https://idp.example/jwks", &jwk.RemoteOptions{MinFreshness: time.Hour, MaxFreshness: time.Minute}); !errors.Is(err, jws.ErrMalformed) {
		t.Errorf("NewRemote(MinFreshness > MaxFreshness) = %v, want ErrMalformed", err)
	}
	// A negative option is a configuration error, not its default: a
	// negative StaleLimit must not mean a day of stale keys.
	for name, opts := range map[string]jwk.RemoteOptions{
		"Timeout":       {Timeout: -time.Second},
		"MinFreshness":  {MinFreshness: -time.Second},
		"MaxFreshness":  {MaxFreshness: -time.Second},
		"Cooldown":      {Cooldown: -time.Second},
		"NegativeCache": {NegativeCache: -time.Second},
		"StaleLimit":    {StaleLimit: -1},
		"MaxKeys":       {MaxKeys: -1},
	} {
		if r, err := jwk.NewRemote("https://idp.example/jwks", &opts); r != nil || !errors.Is(err, jws.ErrMalformed) || !strings.Contains(err.Error(), "negative "+name) {
			t.Errorf("NewRemote(negative %s) = %v, %v, want ErrMalformed naming it", name, r, err)
		}
		if r, err := jwk.Discover(context.Background(), "https://idp.example", &opts); r != nil || !errors.Is(err, jws.ErrMalformed) || !strings.Contains(err.Error(), "negative "+name) {
			t.Errorf("Discover(negative %s) = %v, %v, want ErrMalformed naming it, before any I/O", name, r, err)
		}
	}
	for _, r := range []*jwk.Remote{nil, new(jwk.Remote)} {
		if vs, err := r.Resolve(context.Background(), "a", jws.EdDSA); vs != nil || !errors.Is(err, jws.ErrKeyNotFound) {
			t.Errorf("%#v.Resolve = %v, %v, want ErrKeyNotFound", r, vs, err)
		}
		if err := r.Ready(context.Background()); !errors.Is(err, jws.ErrKeyNotFound) {
			t.Errorf("%#v.Ready = %v, want ErrKeyNotFound", r, err)
		}
		if r.URL() != "" || r.Issuer() != "" {
			t.Errorf("%#v has a URL or issuer", r)
		}
	}
}

// TestRemoteLazy checks that a Remote does nothing until it is used, then
// fetches once.
func TestRemoteLazy(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	clk := newClock()
	g := runtime.NumGoroutine()
	r, ev := remote(t, p, clk, jwk.RemoteOptions{})
	if n := p.requests.Load(); n != 0 {
		t.Fatalf("NewRemote made %d requests", n)
	}
	if n := runtime.NumGoroutine(); n > g {
		t.Fatalf("NewRemote started %d goroutines", n-g)
	}
	if r.URL() != p.url() || r.Issuer() != "" {
		t.Errorf("URL, Issuer = %q, %q", r.URL(), r.Issuer())
	}
	for i := range 3 {
		if err := r.Ready(context.Background()); err != nil {
			t.Fatalf("Ready #%d = %v", i, err)
		}
	}
	mustVerify(t, r, token(t, "a"), "token of a")
	if n := p.requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	e := ev.last(t)
	if e.Status != 200 || e.Keys != 1 || e.Err != nil || e.URL != p.url() || e.Duration <= 0 || !e.FreshUntil.Equal(clk.Now().Add(10*time.Minute)) {
		t.Errorf("FetchEvent = %+v", e)
	}
	// A Resolve that finds its key in a fresh set does not allocate.
	ctx := context.Background()
	if allocs := testing.AllocsPerRun(100, func() { r.Resolve(ctx, "a", jws.EdDSA) }); allocs != 0 {
		t.Errorf("Resolve allocates %v times, want 0", allocs)
	}
}

// TestRemoteSingleFlight checks that concurrent first uses share one fetch.
func TestRemoteSingleFlight(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	arrived, release := p.hold()
	r, _ := remote(t, p, newClock(), jwk.RemoteOptions{})
	const n = 200
	errs := make(chan error, n)
	tok := token(t, "a")
	var started sync.WaitGroup
	for range n {
		started.Add(1)
		go func() {
			started.Done()
			errs <- verify(r, tok)
		}()
	}
	started.Wait()
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatal("no request reached the server")
	}
	close(release)
	for range n {
		if err := <-errs; err != nil {
			t.Errorf("VerifyKeyed = %v", err)
		}
	}
	if got := p.requests.Load(); got != 1 {
		t.Errorf("%d concurrent first uses made %d requests, want 1", n, got)
	}
	t.Logf("single flight: %d concurrent verifications, %d request", n, p.requests.Load())
}

// hold makes p hold every request for the JWK Set until release is
// closed, then answer it with the current set; arrived receives a value as
// each request comes in (up to 100 without a reader).
func (p *idp) hold() (arrived <-chan struct{}, release chan struct{}) {
	in := make(chan struct{}, 100)
	release = make(chan struct{})
	p.set(func(p *idp) {
		p.fault = func(w http.ResponseWriter, r *http.Request) {
			in <- struct{}{}
			<-release
			w.Header().Set("Content-Type", "application/json")
			w.Write(p.documentLocked())
		}
	})
	return in, release
}

// documentLocked is document for a fault handler, which runs without p.mu.
func (p *idp) documentLocked() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.document()
}

// TestRemoteCallerContext checks that a caller that gives up does not abort
// the fetch another caller waits for.
func TestRemoteCallerContext(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	arrived, release := p.hold()
	r, _ := remote(t, p, newClock(), jwk.RemoteOptions{})
	tok := token(t, "a")
	patient := make(chan error, 1)
	go func() { patient <- verify(r, tok) }()
	<-arrived
	ctx, cancel := context.WithCancel(context.Background())
	impatient := make(chan error, 1)
	go func() {
		_, _, err := jws.VerifyKeyed(ctx, r, tok)
		impatient <- err
	}()
	cancel()
	if err := <-impatient; !errors.Is(err, context.Canceled) || !errors.Is(err, jws.ErrKeyNotFound) {
		t.Errorf("VerifyKeyed(cancelled) = %v, want ErrKeyNotFound wrapping context.Canceled", err)
	}
	if err := r.Ready(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Ready(cancelled) = %v, want context.Canceled", err)
	}
	close(release)
	if err := <-patient; err != nil {
		t.Errorf("VerifyKeyed(patient) = %v", err)
	}
	if got := p.requests.Load(); got != 1 {
		t.Errorf("%d requests, want 1", got)
	}
}

// TestRemoteTimeout checks a provider that hangs past the fetch timeout.
func TestRemoteTimeout(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	p.set(func(p *idp) {
		p.fault = func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	})
	clk := newClock()
	// Long enough for the loopback fetch after the recovery on a loaded
	// machine, short enough for the test.
	const timeout = 2 * time.Second
	r, ev := remote(t, p, clk, jwk.RemoteOptions{Timeout: timeout})
	start := time.Now()
	err := r.Ready(context.Background())
	if !errors.Is(err, jws.ErrKeyNotFound) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "no JWK Set from "+p.url()+" yet") {
		t.Errorf("Ready(hanging provider) = %v, want ErrKeyNotFound wrapping DeadlineExceeded", err)
	}
	if d := time.Since(start); d < timeout || d > 30*time.Second {
		t.Errorf("Ready took %v with a %v timeout", d, timeout)
	}
	if e := ev.last(t); e.Status != 0 || e.Err == nil {
		t.Errorf("FetchEvent = %+v, want no status and an error", e)
	}
	// Within the cooldown, the failure is reported without a request.
	wantRefused(t, r, token(t, "a"), "token during the cooldown", jws.ErrKeyNotFound, "no retry before")
	if got := p.requests.Load(); got != 1 {
		t.Errorf("%d requests, want 1", got)
	}
	p.set(func(p *idp) { p.fault = nil })
	clk.Advance(jwk.DefaultCooldown)
	mustVerify(t, r, token(t, "a"), "token once the provider answers")
}

// TestRemoteFreshness checks how long a set is fresh under the response's
// caching headers, clamped to MinFreshness and MaxFreshness, and that a
// stale set still verifies while it is refreshed in the background.
func TestRemoteFreshness(t *testing.T) {
	date := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	tests := []struct {
		name         string
		cacheControl string
		extra        http.Header
		want         time.Duration
	}{
		{"max-age", "public, max-age=600", nil, 600 * time.Second},
		{"quoted max-age", `max-age="120"`, nil, 120 * time.Second},
		{"max-age minus Age", "max-age=600", hdr("Age", "100"), 500 * time.Second},
		{"Age beyond max-age", "max-age=600", hdr("Age", "900"), time.Minute},
		{"below the floor", "max-age=10", nil, time.Minute},
		{"above the ceiling", "max-age=999999", nil, time.Hour},
		{"max-age beyond a Duration", "max-age=10000000000", nil, time.Hour},
		{"Age beyond a Duration", "max-age=600", hdr("Age", "10000000000"), time.Minute},
		{"Expires beyond a Duration ago, with Age", "", hdr("Date", date.Format(http.TimeFormat), "Expires", "Mon, 01 Jan 0001 00:00:00 GMT", "Age", "100"), time.Minute},
		{"no-cache", "no-cache, max-age=600", nil, time.Minute},
		{"no-store", "no-store", nil, time.Minute},
		{"Expires minus Date", "", hdr("Date", date.Format(http.TimeFormat), "Expires", date.Add(300*time.Second).Format(http.TimeFormat)), 300 * time.Second},
		{"max-age over Expires", "max-age=200", hdr("Date", date.Format(http.TimeFormat), "Expires", date.Add(300*time.Second).Format(http.TimeFormat)), 200 * time.Second},
		{"invalid Expires", "", hdr("Expires", "0"), time.Minute},
		{"no header", "", nil, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newIDP(t)
			p.publish(t, "a")
			p.set(func(p *idp) { p.cacheControl, p.extra, p.etag = tt.cacheControl, tt.extra, false })
			clk := newClock()
			r, ev := remote(t, p, clk, jwk.RemoteOptions{MinFreshness: time.Minute, MaxFreshness: time.Hour, Cooldown: time.Second})
			tok := token(t, "a")
			mustVerify(t, r, tok, "first token")
			if e := ev.last(t); !e.FreshUntil.Equal(clk.Now().Add(tt.want)) {
				t.Errorf("FreshUntil = %v, want now + %v", e.FreshUntil, tt.want)
			}
			clk.Advance(tt.want)
			mustVerify(t, r, tok, "token at the end of the freshness")
			jwk.WaitFetches(r)
			if got := p.requests.Load(); got != 1 {
				t.Fatalf("%d requests while fresh, want 1", got)
			}
			clk.Advance(time.Second)
			mustVerify(t, r, tok, "token of a stale set")
			jwk.WaitFetches(r)
			if got := p.requests.Load(); got != 2 {
				t.Errorf("%d requests once stale, want 2 (a background refresh)", got)
			}
		})
	}

	t.Run("Cache-Control changes", func(t *testing.T) {
		p := newIDP(t)
		p.publish(t, "a")
		clk := newClock()
		r, _ := remote(t, p, clk, jwk.RemoteOptions{MinFreshness: time.Minute})
		tok := token(t, "a")
		mustVerify(t, r, tok, "first token")
		p.set(func(p *idp) { p.cacheControl = "max-age=120" })
		for i, step := range []struct {
			advance time.Duration
			want    int64
		}{
			{599 * time.Second, 1}, {2 * time.Second, 2}, // max-age=600, then refreshed
			{119 * time.Second, 2}, {2 * time.Second, 3}, // now max-age=120
			{119 * time.Second, 3}, {2 * time.Second, 4},
		} {
			clk.Advance(step.advance)
			mustVerify(t, r, tok, "token")
			jwk.WaitFetches(r)
			if got := p.requests.Load(); got != step.want {
				t.Fatalf("step %d: %d requests, want %d", i, got, step.want)
			}
		}
	})
}

// TestRemoteRevalidation checks ETag and Last-Modified revalidation: a 304
// keeps the set and renews its freshness.
func TestRemoteRevalidation(t *testing.T) {
	for _, tt := range []struct {
		name         string
		etag, lastMd bool
	}{{"ETag", true, false}, {"Last-Modified", false, true}, {"both", true, true}} {
		t.Run(tt.name, func(t *testing.T) {
			p := newIDP(t)
			p.publish(t, "a")
			p.set(func(p *idp) { p.etag, p.lastModified = tt.etag, tt.lastMd })
			clk := newClock()
			r, ev := remote(t, p, clk, jwk.RemoteOptions{})
			tok := token(t, "a")
			mustVerify(t, r, tok, "first token")
			for i := range 3 {
				clk.Advance(601 * time.Second)
				mustVerify(t, r, tok, "token of a stale set")
				jwk.WaitFetches(r)
				if got, nm := p.requests.Load(), p.notMod.Load(); got != int64(2+i) || nm != int64(1+i) {
					t.Fatalf("round %d: %d requests, %d answered 304; want %d, %d", i, got, nm, 2+i, 1+i)
				}
				if e := ev.last(t); e.Status != 304 || e.Keys != 1 || e.Err != nil || !e.FreshUntil.Equal(clk.Now().Add(10*time.Minute)) {
					t.Fatalf("round %d: FetchEvent = %+v", i, e)
				}
				clk.Advance(599 * time.Second)
				mustVerify(t, r, tok, "token of a revalidated set")
				jwk.WaitFetches(r)
				if got := p.requests.Load(); got != int64(2+i) {
					t.Fatalf("round %d: a revalidated set was refetched while fresh", i)
				}
			}
			// A changed document is fetched whole.
			if tt.etag {
				p.publish(t, "b")
				clk.Advance(601 * time.Second)
				mustVerify(t, r, tok, "token of a stale set")
				jwk.WaitFetches(r)
				if e := ev.last(t); e.Status != 200 || e.Keys != 2 {
					t.Errorf("FetchEvent after a change = %+v, want 200 with 2 keys", e)
				}
			}
		})
	}
}

// TestRemoteRotation follows a provider that publishes a new key, signs
// with it, and retires the old one.
func TestRemoteRotation(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "2026-10")
	clk := newClock()
	r, _ := remote(t, p, clk, jwk.RemoteOptions{})
	october := token(t, "2026-10")
	mustVerify(t, r, october, "October token")

	p.publish(t, "2026-11")
	november := token(t, "2026-11")
	// Within the cooldown of the first fetch, the new kid is not fetched.
	wantRefused(t, r, november, "November token within the cooldown", jws.ErrKeyNotFound, `kid "2026-11" is not in the JWK Set from `+p.url())
	if got := p.requests.Load(); got != 1 {
		t.Fatalf("%d requests, want 1", got)
	}
	clk.Advance(jwk.DefaultCooldown)
	mustVerify(t, r, november, "November token after the cooldown")
	mustVerify(t, r, october, "October token")
	if got := p.requests.Load(); got != 2 {
		t.Fatalf("%d requests, want 2", got)
	}

	// The October key is retired: once the set is refreshed, its tokens are
	// refused at once, and its kid is not refetched again and again.
	p.retire("2026-10")
	clk.Advance(11 * time.Minute)
	mustVerify(t, r, november, "November token of a stale set")
	jwk.WaitFetches(r)
	wantRefused(t, r, october, "October token after the retirement", jws.ErrKeyNotFound, `kid "2026-10" is not in the JWK Set`)
	if got := p.requests.Load(); got != 3 {
		t.Errorf("%d requests, want 3", got)
	}
}

// TestRemoteUnknownKIDFlood sends 10 000 tokens with forged kids and checks
// that they cost one request per cooldown, that known kids with bad
// signatures and tokens without kid cost none, and the negative cache.
func TestRemoteUnknownKIDFlood(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	clk := newClock()
	r, _ := remote(t, p, clk, jwk.RemoteOptions{})
	mustVerify(t, r, token(t, "a"), "token of a")

	const n = 10_000
	toks := make([]string, n)
	for i := range toks {
		toks[i] = forged(fmt.Sprintf("forged-%d", i))
	}
	flood := func() {
		t.Helper()
		var wg sync.WaitGroup
		var bad atomic.Int64
		for w := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < n; i += 50 {
					if err := verify(r, toks[i]); !errors.Is(err, jws.ErrKeyNotFound) {
						bad.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		if bad.Load() != 0 {
			t.Fatalf("%d forged tokens were not refused with ErrKeyNotFound", bad.Load())
		}
	}
	var counts []int64
	flood() // within the cooldown of the first fetch
	counts = append(counts, p.requests.Load()-1)
	clk.Advance(jwk.DefaultCooldown)
	flood() // one refetch
	counts = append(counts, p.requests.Load()-1)
	flood() // within its cooldown
	counts = append(counts, p.requests.Load()-1)
	clk.Advance(jwk.DefaultCooldown)
	flood() // one more
	counts = append(counts, p.requests.Load()-1)
	if want := []int64{0, 1, 1, 2}; fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("requests after each flood of %d forged kids = %v, want %v", n, counts, want)
	}
	t.Logf("flood: 4 × %d forged kids over 2 cooldowns cost %d requests beyond the first fetch", n, p.requests.Load()-1)

	before := p.requests.Load()
	clk.Advance(jwk.DefaultCooldown)
	bad := forged("a")
	for range 1000 {
		if err := verify(r, bad); !errors.Is(err, jws.ErrInvalidSignature) {
			t.Fatalf("bad signature of a known kid = %v, want ErrInvalidSignature", err)
		}
	}
	noKID, _ := jws.Sign(mustSignerOf(t, "a"), jws.Header{}, []byte("x"))
	wantRefused(t, r, noKID, "token without kid", jws.ErrKeyNotFound, `no "kid"`)
	hs, _ := jws.NewHMAC(jws.HS256, make([]byte, 32))
	wrongAlg, _ := jws.Sign(hs, jws.Header{KeyID: "a"}, []byte("x"))
	wantRefused(t, r, wrongAlg, "HS256 token of a known kid", jws.ErrAlgorithmMismatch, "")
	if got := p.requests.Load() - before; got != 0 {
		t.Errorf("bad signatures, a token without kid and a wrong alg cost %d requests, want 0", got)
	}

	// Negative cache: a kid a refetch did not find is not refetched for
	// NegativeCache, even after the cooldown; another kid is.
	missing := forged("forged-0")
	wantRefused(t, r, missing, "forged-0 again", jws.ErrKeyNotFound, "unknown at the last refetch")
	if got := p.requests.Load() - before; got != 0 {
		t.Errorf("a negatively cached kid cost %d requests", got)
	}
	wantRefused(t, r, forged("new-forgery"), "another forged kid", jws.ErrKeyNotFound, "(refetched)")
	if got := p.requests.Load() - before; got != 1 {
		t.Errorf("a new forged kid after the cooldown cost %d requests, want 1", got)
	}
	clk.Advance(jwk.DefaultNegativeCache)
	wantRefused(t, r, missing, "forged-0 after the negative cache", jws.ErrKeyNotFound, "(refetched)")
	if got := p.requests.Load() - before; got != 2 {
		t.Errorf("an expired negative entry cost %d requests in all, want 2", got)
	}
}

func mustSignerOf(t testing.TB, kid string) jws.Signer {
	t.Helper()
	s, err := key(t, kid).Signer()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRemoteSkippedKID checks that a kid the set skipped is reported as
// such and never refetched.
func TestRemoteSkippedKID(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	p.set(func(p *idp) {
		p.fault = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			doc := p.documentLocked()
			// Add RFC 7517 A.1's encryption key, kid "1".
			enc := `{"kty":"EC","crv":"P-256","use":"enc","kid":"1","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}`
			w.Write([]byte(strings.Replace(string(doc), `{"keys":[`, `{"keys":[`+enc+`,`, 1)))
		}
	})
	clk := newClock()
	r, _ := remote(t, p, clk, jwk.RemoteOptions{})
	mustVerify(t, r, token(t, "a"), "token of a")
	before := p.requests.Load()
	clk.Advance(jwk.DefaultCooldown) // a refetch would be allowed
	wantRefused(t, r, forged("1"), "token of the encryption key", jws.ErrKeyNotFound, `kid "1" was skipped in the JWK Set from `+p.url()+`: invalid key: the JWK's "use" is "enc"`)
	if got := p.requests.Load() - before; got != 0 {
		t.Errorf("a skipped kid cost %d requests", got)
	}
}

// TestRemoteFaults checks that a failed refresh keeps the last good set and
// says what happened.
func TestRemoteFaults(t *testing.T) {
	big := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"keys":[],"padding":"`))
		chunk := []byte(strings.Repeat("x", 64<<10))
		for range 10 << 20 / len(chunk) { // 10 MiB, or until the client hangs up
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		w.Write([]byte(`"}`))
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the off-origin server got a request for %s", r.URL)
	}))
	defer other.Close()
	tests := []struct {
		name   string
		fault  http.HandlerFunc
		status int
		want   error
		says   string
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) }, 500, nil, "status 500 Internal Server Error"},
		{"503 down for maintenance", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) }, 503, nil, "status 503 Service Unavailable"},
		{"404", http.NotFound, 404, nil, "status 404 Not Found"},
		{"garbage", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte("\x00\xffnot json at all"))
		}, 200, jws.ErrMalformed, "malformed input"},
		{"HTML", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<html>login</html>"))
		}, 200, nil, `Content-Type "text/html; charset=utf-8" is not JSON`},
		{"no Content-Type", func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil
			w.Write([]byte(`{"keys":[]}`))
		}, 200, nil, `Content-Type "" is not JSON`},
		{"10 MiB", big, 200, nil, "larger than 1048576 bytes"},
		{"no usable key", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"keys":[{"kty":"foo"}]}`))
		}, 200, jws.ErrInvalidKey, "no usable key"},
		{"too many keys", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"keys":[` + fxOKPPublic + strings.Repeat(`,{"kty":"foo"}`, 100) + `]}`))
		}, 200, nil, "has 101 keys, more than the 100 allowed"},
		{"redirect off-origin", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/jwks", http.StatusFound)
		}, 0, nil, "leaves http://127.0.0.1"},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/jwks", http.StatusFound)
		}, 0, nil, "stopped after 5 redirects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newIDP(t)
			p.publish(t, "a")
			clk := newClock()
			r, ev := remote(t, p, clk, jwk.RemoteOptions{})
			tok := token(t, "a")
			mustVerify(t, r, tok, "token of the good set")
			p.set(func(p *idp) { p.fault = tt.fault })
			clk.Advance(11 * time.Minute)
			mustVerify(t, r, tok, "token of a stale set, refresh failing")
			jwk.WaitFetches(r)
			e := ev.last(t)
			if e.Err == nil || e.Status != tt.status || e.Keys != 0 || !errors.Is(e.Err, jws.ErrKeyNotFound) || (tt.want != nil && !errors.Is(e.Err, tt.want)) || !strings.Contains(e.Err.Error(), tt.says) {
				t.Errorf("FetchEvent = %+v, want status %d, an error wrapping %v saying %q", e, tt.status, tt.want, tt.says)
			}
			mustVerify(t, r, tok, "token after the failed refresh: the old set is kept")

			// Without a good set, the same fault is the error.
			q := newIDP(t)
			q.set(func(q *idp) { q.fault = tt.fault })
			r2, _ := remote(t, q, newClock(), jwk.RemoteOptions{})
			err := r2.Ready(context.Background())
			if !errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "no JWK Set from "+q.url()+" yet") {
				t.Errorf("Ready = %v, want it to say %q", err, tt.says)
			}
			wantRefused(t, r2, tok, "token without a good set", jws.ErrKeyNotFound, tt.says)
		})
	}
}

// TestRemoteRedirects checks that a redirect within the origin is followed
// and that one from HTTPS to HTTP is refused.
func TestRemoteRedirects(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	mux := http.NewServeMux()
	mux.Handle("/jwks", http.HandlerFunc(p.serveJWKS))
	mux.Handle("/old", http.RedirectHandler("/jwks", http.StatusMovedPermanently))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	r, err := jwk.NewRemote(srv.URL+"/old", &jwk.RemoteOptions{AllowHTTPLoopback: true, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	defer jwk.WaitFetches(r)
	mustVerify(t, r, token(t, "a"), "token through a same-origin redirect")

	plain := httptest.NewServer(http.HandlerFunc(p.serveJWKS))
	defer plain.Close()
	tls := httptest.NewTLSServer(http.RedirectHandler(plain.URL+"/jwks", http.StatusFound))
	defer tls.Close()
	before := p.requests.Load()
	var checked atomic.Bool
	client := tls.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { checked.Store(true); return nil }
	r, err = jwk.NewRemote(tls.URL+"/jwks", &jwk.RemoteOptions{Client: client, AllowHTTPLoopback: true})
	if err != nil {
		t.Fatal(err)
	}
	defer jwk.WaitFetches(r)
	if err := r.Ready(context.Background()); !errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), "leaves https://") {
		t.Errorf("Ready(redirect to HTTP) = %v, want it refused", err)
	}
	if p.requests.Load() != before || checked.Load() {
		t.Error("the redirect to HTTP was followed or reached the caller's CheckRedirect")
	}
	// The caller's CheckRedirect still runs for a same-origin redirect.
	tlsMux := http.NewServeMux()
	tlsMux.Handle("/jwks", http.HandlerFunc(p.serveJWKS))
	tlsMux.Handle("/old", http.RedirectHandler("/jwks", http.StatusFound))
	tls2 := httptest.NewTLSServer(tlsMux)
	defer tls2.Close()
	client = tls2.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error {
		checked.Store(true)
		return errors.New("no redirects here")
	}
	r, err = jwk.NewRemote(tls2.URL+"/old", &jwk.RemoteOptions{Client: client})
	if err != nil {
		t.Fatal(err)
	}
	defer jwk.WaitFetches(r)
	if err := r.Ready(context.Background()); !strings.Contains(fmt.Sprint(err), "no redirects here") || !checked.Load() {
		t.Errorf("Ready = %v, want the caller's CheckRedirect to refuse", err)
	}
}

// TestRemoteOutage takes the provider down: verification goes on with the
// last good set, retries cost one request per cooldown, and past the stale
// limit tokens are refused with an error that says since when.
func TestRemoteOutage(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	clk := newClock()
	const staleLimit = 2 * time.Hour
	r, ev := remote(t, p, clk, jwk.RemoteOptions{StaleLimit: staleLimit})
	tok := token(t, "a")
	mustVerify(t, r, tok, "token before the outage")
	freshUntil := ev.last(t).FreshUntil
	p.set(func(p *idp) {
		p.fault = func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) }
	})

	// Two hours of outage, a token verified every 10 seconds.
	clk.Advance(freshUntil.Sub(clk.Now()))
	const step = 10 * time.Second
	steps := int(staleLimit / step)
	for i := range steps {
		clk.Advance(step)
		if err := verify(r, tok); err != nil {
			t.Fatalf("step %d (%v stale): VerifyKeyed = %v", i, clk.Now().Sub(freshUntil), err)
		}
		jwk.WaitFetches(r)
	}
	outage := p.requests.Load() - 1
	if want := int64(steps / int(jwk.DefaultCooldown/step)); outage != want {
		t.Errorf("%d verifications over %v of outage cost %d requests, want %d (one per cooldown)", steps, staleLimit, outage, want)
	}
	t.Logf("outage: %d verifications over %v stale, all accepted, cost %d requests (one per %v)", steps, staleLimit, outage, jwk.DefaultCooldown)

	// Past the stale limit, tokens are refused.
	clk.Advance(step)
	since := freshUntil.UTC().Format(time.RFC3339)
	wantRefused(t, r, tok, "token past the stale limit", jws.ErrKeyNotFound, "is stale since "+since+" (stale limit 2h0m0s): fetching the JWK Set from "+p.url()+": status 503")
	if err := r.Ready(context.Background()); !errors.Is(err, jws.ErrKeyNotFound) || !strings.Contains(err.Error(), "stale since") {
		t.Errorf("Ready past the stale limit = %v", err)
	}
	// The provider comes back.
	p.set(func(p *idp) { p.fault = nil })
	clk.Advance(jwk.DefaultCooldown)
	if err := r.Ready(context.Background()); err != nil {
		t.Errorf("Ready once the provider is back = %v", err)
	}
	mustVerify(t, r, tok, "token once the provider is back")

	// A provider that no longer listens at all.
	p.srv.Close()
	clk.Advance(11 * time.Minute)
	mustVerify(t, r, tok, "token while nothing listens")
	jwk.WaitFetches(r)
	if e := ev.last(t); e.Err == nil || e.Status != 0 || !strings.Contains(e.Err.Error(), "fetching the JWK Set from "+p.url()) {
		t.Errorf("FetchEvent = %+v, want a connection error", e)
	}
}

// TestRemoteConcurrentRotation verifies tokens from hundreds of goroutines
// while the provider rotates its keys and time passes (run it with -race).
func TestRemoteConcurrentRotation(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "k0", "k1")
	clk := newClock()
	r, _ := remote(t, p, clk, jwk.RemoteOptions{MinFreshness: time.Minute})
	p.set(func(p *idp) { p.cacheControl = "max-age=60" })
	if err := r.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	const (
		workers = 200
		rounds  = 5
	)
	tokens := make([]string, rounds+2)
	for i := range tokens {
		tokens[i] = token(t, fmt.Sprintf("k%d", i))
	}
	// Round i: k(i) and k(i+1) are published, k(i+1) signs; the tokens of
	// k(i+1) must always verify, those of retired keys are refused once the
	// set is refreshed.
	for i := range rounds {
		var wg sync.WaitGroup
		var signingFailed, previousFailed atomic.Int64
		var firstErr atomic.Value
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range 2 {
					previous := (w+j)%3 == 0
					tok := tokens[i+1]
					if previous {
						tok = tokens[i]
					}
					if err := verify(r, tok); err != nil {
						firstErr.CompareAndSwap(nil, err)
						if previous {
							previousFailed.Add(1)
						} else {
							signingFailed.Add(1)
						}
					}
				}
			}()
		}
		// Meanwhile the provider publishes the next key, retires the
		// previous one, and time passes.
		p.publish(t, fmt.Sprintf("k%d", i+2))
		p.retire(fmt.Sprintf("k%d", i))
		clk.Advance(30 * time.Second)
		wg.Wait()
		// The set stays fresh during the round: every token verifies,
		// although the provider has retired the previous key meanwhile.
		if signingFailed.Load() != 0 || previousFailed.Load() != 0 {
			t.Fatalf("round %d: %d tokens of the signing key and %d of the previous one failed: %v", i, signingFailed.Load(), previousFailed.Load(), firstErr.Load())
		}
		// Once the set is stale, it is refreshed: k(i) is gone, k(i+1) and
		// k(i+2) are published.
		clk.Advance(31 * time.Second)
		mustVerify(t, r, tokens[i+1], "token of the signing key")
		jwk.WaitFetches(r)
		mustVerify(t, r, tokens[i+1], "token of the signing key")
		wantRefused(t, r, tokens[i], "token of a retired key", jws.ErrKeyNotFound, "is not in the JWK Set")
	}
	t.Logf("rotation: %d rounds of %d goroutines, %d requests", rounds, workers, p.requests.Load())
	if got, want := p.requests.Load(), int64(rounds+1); got != want {
		t.Errorf("%d requests, want %d (the first fetch and one refresh per round)", got, want)
	}
}

// TestDiscover checks the discovery helper and its issuer binding.
func TestDiscover(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	var config atomic.Value // the discovery document's body
	var ctype atomic.Value
	ctype.Store("application/json")
	mux := http.NewServeMux()
	mux.HandleFunc("/jwks", p.serveJWKS)
	mux.HandleFunc("/tenant/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype.Load().(string))
		w.Write([]byte(config.Load().(string)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	issuer := srv.URL + "/tenant"
	opts := &jwk.RemoteOptions{AllowHTTPLoopback: true, Client: srv.Client()}

	config.Store(`{"issuer":"` + issuer + `","jwks_uri":"` + srv.URL + `/jwks","response_types_supported":["code"]}`)
	r, err := jwk.Discover(context.Background(), issuer, opts)
	if err != nil {
		t.Fatalf("Discover = %v", err)
	}
	defer jwk.WaitFetches(r)
	if r.Issuer() != issuer || r.URL() != srv.URL+"/jwks" {
		t.Errorf("Issuer, URL = %q, %q", r.Issuer(), r.URL())
	}
	if got := p.requests.Load(); got != 0 {
		t.Errorf("Discover fetched the JWK Set %d times", got)
	}
	mustVerify(t, r, token(t, "a"), "token through a discovered set")
	if r2, err := jwk.Discover(context.Background(), issuer+"/", opts); err == nil || r2 != nil {
		t.Errorf("Discover(issuer with a trailing slash the document does not have) = %v, %v", r2, err)
	}

	for _, tt := range []struct {
		name, doc, ctype string
		want             error
		says             string
	}{
		{"another issuer", `{"issuer":"https://evil.example","jwks_uri":"` + srv.URL + `/jwks"}`, "", jws.ErrMalformed, `names the issuer "https://evil.example", not "` + issuer + `"`},
		{"issuer in another case", `{"issuer":"` + strings.ToUpper(issuer) + `","jwks_uri":"` + srv.URL + `/jwks"}`, "", jws.ErrMalformed, "names the issuer"},
		{"no issuer", `{"jwks_uri":"` + srv.URL + `/jwks"}`, "", jws.ErrMalformed, `has no "issuer"`},
		{"no jwks_uri", `{"issuer":"` + issuer + `"}`, "", jws.ErrMalformed, `has no "jwks_uri"`},
		{"plain HTTP jwks_uri", `{"issuer":"` + issuer + `","jwks_uri":"http://idp.example/jwks"}`, "", jws.ErrMalformed, "plain HTTP is allowed only for a loopback host"},
		{"jwks_uri not a string", `{"issuer":"` + issuer + `","jwks_uri":42}`, "", jws.ErrMalformed, `"jwks_uri" is not a string`},
		{"duplicate issuer", `{"issuer":"https://evil.example","issuer":"` + issuer + `","jwks_uri":"` + srv.URL + `/jwks"}`, "", jws.ErrMalformed, "duplicate"},
		{"not JSON", `<html>`, "", jws.ErrMalformed, "malformed input"},
		{"HTML", `{}`, "text/html", jws.ErrKeyNotFound, "is not JSON"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			config.Store(tt.doc)
			ct := tt.ctype
			if ct == "" {
				ct = "application/json"
			}
			ctype.Store(ct)
			r, err := jwk.Discover(context.Background(), issuer, opts)
			if r != nil || !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) || !strings.HasPrefix(err.Error(), "jwk: ") {
				t.Errorf("Discover = %v, %v, want an error wrapping %v saying %q", r, err, tt.want, tt.says)
			}
		})
	}
	for _, bad := range []string{"http://idp.example", "https://idp.example?x=1", srv.URL + "/missing"} {
		if r, err := jwk.Discover(context.Background(), bad, opts); r != nil || err == nil {
			t.Errorf("Discover(%q) = %v, %v, want an error", bad, r, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := jwk.Discover(ctx, issuer, opts); !errors.Is(err, context.Canceled) {
		t.Errorf("Discover(cancelled) = %v, want context.Canceled", err)
	}
}

// TestRemoteNegativeCacheBound checks that the negative cache of unknown
// kids stays bounded: full, it drops expired entries, and if none has
// expired it remembers no more (the cooldown still bounds refetches).
func TestRemoteNegativeCacheBound(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	clk := newClock()
	const cooldown = 100 * time.Millisecond
	// NegativeCache is shorter than the set's freshness, so that no
	// background refresh races the refetches the test counts.
	const negative = 2 * time.Minute
	r, _ := remote(t, p, clk, jwk.RemoteOptions{Cooldown: cooldown, NegativeCache: negative})
	mustVerify(t, r, token(t, "a"), "token of a")
	for i := range jwk.MaxMissing + 10 {
		clk.Advance(cooldown)
		if err := verify(r, forged(fmt.Sprintf("k%d", i))); !errors.Is(err, jws.ErrKeyNotFound) {
			t.Fatalf("forged kid %d: %v", i, err)
		}
	}
	if n := jwk.MissingLen(r); n != jwk.MaxMissing {
		t.Fatalf("negative cache holds %d kids, want the bound %d", n, jwk.MaxMissing)
	}
	if got, want := p.requests.Load(), int64(1+jwk.MaxMissing+10); got != want {
		t.Fatalf("%d requests, want %d (one per cooldown)", got, want)
	}
	// The first kids are remembered; the last ones, which found it full,
	// are not, so after a cooldown they are refetched.
	before := p.requests.Load()
	clk.Advance(cooldown)
	wantRefused(t, r, forged("k0"), "a remembered kid", jws.ErrKeyNotFound, "unknown at the last refetch")
	wantRefused(t, r, forged(fmt.Sprintf("k%d", jwk.MaxMissing+5)), "a kid the full cache dropped", jws.ErrKeyNotFound, "(refetched)")
	if got := p.requests.Load() - before; got != 1 {
		t.Errorf("%d requests, want 1", got)
	}
	// Once the entries expire, a full cache makes room.
	clk.Advance(negative)
	wantRefused(t, r, forged("new"), "a new kid", jws.ErrKeyNotFound, "(refetched)")
	if n := jwk.MissingLen(r); n != 1 {
		t.Errorf("after expiry the negative cache holds %d kids, want 1", n)
	}
}

// TestRemoteNegativeCacheLongKIDs checks that the negative cache holds a
// fixed size per kid, not the kid itself: a token's kid may be as long as
// the token (64 KiB), and a full cache of such kids would hold 64 MiB.
func TestRemoteNegativeCacheLongKIDs(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	clk := newClock()
	const cooldown = 100 * time.Millisecond
	r, _ := remote(t, p, clk, jwk.RemoteOptions{Cooldown: cooldown, NegativeCache: 2 * time.Minute})
	mustVerify(t, r, token(t, "a"), "token of a")
	const n, kidLen = 20, 8 << 10
	for i := range n {
		clk.Advance(cooldown)
		kid := fmt.Sprintf("%d-%s", i, strings.Repeat("k", kidLen))
		wantRefused(t, r, forged(kid), "a long forged kid", jws.ErrKeyNotFound, "(refetched)")
		// Remembered all the same: no refetch for it within NegativeCache.
		clk.Advance(cooldown)
		wantRefused(t, r, forged(kid), "the long kid again", jws.ErrKeyNotFound, "unknown at the last refetch")
	}
	if got := jwk.MissingLen(r); got != n {
		t.Fatalf("negative cache holds %d kids, want %d", got, n)
	}
	if got := jwk.MissingBytes(r); got > 64*n {
		t.Errorf("negative cache keys hold %d bytes for %d kids of %d bytes, want at most 64 a kid", got, n, kidLen)
	}
}

// TestRemoteCallerGivesUpOnRefetch checks the error of a caller whose ctx
// ends while it waits for the refetch an unknown kid caused: it says that
// the caller stopped waiting, not that the refetch failed, which goes on
// and succeeds.
func TestRemoteCallerGivesUpOnRefetch(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	clk := newClock()
	r, ev := remote(t, p, clk, jwk.RemoteOptions{})
	mustVerify(t, r, token(t, "a"), "token of a")
	p.publish(t, "b")
	arrived, release := p.hold()
	clk.Advance(jwk.DefaultCooldown)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := jws.VerifyKeyed(ctx, r, token(t, "b"))
		done <- err
	}()
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatal("no refetch reached the server")
	}
	cancel()
	err := <-done
	close(release)
	jwk.WaitFetches(r)
	if !errors.Is(err, jws.ErrKeyNotFound) || !errors.Is(err, context.Canceled) {
		t.Fatalf("VerifyKeyed(ctx cancelled during the refetch) = %v, want ErrKeyNotFound wrapping context.Canceled", err)
	}
	if msg := err.Error(); strings.Contains(msg, "refetch failed") || !strings.Contains(msg, "stopped waiting for the refetch") {
		t.Errorf("error = %q, want it to say the caller stopped waiting, not that the refetch failed", msg)
	}
	if e := ev.last(t); e.Err != nil || e.Keys != 2 {
		t.Errorf("the refetch: FetchEvent = %+v, want success with 2 keys", e)
	}
	mustVerify(t, r, token(t, "b"), "token of b after the refetch")
}

// TestRemoteObserverSeesFetchOver pins that the Observer hears of a fetch
// once it is over: a service reacting to the event, or a request arriving
// meanwhile, can start the next fetch (examples/jwks waited for a
// background retry that a stale use had not started, because the retry
// before it was still marked in flight while its event was reported).
func TestRemoteObserverSeesFetchOver(t *testing.T) {
	p := newIDP(t)
	p.publish(t, "a")
	var r *jwk.Remote
	var inFlight []bool
	var mu sync.Mutex
	r, _ = remote(t, p, newClock(), jwk.RemoteOptions{Observer: func(jwk.FetchEvent) {
		mu.Lock()
		defer mu.Unlock()
		inFlight = append(inFlight, jwk.InFlight(r))
	}})
	if err := r.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	jwk.WaitFetches(r)
	mu.Lock()
	defer mu.Unlock()
	if len(inFlight) != 1 || inFlight[0] {
		t.Errorf("Observer saw a fetch in flight: %v, want [false]", inFlight)
	}
}
