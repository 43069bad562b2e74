package wrangler

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The Cloudflare v4 API envelope and the bodies of the Workers KV REST API
// (spec/kv-and-wrangler.md C). edge's admin API (server/admin.go) answers
// with these types and `edge kv` reads them when it talks to a running
// server; an SDK or curl script written for api.cloudflare.com reads them too.

// APIResponse is the envelope of every JSON response of the Cloudflare v4
// API: {success, errors, messages, result, result_info?}. errors and messages
// are always arrays, result is null on failure. Result and ResultInfo stay
// raw so one type serves every endpoint; decode them with
// encoding/json into the endpoint's type.
type APIResponse struct {
	Success    bool            `json:"success"`
	Errors     []APIMessage    `json:"errors"`
	Messages   []APIMessage    `json:"messages"`
	Result     json.RawMessage `json:"result"`
	ResultInfo json.RawMessage `json:"result_info,omitempty"`
}

// APIMessage is one entry of errors or messages.
type APIMessage struct {
	Code    int        `json:"code"`
	Message string     `json:"message"`
	Source  *APISource `json:"source,omitempty"`
}

// APISource points into the request body at what an error is about: a JSON
// pointer such as "/3" for the fourth item of a bulk write.
type APISource struct {
	Pointer string `json:"pointer"`
}

// Error codes of the KV REST API. Cloudflare publishes no table. The ones
// marked "seen" are what api.cloudflare.com is seen returning (wrangler's
// and wrangler-legacy's code tables and tests, client libraries' mocks of
// real responses); the others are edge's choice, within the range
// wrangler-legacy attributes to KV.
const (
	APICodeAuth              = 10000 // seen: "Authentication error"
	APICodeBadRequest        = 10001 // malformed body or parameter; KV validation failures (message from Workers KV)
	APICodeInternal          = 10002 // edge: the store failed
	APICodeKeyNotFound       = 10009 // seen: 404 "get: 'key not found'"
	APICodeNamespaceNotFound = 10013 // seen: 404 "namespace not found"
	APICodeDuplicateTitle    = 10014 // seen: 400 "… 'A namespace with this account ID and title already exists'"
	APICodeMethodNotAllowed  = 10405 // edge: 405
	APICodeNoRoute           = 7003  // seen: 404 "Could not route to /…, perhaps your object identifier is invalid?"
)

// APIError is an unsuccessful API response as a Go error.
type APIError struct {
	Status int // HTTP status
	Errors []APIMessage
}

// Error reads like wrangler's report of a failed API call: the messages with
// their codes, "namespace not found [code: 10013]".
func (e *APIError) Error() string {
	if len(e.Errors) == 0 {
		return fmt.Sprintf("API request failed with HTTP status %d", e.Status)
	}
	parts := make([]string, len(e.Errors))
	for i, m := range e.Errors {
		parts[i] = fmt.Sprintf("%s [code: %d]", m.Message, m.Code)
	}
	return strings.Join(parts, "; ")
}

// Code is the code of the first error, 0 when there is none.
func (e *APIError) Code() int {
	if len(e.Errors) == 0 {
		return 0
	}
	return e.Errors[0].Code
}

// APIKVNamespace is a namespace as the API shows it.
type APIKVNamespace struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// SupportsURLEncoding says keys in URLs are percent-decoded before use
	// (always true here).
	SupportsURLEncoding bool `json:"supports_url_encoding"`
}

// APIKVTitle is the body of namespace create and rename.
type APIKVTitle struct {
	Title string `json:"title"`
}

// APIPageInfo is result_info of a paged list (namespaces).
type APIPageInfo struct {
	Count      int `json:"count"`
	Page       int `json:"page"`
	PerPage    int `json:"per_page"`
	TotalCount int `json:"total_count"`
}

// APICursorInfo is result_info of a cursor list (keys). Cursor is "" on the
// last page.
type APICursorInfo struct {
	Count  int    `json:"count"`
	Cursor string `json:"cursor"`
}

// APIKVKey is one key of a keys list.
type APIKVKey struct {
	Name       string          `json:"name"`
	Expiration int64           `json:"expiration,omitempty"`
	Metadata   json.RawMessage `json:"metadata,omitempty"`
}

// APIKVBulkWrite is one item of a bulk write (PUT …/bulk). Value is text, or
// base64 when Base64 is set. Absent expiry fields mean the key never expires;
// ExpirationTTL wins over Expiration.
type APIKVBulkWrite struct {
	Key           string          `json:"key"`
	Value         string          `json:"value"`
	Expiration    *float64        `json:"expiration,omitempty"`
	ExpirationTTL *float64        `json:"expiration_ttl,omitempty"`
	Metadata      json.RawMessage `json:"metadata,omitempty"`
	Base64        bool            `json:"base64,omitempty"`
}

// APIKVBulkResult is the result of a bulk write or delete.
type APIKVBulkResult struct {
	SuccessfulKeyCount int      `json:"successful_key_count"`
	UnsuccessfulKeys   []string `json:"unsuccessful_keys"`
}

// APIKVBulkGet is the body of a bulk get (POST …/bulk/get).
type APIKVBulkGet struct {
	Keys         []string `json:"keys"`
	Type         string   `json:"type,omitempty"` // "text" (default) or "json"
	WithMetadata bool     `json:"withMetadata,omitempty"`
}

// APIKVBulkGetResult is the result of a bulk get: each requested key maps to
// its value (a string, or any JSON with type "json") or null when missing;
// with withMetadata, to {value, metadata, expiration?} or null.
type APIKVBulkGetResult struct {
	Values map[string]json.RawMessage `json:"values"`
}

// APIKVValueWithMetadata is a bulk-get value with withMetadata set.
type APIKVValueWithMetadata struct {
	Value      json.RawMessage `json:"value"`
	Metadata   json.RawMessage `json:"metadata"`
	Expiration int64           `json:"expiration,omitempty"`
}
