package jwt_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// keeper is a claim type of the user's whose UnmarshalJSON breaks
// json.Unmarshaler's rule: it keeps the data it is given, and whoever
// holds it writes over it later.
type keeper struct{ kept *[]byte }

func (k *keeper) UnmarshalJSON(b []byte) error {
	kept := b[:cap(b)]
	k.kept = &kept
	return nil
}

type keeperClaims struct {
	claims.Registered
	K    keeper `json:"k"`
	Name string `json:"name"`
}

// TestVerifyStringsOutliveUserMethods checks that the strings jwt.Verify
// decodes do not share memory with what it hands a user's UnmarshalJSON:
// writing over the data that method kept leaves them unchanged.
func TestVerifyStringsOutliveUserMethods(t *testing.T) {
	k, err := jws.NewHMAC(jws.HS256, []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	exp := time.Now().Add(time.Hour).Unix()
	tok, err := jws.Sign(k, jws.Header{Type: "JWT"}, []byte(`{"k":{},"name":"ada","iss":"issuer","exp":`+strconv.FormatInt(exp, 10)+`}`))
	if err != nil {
		t.Fatal(err)
	}
	c, err := jwt.Verify[keeperClaims](k, tok, &jwt.VerifyOptions{Claims: claims.Validator{Issuer: "issuer"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.K.kept == nil {
		t.Fatal("UnmarshalJSON was not called")
	}
	for i := range *c.K.kept {
		(*c.K.kept)[i] = 'X'
	}
	if c.Name != "ada" || c.Issuer != "issuer" {
		t.Errorf("after the user's method wrote over its data: Name %q, Issuer %q; want \"ada\", \"issuer\"", c.Name, c.Issuer)
	}
}
