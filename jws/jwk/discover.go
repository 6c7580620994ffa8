package jwk

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/signet-go/signet/internal/strictjson"
	"github.com/signet-go/signet/jws"
)

// Discover reads the OpenID Provider configuration of issuer at
// issuer + "/.well-known/openid-configuration" (OpenID Connect Discovery
// 1.0 §4), checks that the document's "issuer" is exactly issuer (§4.3), so
// that a service configured for one provider cannot be handed another's
// keys, and returns a [Remote] for the document's "jwks_uri", whose
// [Remote.Issuer] is issuer: use it as claims.Validator's Issuer.
//
// Unlike [NewRemote], Discover does I/O: one GET, bounded by ctx and by
// opts.Timeout, under the rules of a Remote's fetches (HTTPS, same-origin
// redirects, a JSON Content-Type, at most [MaxDocumentSize] bytes). The
// issuer and the jwks_uri must be https:// URLs, or loopback http:// URLs
// with opts.AllowHTTPLoopback. It reads "issuer" and "jwks_uri" and
// nothing else: nonces, "azp" and "at_hash" belong to OpenID Connect
// libraries.
//
// A fetch that fails is an error wrapping [jws.ErrKeyNotFound]; a bad
// issuer or option (checked before any I/O), or a document that is not
// strict JSON, lacks "jwks_uri" or names another issuer, is an error
// wrapping [jws.ErrMalformed].
func Discover(ctx context.Context, issuer string, opts *RemoteOptions) (*Remote, error) {
	if opts == nil {
		opts = &RemoteOptions{}
	}
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	iu, err := checkURL("issuer", issuer, opts.AllowHTTPLoopback)
	if err != nil {
		return nil, err
	}
	if iu.RawQuery != "" {
		return nil, errorf(jws.ErrMalformed, "issuer %.200q has a query (OpenID Connect Discovery 1.0 §2)", issuer)
	}
	configURL := strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, orDefault(opts.Timeout, DefaultTimeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, configURL, nil)
	if err != nil {
		return nil, errorf(jws.ErrMalformed, "issuer %.200q: %w", issuer, err)
	}
	req.Header.Set("Accept", "application/json")
	body, _, err := get(sameOriginClient(opts.Client, iu), req)
	if err != nil {
		return nil, errorf(jws.ErrKeyNotFound, "fetching %s: %w", configURL, err)
	}
	var gotIssuer, jwksURI *string
	err = strictjson.Object(body, func(name, value []byte) error {
		var dst **string
		switch string(name) {
		case "issuer":
			dst = &gotIssuer
		case "jwks_uri":
			dst = &jwksURI
		default:
			return nil
		}
		s, ok := strictjson.Unquote(value, nil)
		if !ok {
			return errorf(jws.ErrMalformed, "%s: %q is not a string", configURL, name)
		}
		str := string(s)
		*dst = &str
		return nil
	})
	if err != nil {
		var se *strictjson.SyntaxError
		if errors.As(err, &se) {
			return nil, errorf(jws.ErrMalformed, "%s: %w", configURL, err)
		}
		return nil, err
	}
	switch {
	case gotIssuer == nil:
		return nil, errorf(jws.ErrMalformed, "%s has no \"issuer\"", configURL)
	case *gotIssuer != issuer:
		return nil, errorf(jws.ErrMalformed, "%s names the issuer %.200q, not %q (OpenID Connect Discovery 1.0 §4.3)", configURL, *gotIssuer, issuer)
	case jwksURI == nil:
		return nil, errorf(jws.ErrMalformed, "%s has no \"jwks_uri\"", configURL)
	}
	r, err := NewRemote(*jwksURI, opts)
	if err != nil {
		return nil, err
	}
	r.issuer = issuer
	return r, nil
}
