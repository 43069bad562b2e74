package webcrypto

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
)

// JWK is a JSON Web Key (RFC 7517) as Web Crypto imports and exports it. Absent string members
// are "".
type JWK struct {
	Kty    string   `json:"kty"`
	Use    string   `json:"use"`
	KeyOps []string `json:"key_ops"` // nil when absent
	Alg    string   `json:"alg"`
	Ext    *bool    `json:"ext"`
	Crv    string   `json:"crv"`
	X      string   `json:"x"`
	Y      string   `json:"y"`
	D      string   `json:"d"`
	N      string   `json:"n"`
	E      string   `json:"e"`
	P      string   `json:"p"`
	Q      string   `json:"q"`
	DP     string   `json:"dp"`
	DQ     string   `json:"dq"`
	QI     string   `json:"qi"`
	K      string   `json:"k"`
}

// ParseJWK decodes a JWK from JSON (the binding's JSON.stringify of the caller's object, or
// an unwrapped key).
func ParseJWK(b []byte) (*JWK, error) {
	var j JWK
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, dataErr("Invalid JSON Web Key: %v.", err)
	}
	return &j, nil
}

// MarshalJSON writes the members workerd exports, in workerd's order (kty, key_ops, alg, ext,
// then the key's own members), omitting absent ones. The order matters beyond looks: a JWK
// wrapped with AES-KW must be a multiple of 8 bytes long.
func (j *JWK) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	field := func(name string, v any) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(name)
		val, _ := json.Marshal(v)
		b.Write(k)
		b.WriteByte(':')
		b.Write(val)
	}
	field("kty", j.Kty)
	if j.KeyOps != nil {
		field("key_ops", j.KeyOps)
	}
	for _, m := range []struct{ n, v string }{{"use", j.Use}, {"alg", j.Alg}} {
		if m.v != "" {
			field(m.n, m.v)
		}
	}
	if j.Ext != nil {
		field("ext", *j.Ext)
	}
	for _, m := range []struct{ n, v string }{
		{"crv", j.Crv}, {"x", j.X}, {"y", j.Y}, {"d", j.D}, {"n", j.N}, {"e", j.E}, {"p", j.P},
		{"q", j.Q}, {"dp", j.DP}, {"dq", j.DQ}, {"qi", j.QI}, {"k", j.K},
	} {
		if m.v != "" {
			field(m.n, m.v)
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// newJWK starts an exported JWK with the members every key has.
func newJWK(kty, alg string, k *Key) *JWK {
	ext := k.Extractable
	return &JWK{Kty: kty, KeyOps: k.Usages.Names(), Alg: alg, Ext: &ext}
}

func b64u(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// unb64u decodes base64url with or without padding; ok is false for invalid or empty input.
func unb64u(s string) ([]byte, bool) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	return b, err == nil && len(b) > 0
}

// checkSecretJWK makes workerd's checks on a symmetric JWK and returns the key bytes.
func checkSecretJWK(alg string, j *JWK, use string, extractable bool, usages Usage) ([]byte, error) {
	if j.Kty != "oct" {
		return nil, dataErr("Symmetric \"jwk\" key import requires a JSON Web Key with Key Type parameter \"kty\" equal to \"oct\" (encountered %q).", j.Kty)
	}
	raw, ok := unb64u(j.K)
	if !ok {
		return nil, dataErr("Symmetric \"jwk\" key import requires a base64Url encoding of the key.")
	}
	if j.Use != "" && j.Use != use {
		return nil, dataErr("Symmetric \"jwk\" key must have a \"use\" of %q, not %q.", use, j.Use)
	}
	if j.KeyOps != nil {
		for _, u := range usages.Names() {
			if !slices.Contains(j.KeyOps, u) {
				return nil, dataErr("\"jwk\" key missing usage %q, in \"key_ops\".", u)
			}
		}
	}
	if err := checkExt(alg, j, extractable); err != nil {
		return nil, err
	}
	return raw, nil
}

// checkImportedJWK checks an asymmetric JWK against its import: the usages allowed for its type
// (private when it has "d", else public) and its use, key_ops and ext members.
func checkImportedJWK(alg string, j *JWK, use string, extractable bool, usages []string, pub, priv Usage) error {
	typ, allowed := Public, pub
	if j.D != "" {
		typ, allowed = Private, priv
	}
	u, err := parseUsages(alg, usageContext("import "+string(typ)), usages, allowed)
	if err != nil {
		return err
	}
	return checkAsymmetricJWK(alg, j, use, extractable, u)
}

// checkAsymmetricJWK makes the checks shared by RSA, EC and OKP JWK imports.
func checkAsymmetricJWK(alg string, j *JWK, use string, extractable bool, usages Usage) error {
	if j.Use != "" && j.Use != use {
		return dataErr("Asymmetric \"jwk\" key must have a \"use\" of %q, not %q.", use, j.Use)
	}
	if j.KeyOps != nil {
		for _, u := range usages.Names() {
			if !slices.Contains(j.KeyOps, u) {
				return dataErr("All specified key usages must be present in the JSON Web Key's Key Operations parameter (\"key_ops\").")
			}
		}
	}
	return checkExt(alg, j, extractable)
}

func checkExt(alg string, j *JWK, extractable bool) error {
	if j.Ext != nil && !*j.Ext && extractable {
		return dataErr("JWK ext field for %q is set to false but extractable is true", alg)
	}
	return nil
}
