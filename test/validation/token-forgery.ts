import { createPublicKey, createSign, generateKeyPairSync, createHmac, type KeyObject } from 'node:crypto';
import { connect } from 'node:net';

const b64json = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Splits a compact JWS into its decoded header and payload. */
export function decodeParts(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

/** An RSA key pair the authority never published (the attacker's). */
export function attackerKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** RS256-signs header + payload with the given private key. */
export function signRs256(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
): string {
  const input = `${b64json(header)}.${b64json(payload)}`;
  const signature = createSign('sha256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

/** HS256 with the authority's public key PEM as the HMAC secret (the classic algorithm-confusion attack). */
export function hs256WithPublicKey(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  publicJwk: Record<string, unknown>,
): string {
  const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  });
  const input = `${b64json({ ...header, alg: 'HS256' })}.${b64json(payload)}`;
  return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
}

/** Re-encodes the payload of a signed token, keeping its original signature. */
export function withTamperedPayload(token: string, change: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64json({ ...decodeParts(token).payload, ...change })}.${signature}`;
}

/** Replaces the header of a signed token, keeping payload and signature. */
export function withHeader(token: string, header: Record<string, unknown>): string {
  const [, payload, signature] = token.split('.');
  return `${b64json(header)}.${payload}.${signature}`;
}

/** Sends raw header lines over a socket (fetch and http.request merge or refuse duplicated headers). */
export function rawGet(
  url: string,
  path: string,
  headers: [string, string][],
): Promise<{ status: number; challenge?: string }> {
  const { hostname, port } = new URL(url);
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Connection: close',
    ...headers.map(([name, value]) => `${name}: ${value}`),
  ];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(`${lines.join('\r\n')}\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const challenge = /^www-authenticate: (.*)$/im.exec(text)?.[1]?.trim();
      resolve({ status, challenge });
    });
  });
}

export { b64json };
