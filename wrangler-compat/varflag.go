package wrangler

import (
	"fmt"
	"strings"
)

// ParseVarFlag parses a --var KEY:VALUE flag, split at the first ':' as wrangler does
// (WR utils/collectKeyValues.ts), so the value may contain colons ("URL:http://x"). The
// result is a plain string Var. Deviation: wrangler turns "KEY" without a colon into an
// empty value and accepts an empty key; both are errors here.
func ParseVarFlag(s string) (Var, error) {
	key, value, ok := strings.Cut(s, ":")
	if !ok {
		return Var{}, fmt.Errorf("wrangler: --var %q: expected KEY:VALUE", s)
	}
	if key == "" {
		return Var{}, fmt.Errorf("wrangler: --var %q: the name before ':' is empty", s)
	}
	return Var{Name: key, Value: value}, nil
}
