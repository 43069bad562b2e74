package webcrypto

import "strings"

// Usage is a set of key usages.
type Usage uint8

// The key usages, in the order workerd lists them in CryptoKey.usages.
const (
	UsageEncrypt Usage = 1 << iota
	UsageDecrypt
	UsageSign
	UsageVerify
	UsageDeriveKey
	UsageDeriveBits
	UsageWrapKey
	UsageUnwrapKey
)

var usageNames = [...]string{"encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"}

// Names returns the usages in canonical order.
func (u Usage) Names() []string {
	names := make([]string, 0, 8)
	for i, n := range usageNames {
		if u&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return names
}

// Has reports whether every usage of v is in u.
func (u Usage) Has(v Usage) bool { return u&v == v }

func (u Usage) String() string { return strings.Join(u.Names(), ",") }

func usageByName(name string) (Usage, bool) {
	for i, n := range usageNames {
		if n == name {
			return 1 << i, true
		}
	}
	return 0, false
}

// usageContext names what is being done with a key in workerd's invalid-usage message.
type usageContext string

const (
	ctxGenerate      usageContext = "generate"
	ctxImportSecret  usageContext = "import secret"
	ctxImportPublic  usageContext = "import public"
	ctxImportPrivate usageContext = "import private"
)

// parseUsages checks requested usage names against allowed and returns the set.
func parseUsages(alg string, ctx usageContext, names []string, allowed Usage) (Usage, error) {
	var u Usage
	for _, n := range names {
		v, ok := usageByName(n)
		if !ok || !allowed.Has(v) {
			return 0, syntaxErr("Attempt to %s %s key with invalid usage %q.", ctx, alg, n)
		}
		u |= v
	}
	return u, nil
}

// requireUsage is the check every operation makes before using a key.
func requireUsage(k *Key, u Usage) error {
	if !k.Usages.Has(u) {
		return accessErr("Requested key usage %q does not match any usage listed in this CryptoKey.", u.Names()[0])
	}
	return nil
}

const errNoUsage = "Secret/private CryptoKeys must have at least one usage."
