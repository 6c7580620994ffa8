package claims

import (
	"encoding/json"
	"reflect"
)

// Marshal returns the JSON encoding of the claims c, as encoding/json's
// Marshal does. It first refuses a claims type that [Decode] refuses,
// whatever its value: a struct whose own field hides a registered claim of
// its embedded [Registered] (a field tagged `json:"aud"` beside it), with
// the same error, which names the field and the claim. The check is done
// once per type.
func Marshal(c any) ([]byte, error) {
	if c != nil {
		if err := checkClaimsType(reflect.TypeOf(c)); err != nil {
			return nil, err
		}
	}
	return json.Marshal(c)
}
