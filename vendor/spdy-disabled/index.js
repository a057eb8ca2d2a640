'use strict';
// restify 11 loads spdy at start-up and calls spdy.createServer only when a server is
// created with `options.spdy` (TRIO-bot never does). The real spdy cannot load on Node 24.
function unsupported() {
  throw new Error('SPDY is not available in TRIO-bot (restify is used over plain HTTP/1.1)');
}
module.exports = { createServer: unsupported, Server: unsupported };
