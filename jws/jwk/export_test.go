package jwk

// WaitFetches waits for the fetches r has started, so that a test sees
// what a background refresh did.
func WaitFetches(r *Remote) { r.fetches.Wait() }
