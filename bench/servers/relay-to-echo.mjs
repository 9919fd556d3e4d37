// The outbound half of the bench's bare relays (bench/servers/bare-proxy.mjs and its NestJS + Fastify floor):
// POSTs the inbound body to the echo with a fixed bearer header over a keep-alive node:http agent, and hands back
// the sidecar's JSON answer, already serialized. One definition, so the two relays differ only in the inbound
// half they are there to compare.
import { Agent, request } from 'node:http';

// About the size of a real access token, so the outbound request is as large as the sidecar's.
const AUTHORIZATION = `Bearer ${'e'.repeat(1500)}`;

/**
 * `relay(body, contentType, respond)` for the echo at `echoBase`: `respond(status, json)` gets 200 and the
 * `{statusCode, headers, content}` text, or 502 and an error object's text when the echo cannot be reached.
 */
export function relayToEcho(echoBase) {
  const echo = new URL(echoBase);
  const agent = new Agent({ keepAlive: true, maxFreeSockets: 256 });
  return (body, contentType, respond) => {
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
          respond(
            200,
            JSON.stringify({
              statusCode: response.statusCode,
              headers: { 'Content-Type': [response.headers['content-type']] },
              content: Buffer.concat(chunks).toString('utf8'),
            }),
          ),
        );
      },
    );
    outbound.on('error', () => respond(502, JSON.stringify({ error: 'downstream failed' })));
    outbound.end(body);
  };
}
