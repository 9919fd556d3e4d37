// Preload (NODE_OPTIONS=--require) for start-up tests: prints `PROBE: require <request>` on stderr for every
// package or file the process asks Node to find, so a test can tell what a sidecar read at start-up.
const Module = require('node:module');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (!request.startsWith('node:') && !Module.isBuiltin(request))
    process.stderr.write(`PROBE: require ${request}\n`);
  return resolveFilename.call(this, request, ...rest);
};
