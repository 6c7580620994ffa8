package base64url_test

import (
	"errors"
	"fmt"

	"github.com/signet-go/signet/base64url"
)

func ExampleEncodeToString() {
	fmt.Println(base64url.EncodeToString([]byte(`{"alg":"HS256"}`)))
	// Output:
	// eyJhbGciOiJIUzI1NiJ9
}

func ExampleDecodeString() {
	b, err := base64url.DecodeString("eyJhbGciOiJIUzI1NiJ9")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s\n", b)

	// Padding, the standard alphabet and line breaks are all refused.
	for _, s := range []string{"Zg==", "+/8", "Zm9v\nYmFy"} {
		_, err := base64url.DecodeString(s)
		fmt.Println(err)
	}
	// Output:
	// {"alg":"HS256"}
	// base64url: illegal data at input byte 2
	// base64url: illegal data at input byte 0
	// base64url: illegal data at input byte 4
}

func ExampleAppendEncode() {
	// Build a JWS signing input in one buffer, with no intermediate strings.
	buf := make([]byte, 0, 64)
	buf = base64url.AppendEncode(buf, []byte(`{"alg":"HS256"}`))
	buf = append(buf, '.')
	buf = base64url.AppendEncode(buf, []byte(`{"sub":"1"}`))
	fmt.Printf("%s\n", buf)
	// Output:
	// eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0
}

func ExampleAppendDecode() {
	buf := make([]byte, 0, 64)
	buf, err := base64url.AppendDecode(buf, []byte("eyJzdWIiOiIxIn0"))
	fmt.Printf("%s %v\n", buf, err)

	// On error AppendDecode returns nil, as every Append function of
	// signet does; buf itself is unchanged.
	out, err := base64url.AppendDecode(buf, []byte("Zm9v="))
	fmt.Printf("%q %v; buf is still %s\n", out, err, buf)
	// Output:
	// {"sub":"1"} <nil>
	// "" base64url: illegal data at input byte 4; buf is still {"sub":"1"}
}

func ExampleCorruptInputError() {
	// "Zh" would decode to "f" if the unused low bits of 'h' were ignored;
	// only "Zg" encodes "f", so the offset names the last character.
	for _, s := range []string{"Zm9vYmFy!", "Zh", "Zm9vY"} {
		_, err := base64url.DecodeString(s)
		var cie base64url.CorruptInputError
		if errors.As(err, &cie) {
			fmt.Printf("%q: bad byte at offset %d\n", s, int64(cie))
		}
	}
	// Output:
	// "Zm9vYmFy!": bad byte at offset 8
	// "Zh": bad byte at offset 1
	// "Zm9vY": bad byte at offset 4
}
