package jwt_test

import (
	"testing"

	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// TestAllocations pins the allocation counts of the HS256 hot paths so they
// do not creep back. Verify: one buffer for the token's decoded parts,
// which the decoded strings (iss, sub, jti, name, aud) point into, the
// claims value, and aud's slice. Sign: the token,
// nothing else: claims.AppendMarshal encodes the claims into a buffer on
// the stack without encoding/json.
func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop values at random")
	}
	k := hmacKey(t)
	c := validClaims()
	tok, err := jwt.Sign(k, jws.Header{}, &c)
	if err != nil {
		t.Fatal(err)
	}
	opts := strictOptions()
	if n := testing.AllocsPerRun(100, func() {
		if _, err := jwt.Verify[userClaims](k, tok, opts); err != nil {
			t.Fatal(err)
		}
	}); n > 3 {
		t.Errorf("HS256 Verify allocates %v times, want at most 3", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		if _, err := jwt.Sign(k, jws.Header{}, &c); err != nil {
			t.Fatal(err)
		}
	}); n > 1 {
		t.Errorf("HS256 Sign allocates %v times, want at most 1", n)
	}
}
