package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// AccessClaims are the claims of an access token, after RFC 9068 §2.2.
type AccessClaims struct {
	claims.Registered
	ClientID string `json:"client_id"`
	Scope    string `json:"scope,omitempty"`
}

// RefreshClaims are the claims of a refresh token: only registered ones.
// Its "jti" names the token in the server-side store.
type RefreshClaims struct {
	claims.Registered
}

// tokenPair is what login and refresh hand to the client.
type tokenPair struct {
	access, refresh string
	refreshID       string // the refresh token's jti, kept here only so the demo can print it
}

// authServer issues and refreshes tokens.
type authServer struct {
	signer   jws.Signer
	verifier jws.Verifier
	store    *refreshStore
	now      func() time.Time
}

// login issues the first pair of a session. A real server checks a
// password or a federated login before getting here.
func (s *authServer) login(user string) (tokenPair, error) {
	return s.issue(user)
}

// refresh trades a refresh token for a new pair. The refresh token is used
// up (rotation): presenting it again fails with claims.ErrID.
func (s *authServer) refresh(refreshToken string) (tokenPair, error) {
	c, err := s.useRefreshToken(refreshToken)
	if err != nil {
		return tokenPair{}, err
	}
	return s.issue(c.Subject)
}

// logout revokes a refresh token, ending the session.
func (s *authServer) logout(refreshToken string) error {
	_, err := s.useRefreshToken(refreshToken)
	return err
}

// useRefreshToken verifies a refresh token and removes its jti from the
// store, in one step: the token can be used once. Doing the removal inside
// CheckID, atomically, means two concurrent requests with the same token
// cannot both succeed.
func (s *authServer) useRefreshToken(token string) (*RefreshClaims, error) {
	return jwt.Verify[RefreshClaims](s.verifier, token, &jwt.VerifyOptions{
		Type: refreshType, // an access token is refused here, whatever its signature
		Claims: claims.Validator{
			Issuer:   issuer,
			Audience: refreshAudience,
			CheckID:  s.store.use, // called last, after every other check passed
			Now:      s.now,
		},
	})
}

// issue signs a new access token and a new refresh token for user, and
// records the refresh token's jti.
func (s *authServer) issue(user string) (tokenPair, error) {
	now := s.now()
	access, err := jwt.Sign(s.signer, jws.Header{Type: accessType}, AccessClaims{
		Registered: claims.Registered{
			Issuer:    issuer,
			Subject:   user,
			Audience:  claims.Audience{apiAudience},
			IssuedAt:  claims.NewNumericDate(now),
			ExpiresAt: claims.NewNumericDate(now.Add(accessLifetime)),
			ID:        newID(),
		},
		ClientID: "demo-app",
		Scope:    "profile:read",
	})
	if err != nil {
		return tokenPair{}, fmt.Errorf("signing the access token: %w", err)
	}
	refreshID := newID()
	refresh, err := jwt.Sign(s.signer, jws.Header{Type: refreshType}, RefreshClaims{
		Registered: claims.Registered{
			Issuer:    issuer,
			Subject:   user,
			Audience:  claims.Audience{refreshAudience},
			IssuedAt:  claims.NewNumericDate(now),
			ExpiresAt: claims.NewNumericDate(now.Add(refreshLifetime)),
			ID:        refreshID,
		},
	})
	if err != nil {
		return tokenPair{}, fmt.Errorf("signing the refresh token: %w", err)
	}
	s.store.add(refreshID)
	return tokenPair{access: access, refresh: refresh, refreshID: refreshID}, nil
}

// newID returns a random token ID. Random, not a counter: IDs must stay
// unique across restarts and servers.
func newID() string {
	return rand.Text()
}

// apiServer is a resource server: it accepts access tokens only.
type apiServer struct {
	verifier jws.Verifier // the public key: the API can check tokens, not make them
	now      func() time.Time
}

// authorize verifies an access token as the API does on every request. It
// needs no store: that is what makes access tokens cheap, and unrevocable.
func (a *apiServer) authorize(token string) (*AccessClaims, error) {
	return jwt.Verify[AccessClaims](a.verifier, token, &jwt.VerifyOptions{
		Type: accessType, // a refresh token is refused here, whatever its signature
		Claims: claims.Validator{
			Issuer:   issuer,
			Audience: apiAudience,
			Now:      a.now,
		},
	})
}

// errRevoked is what the store says about a refresh token it does not hold:
// used already, logged out, or never issued. claims.Validator wraps it with
// claims.ErrID.
var errRevoked = errors.New("refresh token revoked or already used")

// refreshStore holds the IDs of the refresh tokens that may still be used.
// A real service keeps them in a database shared by its servers, with the
// expiry so old entries can be purged, and the session each belongs to.
type refreshStore struct {
	mu     sync.Mutex
	active map[string]bool
}

func newRefreshStore() *refreshStore {
	return &refreshStore{active: make(map[string]bool)}
}

func (s *refreshStore) add(jti string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.active[jti] = true
}

// use removes jti and reports errRevoked if it was not there. It has the
// signature claims.Validator.CheckID expects.
//
// A stricter server also remembers used IDs, and when one comes back (a
// stolen token replayed, RFC 9700 §4.14.2) revokes the whole session.
func (s *refreshStore) use(jti string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.active[jti] {
		return errRevoked
	}
	delete(s.active, jti)
	return nil
}
