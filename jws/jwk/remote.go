package jwk

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/signet-go/signet/jws"
)

// Defaults of [RemoteOptions], which a zero field takes.
const (
	DefaultTimeout       = 10 * time.Second // Timeout: one fetch, request to body
	DefaultMinFreshness  = 5 * time.Minute  // MinFreshness: the floor of a set's freshness
	DefaultMaxFreshness  = 24 * time.Hour   // MaxFreshness: its ceiling
	DefaultCooldown      = 30 * time.Second // Cooldown: between fetches that requests cause
	DefaultNegativeCache = 5 * time.Minute  // NegativeCache: how long an unknown kid is remembered
	DefaultStaleLimit    = 24 * time.Hour   // StaleLimit: how long past freshness a set serves
	DefaultMaxKeys       = 100              // MaxKeys: members of "keys", usable or skipped
	// MaxDocumentSize is the largest JWK Set or discovery document a
	// Remote reads, in bytes; a larger one is an error.
	MaxDocumentSize = 1 << 20
)

// maxRedirects is the most redirects a fetch follows, all within the
// origin of the URL.
const maxRedirects = 5

// maxMissing bounds the negative cache of unknown kids, so that a flood of
// forged kids cannot grow it without limit. The cache holds the SHA-256 of
// each kid, not the kid, which may be as long as a token: at most 32 bytes
// a kid.
const maxMissing = 1024

// RemoteOptions configures a [Remote]. The zero value, and a nil
// *RemoteOptions, give the safe defaults; a zero field takes its default.
// A negative duration or MaxKeys is a configuration error of [NewRemote]
// and [Discover], not its default.
type RemoteOptions struct {
	// Client sends the requests. nil means a client of its own on
	// http.DefaultTransport. The Remote uses a copy of Client whose
	// CheckRedirect first refuses a redirect that leaves the origin of the
	// URL (another scheme, host or port: no downgrade to HTTP), or the
	// sixth one, then calls Client's own CheckRedirect, if any.
	Client *http.Client
	// Timeout bounds each fetch, from the request to the end of the body,
	// whoever waits for it (DefaultTimeout).
	Timeout time.Duration
	// MinFreshness and MaxFreshness clamp how long a fetched set is fresh:
	// its Cache-Control max-age minus its Age, or else its Expires minus
	// its Date (RFC 9111 §4.2.1). A response without either, or with
	// no-cache or no-store, is fresh for MinFreshness
	// (DefaultMinFreshness, DefaultMaxFreshness).
	MinFreshness, MaxFreshness time.Duration
	// Cooldown is the least time between the start of two fetches that
	// requests cause: the refetch for an unknown kid, and the retry after
	// a failed fetch (DefaultCooldown). A flood of tokens with forged kids
	// costs at most one request per Cooldown.
	Cooldown time.Duration
	// NegativeCache is how long a kid that a refetch did not find is
	// remembered as unknown: it causes no refetch in that time
	// (DefaultNegativeCache).
	NegativeCache time.Duration
	// StaleLimit is how long past its freshness the last good set is
	// still used while refreshing it fails (DefaultStaleLimit). Past it,
	// Resolve refuses every token until a fetch succeeds.
	StaleLimit time.Duration
	// MaxKeys is the most members the JWK Set's "keys" may have, usable or
	// skipped (DefaultMaxKeys).
	MaxKeys int
	// SignatureUses names application "use" values whose keys verify
	// signatures, as [ParseOptions].SignatureUses does for ParseSet: a
	// SPIFFE JWT-SVID verifier fetching a trust bundle names "jwt-svid".
	SignatureUses []string
	// AllowHTTPLoopback lets the URL be plain http:// when its host is a
	// loopback address (127.0.0.0/8, ::1) or "localhost", for tests
	// against a local server. Any other http:// URL is refused.
	AllowHTTPLoopback bool
	// Observer, if set, is called after each fetch, from the goroutine
	// that ran it and before the callers waiting for it resume, so that a
	// service can log fetches or export metrics. When it is called the
	// fetch is over: the Remote already uses its result and may start the
	// next fetch. It must not block; its calls never overlap.
	Observer func(FetchEvent)
	// Now returns the current time, for freshness, cooldowns and the stale
	// limit (time.Now). Tests set it to control time; timeouts use the real
	// clock.
	Now func() time.Time
}

