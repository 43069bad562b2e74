// node:util/types
(function (require) {
  "use strict";
  return require("util").types;
})
