// The outbound half of the bench's bare relays: POST the inbound body to the echo with a fixed bearer header over a
// keep-alive connection pool, and hand back the sidecar's JSON answer, already serialized. bench/servers/bare-proxy.mjs
// uses node:http's client (relayToEcho); its NestJS + Fastify floor uses undici, the sidecar's client, with the same
// header and answer (bench/servers/nest-fastify-relay-floor.mjs). undici is not imported here, so the bare proxy
// loads nothing it does not use.
import { Agent, request } from 'node:http';

// About the size of a real access token, so the outbound request is as large as the sidecar's.
export const AUTHORIZATION = `Bearer ${'e'.repeat(1500)}`;

/** The sidecar's answer shape, as text. */
export const relayAnswer = (statusCode, contentType, content) =>
  JSON.stringify({ statusCode, headers: { 'Content-Type': [contentType] }, content });
export const FAILED_ANSWER = JSON.stringify({ error: 'downstream failed' });

/**
 * `relay(body, contentType, respond)` for the echo at `echoBase`, over node:http: `respond(status, json)` gets 200
 * and the `{statusCode, headers, content}` text, or 502 and an error object's text when the echo cannot be reached.
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
            relayAnswer(
              response.statusCode,
              response.headers['content-type'],
              Buffer.concat(chunks).toString('utf8'),
            ),
          ),
        );
      },
    );
    outbound.on('error', () => respond(502, FAILED_ANSWER));
    outbound.end(body);
  };
}