// A FetchEvent describes one fetch of a JWK Set, for
// [RemoteOptions].Observer.
type FetchEvent struct {
	// URL is the jwks_uri.
	URL string
	// Status is the HTTP status of the response, 0 if there was none.
	Status int
	// Duration is how long the fetch took, on the real clock.
	Duration time.Duration
	// Keys is the number of usable keys in the set after the fetch: the
	// new set's, the kept set's after a 304, or 0 if the fetch failed.
	Keys int
	// FreshUntil is when the set needs refreshing, zero if the fetch failed.
	FreshUntil time.Time
	// Err is why the fetch failed, nil if it succeeded (200 or 304). On
	// failure the Remote keeps its last good set.
	Err error
}

// A Remote is the JWK Set an identity provider publishes at its jwks_uri,
// fetched over HTTP and kept current across key rotations. It is a
// [jws.Resolver], for jwt.VerifyKeyed and [jws.VerifyKeyed]:
//
//	keys, err := jwk.NewRemote("https://idp.example/.well-known/jwks.json", nil)
//	if err != nil {
//		return err
//	}
//	c, err := jwt.VerifyKeyed[MyClaims](r.Context(), keys, token, opts)
//
// A Remote is safe for concurrent use and needs no cleanup: it starts no
// goroutine and does no I/O until it is used, and then only a goroutine per
// fetch, which ends with the fetch.
//
// # Fetching
//
// The first [Remote.Resolve] (or [Remote.Ready], for start-up and
// readiness probes) fetches the set. One fetch runs at a time, shared by
// every caller that needs it; it runs on its own context bounded by
// [RemoteOptions].Timeout, and each caller waits on its own ctx, so one
// caller giving up never aborts the fetch another waits for. A new set
// replaces the old one whole: a key the provider removed is revoked at once.
//
// The set stays fresh as long as the response's Cache-Control or Expires
// says, clamped to [RemoteOptions].MinFreshness and MaxFreshness. Once it
// is stale, the next request still verifies with it and starts a refresh in
// the background, which revalidates with If-None-Match and
// If-Modified-Since when the response had an ETag or Last-Modified: a 304
// keeps the set and renews its freshness.
//
// # Unknown kids
//
// A token whose kid is not in the set causes a refetch (the provider may
// have rotated), but at most one per [RemoteOptions].Cooldown, and a kid a
// refetch did not find causes none for [RemoteOptions].NegativeCache. A
// token with a kid that is in the set never causes one, whether or not its
// signature verifies; nor does a token without a kid, one whose kid the
// set skipped (an encryption key, say), or one whose alg signet does not
// implement.
//
// # Faults
//
// A failed fetch (no connection, a timeout, a status other than 200 or
// 304, a Content-Type that is not JSON, a body over [MaxDocumentSize], a
// document ParseSet refuses or one with more than
// [RemoteOptions].MaxKeys keys) keeps the last good set, which is used up
// to [RemoteOptions].StaleLimit past its freshness; a retry waits for the
// cooldown. Before the first good set, and past the stale limit, Resolve
// returns an error that says why.
//
// Every error of Resolve and Ready wraps [jws.ErrKeyNotFound], and the
// cause when there is one (a [jws.ErrMalformed] document, a context error),
// so one errors.Is switch still covers every failure. A nil or zero Remote
// resolves nothing: build one with NewRemote or Discover.
type Remote struct {
	url      string
	issuer   string
	client   *http.Client
	timeout  time.Duration
	minFresh time.Duration
	maxFresh time.Duration
	cooldown time.Duration
	negative time.Duration
	stale    time.Duration
	maxKeys  int
	parse    ParseOptions // how fetched documents are parsed
	observer func(FetchEvent)
	obsMu    sync.Mutex // keeps the observer's calls from overlapping
	now      func() time.Time

	// cur is the last good set, nil before the first; it is replaced,
	// never modified.
	cur atomic.Pointer[remoteSet]

	mu          sync.Mutex
	call        *fetchCall                      // the fetch in flight, or nil
	lastAttempt time.Time                       // when the last fetch started
	lastErr     error                           // why the last fetch failed, nil if it succeeded
	missing     map[[sha256.Size]byte]time.Time // SHA-256 of kids a refetch did not find, until when
	fetches     sync.WaitGroup                  // the fetch goroutines, for tests
}

