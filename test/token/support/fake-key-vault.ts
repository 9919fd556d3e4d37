import { ensureDevelopmentCa } from '@app/entra-emulator';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/** A local HTTPS stand-in for Azure Key Vault's `GET /secrets/{name}`, with the challenge flow. */
export interface FakeKeyVault {
  readonly url: string;
  /** Requests received, with whether they carried an accepted bearer token. */
  readonly requests: { path: string; authorized: boolean }[];
  close(): Promise<void>;
}

/**
 * Serves `secrets` (name → {value, contentType}); an unauthenticated request gets Key Vault's 401 challenge,
 * and a bearer token must be an emulator-signed token for `https://vault.azure.net`.
 */
export async function startFakeKeyVault(
  emulatorUrl: string,
  tenantId: string,
  secrets: Record<string, { value: string; contentType: string }>,
): Promise<FakeKeyVault> {
  const tls = await ensureDevelopmentCa(resolve(process.cwd(), '.certs'));
  const keys = createRemoteJWKSet(new URL(`${emulatorUrl}/${tenantId}/discovery/v2.0/keys`));
  const requests: FakeKeyVault['requests'] = [];
  const server: Server = createServer(
    { cert: tls.serverCertPem, key: tls.serverKeyPem },
    (request, response) => {
      void (async () => {
        const url = new URL(request.url ?? '/', 'https://localhost');
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        const authorized =
          token !== undefined &&
          (await jwtVerify(token, keys, { audience: 'https://vault.azure.net' }).then(
            () => true,
            () => false,
          ));
        requests.push({ path: url.pathname, authorized });
        if (!authorized) {
          response.writeHead(401, {
            'www-authenticate': `Bearer authorization="${emulatorUrl}/${tenantId}", resource="https://vault.azure.net"`,
          });
          response.end();
          return;
        }
        const name = /^\/secrets\/([^/]+)\/?$/.exec(url.pathname)?.[1];
        const secret = name === undefined ? undefined : secrets[decodeURIComponent(name)];
        response.writeHead(secret === undefined ? 404 : 200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(secret ?? { error: { code: 'SecretNotFound' } }));
      })();
    },
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
