// The distinct-token baseline: a plain fastify route verifying each Bearer token with jose's jwtVerify
// against the same remote JWKS, answering the same JSON shape as GET /Validate.
// Usage: NODE_EXTRA_CA_CERTS=<ca> node bench/servers/fastify-jose.mjs <port> <jwksUri> <issuer> <audience>
import Fastify from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [port, jwksUri, issuer, audience] = process.argv.slice(2);
const keys = createRemoteJWKSet(new URL(jwksUri));
const app = Fastify({ logger: false });

app.get('/ready', async () => 'ready');
app.get('/Validate', async (request, reply) => {
  const header = request.headers.authorization ?? '';
  if (!/^bearer /i.test(header)) return reply.code(401).header('www-authenticate', 'Bearer').send();
  const token = header.slice(7).trim();
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer,
      audience,
      algorithms: ['RS256'],
      clockTolerance: 300,
    });
    return { protocol: 'Bearer', token, claims: payload };
  } catch {
    return reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"').send();
  }
});

await app.listen({ port: Number(port), host: '127.0.0.1' });