// remoteSet is a good set and what HTTP said about it.
type remoteSet struct {
	set          *Set
	fetched      time.Time // when it was last fetched or revalidated
	freshUntil   time.Time
	etag         string
	lastModified string
}

// fetchCall is one fetch, which callers wait for.
type fetchCall struct {
	done chan struct{} // closed when the fetch ends
	err  error         // set before done is closed
}

// NewRemote returns a Remote for the JWK Set at jwksURI, which must be an
// absolute https:// URL (or, with [RemoteOptions].AllowHTTPLoopback, an
// http:// URL of a loopback host) without user information or fragment.
// Take it from the service's configuration or the provider's discovery
// document (see [Discover]), never from a token. NewRemote does no I/O.
//
// A bad URL, a negative option, or a MinFreshness above MaxFreshness is
// an error wrapping [jws.ErrMalformed].
func NewRemote(jwksURI string, opts *RemoteOptions) (*Remote, error) {
	if opts == nil {
		opts = &RemoteOptions{}
	}
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	u, err := checkURL("jwks_uri", jwksURI, opts.AllowHTTPLoopback)
	if err != nil {
		return nil, err
	}
	r := &Remote{
		url:      u.String(),
		timeout:  orDefault(opts.Timeout, DefaultTimeout),
		minFresh: orDefault(opts.MinFreshness, DefaultMinFreshness),
		maxFresh: orDefault(opts.MaxFreshness, DefaultMaxFreshness),
		cooldown: orDefault(opts.Cooldown, DefaultCooldown),
		negative: orDefault(opts.NegativeCache, DefaultNegativeCache),
		stale:    orDefault(opts.StaleLimit, DefaultStaleLimit),
		maxKeys:  opts.MaxKeys,
		parse:    ParseOptions{SignatureUses: slices.Clone(opts.SignatureUses)},
		observer: opts.Observer,
		now:      opts.Now,
	}
	if slices.Contains(r.parse.SignatureUses, "enc") {
		return nil, errorf(jws.ErrInvalidKey, "RemoteOptions.SignatureUses names \"enc\", the use of encryption keys (RFC 7517 §4.2)")
	}
	if r.maxKeys == 0 {
		r.maxKeys = DefaultMaxKeys
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.minFresh > r.maxFresh {
		return nil, errorf(jws.ErrMalformed, "RemoteOptions: MinFreshness %v exceeds MaxFreshness %v", r.minFresh, r.maxFresh)
	}
	r.client = sameOriginClient(opts.Client, u)
	return r, nil
}

// checkOptions refuses negative options, which would otherwise silently
// take their defaults (a negative StaleLimit meaning a day of stale keys).
func checkOptions(opts *RemoteOptions) error {
	for _, o := range [...]struct {
		name string
		d    time.Duration
	}{
		{"Timeout", opts.Timeout}, {"MinFreshness", opts.MinFreshness}, {"MaxFreshness", opts.MaxFreshness},
		{"Cooldown", opts.Cooldown}, {"NegativeCache", opts.NegativeCache}, {"StaleLimit", opts.StaleLimit},
	} {
		if o.d < 0 {
			return errorf(jws.ErrMalformed, "RemoteOptions: negative %s %v", o.name, o.d)
		}
	}
	if opts.MaxKeys < 0 {
		return errorf(jws.ErrMalformed, "RemoteOptions: negative MaxKeys %d", opts.MaxKeys)
	}
	return nil
}

// orDefault returns d, or def if d is zero.
func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// checkURL parses raw, the URL of what, and refuses what a Remote must not
// fetch.
func checkURL(what, raw string, allowHTTPLoopback bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errorf(jws.ErrMalformed, "%s %.200q: %w", what, raw, err)
	}
	switch {
	case !u.IsAbs() || u.Host == "" || u.Opaque != "":
		return nil, errorf(jws.ErrMalformed, "%s %.200q is not an absolute URL", what, raw)
	case u.User != nil:
		return nil, errorf(jws.ErrMalformed, "%s %.200q has user information", what, raw)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, errorf(jws.ErrMalformed, "%s %.200q has a fragment", what, raw)
	case u.Scheme == "https":
		return u, nil
	case u.Scheme == "http" && allowHTTPLoopback && isLoopback(u.Hostname()):
		return u, nil
	case u.Scheme == "http" && allowHTTPLoopback:
		return nil, errorf(jws.ErrMalformed, "%s %.200q: plain HTTP is allowed only for a loopback host", what, raw)
	case u.Scheme == "http":
		return nil, errorf(jws.ErrMalformed, "%s %.200q: HTTPS is required", what, raw)
	}
	return nil, errorf(jws.ErrMalformed, "%s %.200q: scheme %q, want https", what, raw, u.Scheme)
}

