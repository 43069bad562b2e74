// Package conformance judges `edge serve` against goldens recorded from workerd, the runtime of
// Cloudflare Workers, for the project's own conformance cases. It is the in-repository twin of
// the shared differential runner (../shared/conformance/run.mjs, see its README): the cases
// and goldens use the runner's formats, the runner records the goldens, and TestConformance
// judges edge against them without Node and without reading ../shared.
//
// # Layout
//
//	testdata/cases/NN-name/         one Workers project per case: wrangler.toml, src/, requests.json
//	                                (optional: .dev.vars, package.json, further configs)
//	testdata/golden/NN-name.json    the values workerd produced, written by the runner
//	testdata/known_failures.json    checks edge is known to get wrong: {"LABEL": "reason"}
//
// # Adding a case
//
// Create testdata/cases/NN-name/ with a wrangler.toml, the worker sources and a requests.json
// (format: the runner's README, "Case format"). Prefer self-checking workers: one request runs
// many named assertions and answers with one JSON object, compared with "body": "checks", so
// every key becomes its own check (see the run()/thrown() helpers at the top of any case's
// src/index.js). Return only deterministic values, record errors as "Name: message" (or the
// type alone when the wording is engine-specific), and keep timing out of the checks.
//
// If a case has a package.json, its node_modules come from scripts/setup.sh (which runs npm
// install for every tracked package.json); the test fails with that hint when they are missing.
//
// # Recording goldens
//
// From the repository root (wrangler and workerd are installed once into
// ~/.cache/edge-conformance by the runner):
//
//	R=../shared/conformance/run.mjs
//	D=internal/conformance/testdata
//	node $R --target reference --cases $D/cases --golden $D/golden                  # all cases
//	node $R --target reference --cases $D/cases --golden $D/golden --case NN-name   # one case
//	node $R --target reference --check --cases $D/cases --golden $D/golden          # twice: drop checks that vary
//
// Then read the new golden: {"unexpectedError": ...} almost always means a bug in the case.
// Commit the case and its golden together.
//
// # Judging edge
//
// The Go test builds cmd/edge from this checkout (internal/e2e) and runs every case that has a
// golden, one subtest per case, per run (when a case has several) and per request:
//
//	go test ./internal/conformance/
//	go test ./internal/conformance/ -run 'TestConformance/05-kv' -v
//	EDGE_CONFORMANCE_BIN=/tmp/edge go test ./internal/conformance/          # a prebuilt binary
//	EDGE_CONFORMANCE_REPORT=/tmp/report.json go test ./internal/conformance/ # every judged check as JSON
//
// The same verdicts come from the Node runner, which knows nothing of known_failures.json (its
// mismatches are exactly that file's entries when the Go test passes):
//
//	go build -o /tmp/edge ./cmd/edge
//	node $R --target edge --edge-bin /tmp/edge --cases $D/cases --golden $D/golden --quiet
//
// # Known failures
//
// When edge disagrees with a golden, the golden stays as workerd recorded it. The check goes
// into testdata/known_failures.json under its label, "CASE/REQUEST CHECK", or
// "CASE/RUN/REQUEST CHECK" for goldens with several runs (the runner's report label prefixed with
// the case), for example "05-kv/errors check:bulk.emptyKey", with a reason. A listed check that
// matches fails the test ("FIXED ... remove it"), so the list only shrinks when edge improves; a
// reason starting with "flaky:" marks a check whose result varies between edge runs and is only
// logged when it passes. Entries that name no recorded check fail the test too.
//
// # What the judge replicates
//
// Goldens hold values a worker read from the runner's HTTP client and origin server, so this
// package reproduces them byte for byte: the client (client.go) sends what Node's http.request
// sends (header order, Host, Connection: close, Content-Length rules, upper-cased method,
// WHATWG-normalised path, the body forms text/json/base64/generate); the origin (origin.go)
// answers /page, /json, /echo, /status/N, /redirect, /gzip, /slow, /chunked and 404 with Node's
// status texts, header order, Date, keep-alive and chunked framing, and /echo applies Node's
// rules for repeated request headers; checks (checks.go) are computed like extractChecks, with
// the same placeholder normalisation ({{BASE}}, {{HOSTPORT}}, {{ORIGIN}}, {{ORIGIN_HOSTPORT}}),
// header joining, body modes and deep equality. The streamed and fasterThanMs checks are
// computed too but depend on timing; the cases here do not use them.
package conformance
