// Package htmlrewriter is the streaming HTML rewriter behind the HTMLRewriter global: the
// behaviour of lol-html, the Rust library Cloudflare Workers use, rebuilt on
// golang.org/x/net/html's Tokenizer. It is pure Go and knows nothing of goja; runtime/htmlrewriter.go
// binds it to JS.
//
// # Model
//
// Input arrives in chunks (Write, End); the rewriter tokenizes what is complete and keeps the rest
// (an unfinished tag, comment or UTF-8 sequence) for the next chunk, so output follows input
// chunk by chunk and the document is never buffered whole. Untouched tokens are copied through
// byte for byte (Raw); changed start tags are written again from their attributes, which keep
// their source text unless changed. Text is handed to handlers in chunks cut where lol-html cuts
// them: at the end of each input chunk and at every '<' inside text (a chunk of its own, or
// "</name" in raw text), followed by an empty chunk with LastInTextNode when the text node ends.
//
// Each token becomes a list of actions: one per handler call, then one that writes the token with
// the handlers' changes. Step runs actions until a handler calls Pause, so a JS binding can stop
// after a handler that returned a promise and go on when it settles (async handlers) without any
// goroutine: everything runs on the caller's goroutine, handlers included.
//
// Selectors (ParseSelector) are the subset lol-html supports, rejected with lol-html's messages
// otherwise. They are matched against a stack of open elements that, like lol-html's, applies no
// implied end tags: an element is open until an end tag with its name closes it and everything
// opened after it; void elements are never open. nth-child and nth-of-type count element children
// per open element.
//
// Encoding: the engine works on bytes and needs only ASCII to be ASCII, so it handles UTF-8 and
// every ASCII-compatible charset alike; the JS binding decodes the strings handlers read and
// encodes what they write with the charset of the response's Content-Type (UTF-8 when none), and
// rejects unknown or non-ASCII-compatible labels as workerd does. Deviation: lol-html's switch
// of charset on a <meta charset> in the document is not done.
//
// # Dependencies and threading
//
// Imports only golang.org/x/net/html. A Rewriter is used by one goroutine at a time.
package htmlrewriter