// isLoopback reports whether host is "localhost" or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOriginClient returns a copy of c (or a new client) that follows only
// redirects within the origin of u.
func sameOriginClient(c *http.Client, u *url.URL) *http.Client {
	var nc http.Client
	if c != nil {
		nc = *c
	}
	next := nc.CheckRedirect
	nc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		if req.URL.Scheme != u.Scheme || !strings.EqualFold(req.URL.Host, u.Host) {
			return fmt.Errorf("refused a redirect to %.200q, which leaves %s://%s", req.URL.String(), u.Scheme, u.Host)
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &nc
}

// URL returns the jwks_uri of the set, "" for a nil or zero Remote.
func (r *Remote) URL() string {
	if r == nil {
		return ""
	}
	return r.url
}

// Issuer returns the issuer that [Discover] checked the provider's
// discovery document against, for claims.Validator's Issuer, or "" for a
// Remote from [NewRemote].
func (r *Remote) Issuer() string {
	if r == nil {
		return ""
	}
	return r.issuer
}

// errZeroRemote is the error of a nil or zero Remote, which has no URL.
func errZeroRemote() error {
	return errorf(jws.ErrKeyNotFound, "a nil or zero Remote has no jwks_uri; use NewRemote")
}

// Resolve returns the Verifiers of the keys whose "kid" is kid, as
// [Set.Resolve] does, from the current set, fetching it first if it has
// none or it is past its stale limit, and refetching it for an unknown kid
// under the rules of [Remote]. It waits for a fetch only as long as ctx
// allows. alg is used only to skip refetching for an algorithm signet does
// not implement.
func (r *Remote) Resolve(ctx context.Context, kid string, alg jws.Algorithm) ([]jws.Verifier, error) {
	if r == nil || r.now == nil {
		return nil, errZeroRemote()
	}
	now := r.now()
	cur := r.cur.Load()
	if cur != nil && !now.After(cur.freshUntil) {
		if vs, ok, err := cur.set.resolveUsable(kid, alg); ok {
			return vs, err
		}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if cur == nil || now.After(cur.freshUntil.Add(r.stale)) {
		if err := r.usable(ctx, now, cur); err != nil {
			return nil, err
		}
		cur = r.cur.Load()
	} else if now.After(cur.freshUntil) {
		r.refreshInBackground(now)
	}
	if vs, ok, err := cur.set.resolveUsable(kid, alg); ok {
		return vs, err
	}
	if err := r.known(cur, kid, alg, now); err != nil {
		return nil, err
	}
	// An unknown kid: the provider may have rotated its keys.
	joined, err := r.await(ctx, now)
	if !joined {
		// A fetch that ended since cur was loaded may have brought kid.
		if c := r.cur.Load(); c != cur {
			if vs, ok, err := c.set.resolveUsable(kid, alg); ok {
				return vs, err
			}
			cur = c
		}
		return nil, r.notFound(cur, kid, fmt.Sprintf("; no refetch before %s", r.nextAttempt().UTC().Format(time.RFC3339)))
	}
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && errors.Is(err, cause) {
			// The caller gave up; the refetch goes on for the others.
			return nil, r.notFound(cur, kid, "; stopped waiting for the refetch: "+cause.Error(), err)
		}
		return nil, r.notFound(cur, kid, "; the refetch failed: "+reason(err), err)
	}
	cur = r.cur.Load()
	if vs, ok, err := cur.set.resolveUsable(kid, alg); ok {
		return vs, err
	}
	if err := r.known(cur, kid, alg, now); err != nil {
		return nil, err
	}
	r.remember(kid, now)
	return nil, r.notFound(cur, kid, " (refetched)")
}

// Ready reports whether the Remote has a set it can use, fetching one if it
// has none or it is past its stale limit, and waiting for that fetch as
// long as ctx allows: for start-up and readiness probes. A stale set is
// refreshed in the background, as by Resolve. A failed fetch is retried
// only after the cooldown; until then Ready returns its error.
func (r *Remote) Ready(ctx context.Context) error {
	if r == nil || r.now == nil {
		return errZeroRemote()
	}
	if ctx == nil {
		ctx = context.Background()
	}
	now := r.now()
	cur := r.cur.Load()
	if cur != nil && !now.After(cur.freshUntil.Add(r.stale)) {
		if now.After(cur.freshUntil) {
			r.refreshInBackground(now)
		}
		return nil
	}
	return r.usable(ctx, now, cur)
}

// usable fetches a set when the Remote has none it can use (cur is nil or
// past its stale limit), and returns why it still has none.
func (r *Remote) usable(ctx context.Context, now time.Time, cur *remoteSet) error {
	joined, err := r.await(ctx, now)
	// The fetch waited for, or one that ended since cur was loaded, may
	// have brought a set.
	if c := r.cur.Load(); c != nil && !now.After(c.freshUntil.Add(r.stale)) {
		return nil
	}
	if err == nil {
		r.mu.Lock()
		err = r.lastErr
		r.mu.Unlock()
	}
	var why string
	if err != nil {
		why = ": " + reason(err)
	}
	if !joined {
		why += fmt.Sprintf("; no retry before %s", r.nextAttempt().UTC().Format(time.RFC3339))
	}
	if cur == nil {
		return errorf(jws.ErrKeyNotFound, "no JWK Set from %s yet%s%w", r.url, why, wrapOnly(err))
	}
	return errorf(jws.ErrKeyNotFound, "the JWK Set from %s is stale since %s (stale limit %v)%s%w",
		r.url, cur.freshUntil.UTC().Format(time.RFC3339), r.stale, why, wrapOnly(err))
}

// wrapOnly returns an error whose message is empty and which wraps err,
// if not nil, so that %w can add err to an error without repeating its
// message.
func wrapOnly(err error) error {
	if err == nil {
		return &jwkError{}
	}
	return &jwkError{errs: []error{err}}
}

// reason returns the message of err, an error of a fetch, without the
// prefix of the sentinel it wraps.
func reason(err error) string {
	return strings.TrimPrefix(trimPrefix(err.Error()), "key not found: ")
}

// known returns an error if kid is not worth a refetch: the token has no
// kid, the set skipped the kid's key, the kid is in the negative cache, or
// alg is not one signet implements.
func (r *Remote) known(cur *remoteSet, kid string, alg jws.Algorithm, now time.Time) error {
	if kid == "" {
		return errorf(jws.ErrKeyNotFound, "the token has no \"kid\", and the JWK Set from %s does not hold exactly one key without one", r.url)
	}
	for _, err := range cur.set.skipped {
		var se *setError
		if errors.As(err, &se) && se.kid == kid {
			return errorf(jws.ErrKeyNotFound, "kid %q was skipped in the JWK Set from %s: %s", shortKID(kid), r.url, trimPrefix(se.err.Error()))
		}
	}
	if algorithmKeyType(alg) == "" {
		return errorf(jws.ErrKeyNotFound, "kid %q is not in the JWK Set from %s, and %.64q is not an algorithm signet implements", shortKID(kid), r.url, alg)
	}
	h := sha256.Sum256([]byte(kid))
	r.mu.Lock()
	until, ok := r.missing[h]
	r.mu.Unlock()
	if ok && now.Before(until) {
		return r.notFound(cur, kid, " (unknown at the last refetch)")
	}
	return nil
}

// notFound returns the error for a kid the set cur does not hold.
func (r *Remote) notFound(cur *remoteSet, kid, why string, cause ...error) error {
	w := wrapOnly(nil)
	if len(cause) > 0 {
		w = wrapOnly(cause[0])
	}
	return errorf(jws.ErrKeyNotFound, "kid %q is not in the JWK Set from %s, fetched %s%s%w",
		shortKID(kid), r.url, cur.fetched.UTC().Format(time.RFC3339), why, w)
}

// remember puts kid in the negative cache, if it has room.
func (r *Remote) remember(kid string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.missing == nil {
		r.missing = make(map[[sha256.Size]byte]time.Time)
	}
	if len(r.missing) >= maxMissing {
		for k, until := range r.missing {
			if !now.Before(until) {
				delete(r.missing, k)
			}
		}
		if len(r.missing) >= maxMissing {
			return // the cooldown still bounds the refetches
		}
	}
	r.missing[sha256.Sum256([]byte(kid))] = now.Add(r.negative)
}

// nextAttempt returns when the cooldown lets a request start a fetch.
func (r *Remote) nextAttempt() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastAttempt.Add(r.cooldown)
}

