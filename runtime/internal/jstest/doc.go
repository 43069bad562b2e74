// Package jstest runs JavaScript behaviour tests (testdata/*.test.js files) inside a goja
// runtime and reports each JS test as a Go subtest.
//
// A test file uses only a handful of globals, so the same file can also run under workerd or
// Node with a ten-line shim for a differential check:
//
//	test(name, fn)                               register a test; fn may be async
//	test.skip(name, fn)                          register a skipped test
//	assert(cond, msg)                            fail unless cond is truthy
//	assertEquals(actual, expected, msg)          deep equality (Object.is for primitives)
//	assertThrows(fn, ErrorName, substring)       fn must throw; returns the error
//	assertRejects(promiseOrFn, ErrorName, sub)   async; the promise must reject
//
// ErrorName matches either the error's name property or its constructor's name, so
// "TypeError", "DOMException" and "InvalidCharacterError" all work for the errors they
// describe. Pass undefined to skip a check.
//
// Run also defines Symbol.asyncIterator and queueMicrotask when the runtime lacks them (goja
// has neither); the definitions are minimal shims meant for tests only.
//
// Imports: goja and the standard library only. Every call must happen on the goroutine that
// owns the *goja.Runtime; Run drives the runtime itself, so the caller must not use vm
// concurrently. Async tests are awaited by calling pump (the caller's event-loop step) until
// the test's promise settles; goja runs promise jobs after each outermost call, so tests
// that await only promises settle without a pump.
package jstest
