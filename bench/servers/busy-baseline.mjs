// The baseline plus a fixed amount of CPU work per request: bare node:http answering "Healthy" after spinning
// for <work µs>. Against the plain baseline it shows what a ratio means on this machine in the same run: how
// much ratio a given number of microseconds per request costs (the calibration scenarios).
// Usage: node bench/servers/busy-baseline.mjs <port> <work µs>   (listens on 127.0.0.1 only)
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

const [port, workUs] = process.argv.slice(2).map(Number);
const workMs = workUs / 1000;

createServer((_req, res) => {
  // Busy, not sleeping: the point is CPU time on the server's core, as a framework or a feature would spend.
  const until = performance.now() + workMs;
  while (performance.now() < until);
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Healthy');
}).listen(port, '127.0.0.1');