// await waits for the fetch in flight, or starts one if the cooldown allows,
// and returns its error; joined is false if there was none to wait for.
func (r *Remote) await(ctx context.Context, now time.Time) (joined bool, err error) {
	r.mu.Lock()
	c := r.call
	if c == nil {
		if !r.lastAttempt.IsZero() && now.Before(r.lastAttempt.Add(r.cooldown)) {
			r.mu.Unlock()
			return false, nil
		}
		c = r.startLocked(now)
	}
	r.mu.Unlock()
	select {
	case <-c.done:
		return true, c.err
	case <-ctx.Done():
		return true, errorf(jws.ErrKeyNotFound, "waiting for the JWK Set from %s: %w", r.url, context.Cause(ctx))
	}
}

// refreshInBackground starts a fetch of a stale set unless one is in
// flight or the cooldown forbids it, and does not wait for it.
func (r *Remote) refreshInBackground(now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.call == nil && !now.Before(r.lastAttempt.Add(r.cooldown)) {
		r.startLocked(now)
	}
}

// startLocked starts a fetch; r.mu is held.
func (r *Remote) startLocked(now time.Time) *fetchCall {
	c := &fetchCall{done: make(chan struct{})}
	r.call = c
	r.lastAttempt = now
	r.fetches.Add(1)
	go r.run(c)
	return c
}

