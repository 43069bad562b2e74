// node:assert/strict — the strict assert, as its own function object (as in workerd, it is
// not the same object as assert.strict).
(function (require) {
  "use strict";
  const base = require("assert").strict;
  function strict(...args) { return base(...args); }
  return Object.assign(strict, base, { strict });
})
