// The floor for any downstream proxy written on Node: bare node:http in and out, no framework, no token
// work. It reads the request body, POSTs it to the echo with a fixed bearer header over a keep-alive
// agent, and answers the sidecar's JSON shape. What the sidecar adds on top of this is its own cost.
// Usage: node bench/servers/bare-proxy.mjs <port> <echo base url>   (listens on 127.0.0.1 only)
import { Agent, createServer, request } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const echo = new URL(process.argv[3] ?? 'http://127.0.0.1:1');
const agent = new Agent({ keepAlive: true, maxFreeSockets: 256 });
// About the size of a real access token, so the outbound request is as large as the sidecar's.
const AUTHORIZATION = `Bearer ${'e'.repeat(1500)}`;

function forward(body, contentType, respond) {
  const outbound = request(
    {
      host: echo.hostname,
      port: echo.port,
      path: '/echo',
      method: 'POST',
      agent,
      headers: { authorization: AUTHORIZATION, 'content-type': contentType, 'content-length': body.length },
    },
    (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        respond({
          statusCode: response.statusCode,
          headers: { 'Content-Type': [response.headers['content-type']] },
          content: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    },
  );
  outbound.on('error', () => respond(undefined));
  outbound.end(body);
}

createServer((req, res) => {
  if (req.url === '/ready') return res.end('ready');
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () =>
    forward(Buffer.concat(chunks), req.headers['content-type'] ?? 'application/json', (result) => {
      const json = JSON.stringify(result ?? { error: 'downstream failed' });
      res.writeHead(result ? 200 : 502, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(json),
      });
      res.end(json);
    }),
  );
}).listen(port, '127.0.0.1');
