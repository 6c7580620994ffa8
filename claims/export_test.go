package claims

import "reflect"

// DateParts exposes the fields of a NumericDate to the external tests.
func DateParts(d NumericDate) (sec int64, nsec int32, inexact, present bool) {
	return d.sec, d.nsec, d.inexact, d.present
}

// DecodeGeneral is Decode without its fast paths.
func DecodeGeneral(payload []byte, dst any) error { return decode(payload, dst, true) }

// Encodes reports whether Marshal encodes values of c's type without
// encoding/json.
func Encodes(c any) bool {
	t := reflect.TypeOf(c)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct && planFor(t).enc != nil
}
