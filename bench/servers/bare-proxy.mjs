// The floor for any downstream proxy written on Node: bare node:http in and out, no framework, no token
// work. It reads the request body, POSTs it to the echo with a fixed bearer header over a keep-alive
// agent, and answers the sidecar's JSON shape. What the sidecar adds on top of this is its own cost.
// Usage: node bench/servers/bare-proxy.mjs <port> <echo base url>   (listens on 127.0.0.1 only)
import { createServer } from 'node:http';
import { relayToEcho } from './relay-to-echo.mjs';

const port = Number(process.argv[2] ?? 0);
const relay = relayToEcho(process.argv[3] ?? 'http://127.0.0.1:1');

createServer((req, res) => {
  if (req.url === '/ready') return res.end('ready');
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () =>
    relay(Buffer.concat(chunks), req.headers['content-type'] ?? 'application/json', (status, json) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(json),
      });
      res.end(json);
    }),
  );
}).listen(port, '127.0.0.1');
