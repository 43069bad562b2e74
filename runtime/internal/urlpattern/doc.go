// Package urlpattern installs the WHATWG URL Pattern Standard's URLPattern class into a goja
// runtime, with the behaviour of workerd's spec-compliant implementation (the
// urlpattern_standard compatibility flag, default since 2025-05-01).
//
// # What it is for
//
// Routers in Workers code (Hono's pattern router, itty-style tables, hand-written fetch
// handlers) match request URLs with `new URLPattern({pathname: "/users/:id"}).exec(url)`. The
// class supports both constructor forms (a constructor string with an optional base URL, or a
// URLPatternInit dictionary), the ignoreCase option, test() and exec() on URL strings and
// dictionaries, the eight component getters and hasRegExpGroups.
//
// # How it works
//
// The algorithms are implemented here from the specification, in the spec's order:
// tokenizer.go (tokenize), parser.go (parse a pattern string, generate a regular expression and a
// pattern string), constructor_string.go (parse a constructor string), init.go (process a
// URLPatternInit), canonicalize.go (the encoding callbacks, on nlnwa/whatwg-url's parser with
// state overrides) and pattern.go (create and match). Matching uses JavaScript RegExps compiled
// in the runtime (urlpattern.go), because patterns may embed regexp groups with JavaScript
// semantics: lookahead, lookbehind, back references, named groups. Components without a regexp
// group take fast paths (a fixed string compares directly, a lone "*" matches anything) and
// build their RegExp only if it is ever needed.
//
// Why not github.com/dunglas/go-urlpattern (the option webapi.md §3.3 names): it matches with
// Go's RE2, so patterns with lookaround or back references fail to construct; it reports a group
// that did not participate as "" rather than undefined (WPT checks this); and it keeps its part
// lists and regular expressions private, so goja's RegExp cannot be swapped in without a fork.
// It is used as a test oracle instead (differential_test.go), and its module ships WPT's
// urlpatterntestdata.json, which wpt_test.go runs: all 366 entries pass.
//
// The spec compiles with the "v" (unicodeSets) flag; goja has only "u" and no Unicode property
// escapes. regexp_vmode.go therefore parses the character classes of regexp groups with the v
// grammar (nested classes, "--", "&&", reserved punctuators), computes their code point sets and
// re-emits them as u-mode ranges, and expands \p{…}/\P{…} from Go's Unicode tables
// (unicode_properties.go); regexp_check.go rejects the identity escapes that u mode forbids but
// goja accepts. Groups of the form "(X)?" are reset to undefined when they capture "", which is
// what a JavaScript engine does and goja does not.
//
// # Imports
//
// goja, runtime/internal/jsutil, nlnwa/whatwg-url and the standard library. Anything that
// installs globals into a worker's runtime may import it.
//
// # Threading
//
// [Install] and the class belong to the goroutine that owns the runtime; patterns hold RegExp
// objects of that runtime.
//
// # Errors
//
// As in workerd, every failure to construct is TypeError "Failed to construct URLPattern", and
// test()/exec() with a dictionary and a base URL throw "Failed to test URLPattern" / "Failed to
// exec URLPattern". Conversion errors of the arguments (a throwing getter or toString) propagate
// unchanged. A URL or dictionary that does not parse is simply no match.
//
// # Deviations
//
// Deviation: \q{…} string literals in v-mode classes are not supported (TypeError); goja's RegExp
// cannot express them inside a class.
//
// Deviation: \p{…} covers General_Category, Script (Go's long script names, e.g. Latin, not
// Latn) and the binary properties Go's unicode tables have plus Any, ASCII, Assigned,
// Alphabetic, Lowercase, Uppercase, ID_Start and ID_Continue; Script_Extensions and the emoji
// properties are a TypeError. Property data is Go's Unicode version, not V8's.
//
// Deviation: with ignoreCase, v-mode set operations are computed on the sets as written, while
// the standard case-folds the operands first (MaybeSimpleCaseFolding); this only matters for
// classes that subtract or intersect letters of different case.
//
// The overloads are resolved as workerd does: the second constructor argument is the options
// when it is an object, otherwise (unless undefined) the base URL, and an object second argument
// wins over a third. null as the second argument is taken as the options, following WebIDL
// (not checked against workerd).
//
// Spec: https://urlpattern.spec.whatwg.org/ . workerd: src/workerd/api/urlpattern-standard.c++.
package urlpattern