// run fetches the set for c on a context of its own, then publishes the
// result.
func (r *Remote) run(c *fetchCall) {
	defer r.fetches.Done()
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	start := time.Now()
	prev := r.cur.Load()
	next, status, err := r.fetch(ctx, prev)
	ev := FetchEvent{URL: r.url, Status: status, Duration: time.Since(start), Err: err}
	if err == nil {
		ev.Keys, ev.FreshUntil = len(next.set.keys), next.freshUntil
		r.cur.Store(next)
	}
	// The fetch is over before the observer hears of it: a service that
	// reacts to the event (or a request that arrives meanwhile) can start
	// the next fetch. The callers waiting for this one resume after it.
	r.mu.Lock()
	r.lastErr = err
	c.err = err
	r.call = nil
	r.mu.Unlock()
	if r.observer != nil {
		r.obsMu.Lock()
		r.observer(ev)
		r.obsMu.Unlock()
	}
	close(c.done)
}

// fetch gets the set, revalidating prev, and returns the new state and the
// HTTP status.
func (r *Remote) fetch(ctx context.Context, prev *remoteSet) (*remoteSet, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		return nil, 0, errorf(jws.ErrKeyNotFound, "fetching the JWK Set from %s: %w", r.url, err)
	}
	req.Header.Set("Accept", "application/jwk-set+json, application/json")
	if prev != nil {
		if prev.etag != "" {
			req.Header.Set("If-None-Match", prev.etag)
		}
		if prev.lastModified != "" {
			req.Header.Set("If-Modified-Since", prev.lastModified)
		}
	}
	body, resp, err := get(r.client, req)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		return nil, status, errorf(jws.ErrKeyNotFound, "fetching the JWK Set from %s: %w", r.url, err)
	}
	now := r.now()
	lifetime := r.lifetime(resp.Header)
	if resp.StatusCode == http.StatusNotModified {
		next := *prev
		next.fetched, next.freshUntil = now, now.Add(lifetime)
		if etag := resp.Header.Get("ETag"); etag != "" {
			next.etag = etag
		}
		return &next, resp.StatusCode, nil
	}
	set, err := r.parse.ParseSet(body)
	if err != nil {
		return nil, resp.StatusCode, errorf(jws.ErrKeyNotFound, "the JWK Set from %s: %w", r.url, err)
	}
	if len(set.keys) == 0 {
		// RFC 7517 §5 lets ParseSet skip every key; a Remote keeps its last
		// good set rather than replace it by one that verifies nothing.
		why := errorf(jws.ErrInvalidKey, "JWK Set has no usable key (%d skipped)", len(set.skipped))
		if len(set.skipped) > 0 {
			why = errorf(jws.ErrInvalidKey, "JWK Set has no usable key (%d skipped; %s)", len(set.skipped), trimPrefix(set.skipped[0].Error()))
		}
		return nil, resp.StatusCode, errorf(jws.ErrKeyNotFound, "the JWK Set from %s: %w", r.url, why)
	}
	if n := len(set.keys) + len(set.skipped); n > r.maxKeys {
		return nil, resp.StatusCode, errorf(jws.ErrKeyNotFound, "the JWK Set from %s has %d keys, more than the %d allowed", r.url, n, r.maxKeys)
	}
	return &remoteSet{
		set:          set,
		fetched:      now,
		freshUntil:   now.Add(lifetime),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
	}, resp.StatusCode, nil
}

