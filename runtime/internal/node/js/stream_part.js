// node:_stream_readable, _stream_writable, _stream_duplex, _stream_transform and
// _stream_passthrough: the classes of node:stream under their legacy module names.
(function (require, native, name) {
  "use strict";
  const stream = require("stream");
  const cls = { _stream_readable: "Readable", _stream_writable: "Writable", _stream_duplex: "Duplex", _stream_transform: "Transform", _stream_passthrough: "PassThrough" }[name];
  return stream[cls];
})
