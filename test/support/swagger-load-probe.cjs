// Preload (NODE_OPTIONS=--require) for start-up tests: prints one marker line on stderr when the process resolves
// @nestjs/swagger, or the built sidecar reads the file it is bundled into, so a test can tell whether it was loaded.
const Module = require('node:module');

const resolveFilename = Module._resolveFilename;
let reported = false;
Module._resolveFilename = function (request, ...rest) {
  if ((request === '@nestjs/swagger' || /(^|\/)openapi\.chunk\.js$/.test(request)) && !reported) {
    reported = true;
    process.stderr.write('PROBE: @nestjs/swagger loaded\n');
  }
  return resolveFilename.call(this, request, ...rest);
};