// get sends req and returns the body of a 200 response with a JSON
// Content-Type, at most MaxDocumentSize bytes, or a 304 response when req
// is conditional.
func get(client *http.Client, req *http.Request) ([]byte, *http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	conditional := req.Header.Get("If-None-Match") != "" || req.Header.Get("If-Modified-Since") != ""
	switch {
	case resp.StatusCode == http.StatusNotModified && conditional:
		return nil, resp, nil
	case resp.StatusCode != http.StatusOK:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10)) // to reuse the connection
		return nil, resp, fmt.Errorf("status %s", resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); !isJSON(ct) {
		return nil, resp, fmt.Errorf("Content-Type %.100q is not JSON", ct)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxDocumentSize+1))
	if err != nil {
		return nil, resp, fmt.Errorf("reading the body: %w", err)
	}
	if len(body) > MaxDocumentSize {
		return nil, resp, fmt.Errorf("the body is larger than %d bytes", MaxDocumentSize)
	}
	return body, resp, nil
}

// isJSON reports whether the media type ct is JSON: application/json or
// application/*+json (application/jwk-set+json, RFC 7517 §8.5.1).
func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	sub, ok := strings.CutPrefix(mt, "application/")
	return ok && (sub == "json" || strings.HasSuffix(sub, "+json"))
}

// lifetime returns how long a response with header h is fresh (RFC 9111
// §4.2.1), clamped to the Remote's bounds.
func (r *Remote) lifetime(h http.Header) time.Duration {
	return min(max(freshness(h), r.minFresh), r.maxFresh)
}

// freshness returns the freshness lifetime of a response with header h,
// less its Age: max-age, else Expires minus Date, else 0.
func freshness(h http.Header) time.Duration {
	var maxAge time.Duration
	found := false
	for _, line := range h.Values("Cache-Control") {
		for _, d := range strings.Split(line, ",") {
			name, value, _ := strings.Cut(strings.TrimSpace(d), "=")
			switch strings.ToLower(name) {
			case "no-store", "no-cache":
				return 0
			case "max-age":
				if n, ok := deltaSeconds(strings.Trim(value, `"`)); ok && !found {
					maxAge, found = n, true
				}
			}
		}
	}
	age, _ := deltaSeconds(h.Get("Age")) // 0 when absent or invalid
	if found {
		return maxAge - age
	}
	if e := h.Get("Expires"); e != "" {
		// An invalid Expires means already expired (RFC 9111 §5.3).
		exp, err := http.ParseTime(e)
		if err != nil {
			return 0
		}
		date, err := http.ParseTime(h.Get("Date"))
		if err != nil {
			return 0
		}
		// exp.Sub saturates; a non-positive lifetime is 0, so that
		// subtracting age cannot overflow.
		if d := exp.Sub(date); d > 0 {
			return d - age
		}
		return 0
	}
	return 0
}

// deltaSeconds parses s, an RFC 9111 §1.2.2 delta-seconds: a non-negative
// decimal integer, of which any value above 2^31, however large, means
// 2^31 seconds (so that no value overflows a Duration, on any GOARCH).
func deltaSeconds(s string) (time.Duration, bool) {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	if err != nil || n > 1<<31 {
		n = 1 << 31
	}
	return time.Duration(n) * time.Second, true
}
