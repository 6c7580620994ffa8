// Package owned lets signet's own packages tell claims.Decode that the
// payload it decodes belongs to the decoding alone: no one else holds it
// and no one will modify it. The decoded strings may then point into the
// payload instead of into a copy of it. Being internal, it cannot be used
// by anyone who could break that promise.
package owned

// Key is the argument of Target's method. No package outside signet can
// name it, so no other type can implement Target.
type Key struct{}

// Target is a destination for claims.Decode that makes the promise about
// the payload: OwnedTarget returns the real destination.
//
// An implementation should be a struct of one pointer, which an interface
// holds without allocating.
type Target interface {
	OwnedTarget(Key) any
}
