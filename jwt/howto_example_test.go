package jwt_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/signet-go/signet/claims"
	"github.com/signet-go/signet/jws"
	"github.com/signet-go/signet/jwt"
)

// How do I read claims I do not know at compile time? Verify into
// claims.Dynamic: the registered claims are validated as usual (and "typ"
// checked), the others are kept as raw JSON for claims.Get.
func Example_dynamicClaims() {
	key, _ := jws.NewHMAC(jws.HS256, demoKey)
	token, _ := jwt.Sign(key, jws.Header{Type: "at+jwt"}, claims.Dynamic{
		Registered: claims.Registered{
			Issuer:    "https://auth.example",
			Audience:  claims.Audience{"gateway"},
			ExpiresAt: claims.NewNumericDate(exampleNow().Add(time.Hour)),
		},
		Extra: claims.Set{
			"tenant": json.RawMessage(`"acme"`),
			"quota":  json.RawMessage(`9007199254740993`),
		},
	})

	c, err := jwt.Verify[claims.Dynamic](key, token, &jwt.VerifyOptions{
		Type:   "at+jwt",
		Claims: claims.Validator{Issuer: "https://auth.example", Audience: "gateway", Now: exampleNow},
	})
	if err != nil {
		fmt.Println("refused:", err)
		return
	}
	tenant, err := claims.Get[string](c.Extra, "tenant")
	if err != nil {
		fmt.Println(err)
		return
	}
	quota, err := claims.Get[int64](c.Extra, "quota") // exact: not a float64
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = claims.Get[string](c.Extra, "region")
	fmt.Println(c.Issuer, tenant, quota, errors.Is(err, claims.ErrMissing))
	// Output:
	// https://auth.example acme 9007199254740993 true
}
