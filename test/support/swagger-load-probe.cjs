// Preload (NODE_OPTIONS=--require) for start-up tests: prints one marker line on stderr when the process resolves
// @nestjs/swagger, so a test can tell whether a sidecar loaded it.
const Module = require('node:module');

const resolveFilename = Module._resolveFilename;
let reported = false;
Module._resolveFilename = function (request, ...rest) {
  if (request === '@nestjs/swagger' && !reported) {
    reported = true;
    process.stderr.write('PROBE: @nestjs/swagger loaded\n');
  }
  return resolveFilename.call(this, request, ...rest);
};
