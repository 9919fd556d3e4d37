// The downstream API of the downstream-* scenarios, and their baseline: bare node:http that answers every
// request with its own body (or `{"result":"success"}` when there is none), keep-alive, no framework.
// Usage: node bench/servers/echo.mjs <port>   (listens on 127.0.0.1 only)
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const DEFAULT_BODY = Buffer.from('{"result":"success"}');

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = chunks.length > 0 ? Buffer.concat(chunks) : DEFAULT_BODY;
    res.writeHead(200, {
      'content-type': req.headers['content-type'] ?? 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
}).listen(port, '127.0.0.1');
