package jwk_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports checks the direction of the imports: jwk imports jws, and
// neither jws nor jwt imports jwk or links net/http.
func TestImports(t *testing.T) {
	for _, pkg := range []string{"github.com/signet-go/signet/jws", "github.com/signet-go/signet/jwt"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			switch dep {
			case "github.com/signet-go/signet/jws/jwk", "net/http":
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
