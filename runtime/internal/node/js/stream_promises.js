// node:stream/promises
(function (require) {
  "use strict";
  return require("stream").promises;
})
