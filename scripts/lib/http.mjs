// One small HTTP(S) client for the scripts: the emulator's CA is passed per request (`ca`), so nothing depends
// on NODE_EXTRA_CA_CERTS having been set before this process started.
import http from 'node:http';
import https from 'node:https';

/** Sends a request; resolves with status, headers, text and the parsed JSON body (when it is JSON). */
export function request(url, { method = 'GET', headers = {}, body, ca, timeoutMs = 20_000 } = {}) {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const allHeaders = { ...headers };
  if (payload !== undefined) {
    allHeaders['content-type'] ??= 'application/json';
    allHeaders['content-length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      target,
      { method, headers: allHeaders, ca, timeout: timeoutMs },
      (incoming) => {
        const chunks = [];
        incoming.on('data', (chunk) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: incoming.statusCode,
            statusText: incoming.statusMessage,
            headers: incoming.headers,
            text,
            json: parseJson(text, incoming.headers['content-type']),
          });
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`no answer from ${target.origin} within ${timeoutMs} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function parseJson(text, contentType = '') {
  if (!/json/i.test(contentType) || text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
