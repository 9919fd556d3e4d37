// The distinct-token baselines: a plain fastify route verifying each Bearer token with jose's jwtVerify
// against the same remote JWKS, answering the same JSON shape as GET /Validate. `GET /Validate` verifies every
// request; `GET /cached/Validate` first looks the token up in an LRU of verified payloads (lru-cache, holding
// `cacheSize` tokens, each until its exp), as a validator with a cache that holds the working set would.
// Usage: NODE_EXTRA_CA_CERTS=<ca> node bench/servers/fastify-jose.mjs <port> <jwksUri> <issuer> <audience> [cacheSize]
import Fastify from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';

const [port, jwksUri, issuer, audience, cacheSize = '20000'] = process.argv.slice(2);
const keys = createRemoteJWKSet(new URL(jwksUri));
const verified = new LRUCache({ max: Number(cacheSize) });
const app = Fastify({ logger: false });

const unauthorized = (reply) =>
  reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"').send();

const bearer = (request) => {
  const header = request.headers.authorization ?? '';
  return /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
};

const verify = (token) =>
  jwtVerify(token, keys, { issuer, audience, algorithms: ['RS256'], clockTolerance: 300 }).then(
    ({ payload }) => payload,
  );

app.get('/ready', async () => 'ready');

app.get('/Validate', async (request, reply) => {
  const token = bearer(request);
  if (token === undefined) return reply.code(401).header('www-authenticate', 'Bearer').send();
  try {
    return { protocol: 'Bearer', token, claims: await verify(token) };
  } catch {
    return unauthorized(reply);
  }
});

app.get('/cached/Validate', async (request, reply) => {
  const token = bearer(request);
  if (token === undefined) return reply.code(401).header('www-authenticate', 'Bearer').send();
  let claims = verified.get(token);
  if (claims === undefined || claims.exp * 1000 <= Date.now()) {
    try {
      claims = await verify(token);
    } catch {
      return unauthorized(reply);
    }
    verified.set(token, claims);
  }
  return { protocol: 'Bearer', token, claims };
});

await app.listen({ port: Number(port), host: '127.0.0.1' });
