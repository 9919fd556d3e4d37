// The floor every scenario is compared with: bare node:http, no framework, same body as /healthz.
// Usage: node bench/servers/baseline.mjs <port>   (listens on 127.0.0.1 only)
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Healthy');
}).listen(port, '127.0.0.1');
