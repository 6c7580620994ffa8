package jwk

// WaitFetches waits for the fetches r has started, so that a test sees
// what a background refresh did.
func WaitFetches(r *Remote) { r.fetches.Wait() }

// MaxMissing is the bound of the negative cache.
const MaxMissing = maxMissing

// MissingLen returns the number of kids in r's negative cache.
func MissingLen(r *Remote) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.missing)
}

// MissingBytes returns the bytes the keys of r's negative cache hold.
func MissingBytes(r *Remote) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for k := range r.missing {
		n += len(k)
	}
	return n
}

// InFlight reports whether r has a fetch in flight.
func InFlight(r *Remote) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.call != nil
}
