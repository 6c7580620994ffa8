package main

import (
	"strings"
	"testing"
)

func TestResponses(t *testing.T) {
	d, err := newDemo()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range d.cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.check(d.handler); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestDescriptionChars(t *testing.T) {
	got := descriptionChars("bad \"quote\" \\ and \n newline, é ok!")
	want := "bad quote  and  newline,  ok!"
	if got != want {
		t.Errorf("descriptionChars = %q, want %q", got, want)
	}
	for _, c := range got {
		if c < 0x20 || c > 0x7E || c == '"' || c == '\\' {
			t.Errorf("descriptionChars left %q", c)
		}
	}
}

// TestChallengeChars checks that every challenge the demo expects uses only
// the characters RFC 6750 §3 allows in its quoted values.
func TestChallengeChars(t *testing.T) {
	d, err := newDemo()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range d.cases {
		_, desc, ok := strings.Cut(tc.wantChallenge, `error_description="`)
		if !ok {
			continue
		}
		desc = strings.TrimSuffix(desc, `"`)
		if got := descriptionChars(desc); got != desc {
			t.Errorf("%s: error_description %q has characters RFC 6750 forbids", tc.name, desc)
		}
	}
}
