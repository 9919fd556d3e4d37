// Bare node:http answering GET /Validate with the very bytes the sidecar answers for one token (no
// validation at all): the same-size floor for the repeated-token scenario, since on loopback the cost of
// moving a ~2.5 KB body dominates a "Healthy" answer.
// Usage: node bench/servers/bare-validate.mjs <port> <token>   (listens on 127.0.0.1 only)
import { createServer } from 'node:http';

const [port, token] = process.argv.slice(2);
const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const body = JSON.stringify({ protocol: 'Bearer', token, claims });

createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
}).listen(Number(port), '127.0.0.1');
