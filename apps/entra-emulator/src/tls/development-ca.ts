import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { generate } from 'selfsigned';

/** The development CA and the `localhost` server certificate it signed. */
export interface DevelopmentCa {
  /** PEM of the CA certificate: give this path to `NODE_EXTRA_CA_CERTS`. */
  readonly caCertPath: string;
  readonly caCertPem: string;
  /** Server certificate (PEM) for `localhost` and `127.0.0.1`, signed by the CA. */
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
}

/** The CA with its key: what the emulator needs to issue certificates for further loopback names. */
export interface DevelopmentCaSigner extends DevelopmentCa {
  readonly caKeyPem: string;
}

interface TlsBundle {
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

const BUNDLE_FILE = 'entra-emulator-tls.json';
const CA_FILE = 'ca.pem';
const VALIDITY_DAYS = 825;

type CertificateExtensions = NonNullable<NonNullable<Parameters<typeof generate>[1]>['extensions']>;

/** A TLS server certificate's extensions, for the given names (DNS: type 2, `value`; IP: type 7, `ip`). */
export function serverCertificateExtensions(
  altNames: { type: 2 | 7; value?: string; ip?: string }[],
): CertificateExtensions {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ];
}

async function generateBundle(): Promise<TlsBundle> {
  // selfsigned (a dev dependency) is loaded only when a CA has to be created.
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfterDate = new Date(Date.now() + VALIDITY_DAYS * 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'Entra emulator development CA' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: serverCertificateExtensions([
      { type: 2, value: 'localhost' },
      { type: 7, ip: '127.0.0.1' },
    ]),
  });
  return { caCert: ca.cert, caKey: ca.private, serverCert: server.cert, serverKey: server.private };
}

async function readBundle(path: string): Promise<TlsBundle | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as TlsBundle;
  } catch {
    return undefined;
  }
}

function tempName(dir: string, file: string): string {
  return join(dir, `.${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Creates the bundle once per directory. Racing processes each write a temp file and `link` it into place:
 * `link` never overwrites, so exactly one bundle wins and every process then reads that one.
 */
async function ensureBundle(dir: string): Promise<TlsBundle> {
  const bundlePath = join(dir, BUNDLE_FILE);
  const existing = await readBundle(bundlePath);
  if (existing) return existing;
  const temp = tempName(dir, BUNDLE_FILE);
  await writeFile(temp, JSON.stringify(await generateBundle()), { mode: 0o600 });
  try {
    await link(temp, bundlePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp);
  }
  const winner = await readBundle(bundlePath);
  if (!winner) throw new Error(`Could not read the TLS bundle at ${bundlePath}.`);
  return winner;
}

/** Writes `ca.pem` from the bundle unless it already holds the same certificate (temp file, then rename). */
async function ensureCaFile(dir: string, caCert: string): Promise<string> {
  const caPath = join(dir, CA_FILE);
  const current = await readFile(caPath, 'utf8').catch(() => undefined);
  if (current === caCert) return caPath;
  const temp = tempName(dir, CA_FILE);
  await writeFile(temp, caCert);
  await rename(temp, caPath);
  return caPath;
}

/** Ensures a development CA and a `localhost` server certificate exist in `dir` (created once, then reused). */
export async function ensureDevelopmentCa(dir: string): Promise<DevelopmentCa> {
  const { caCertPath, caCertPem, serverCertPem, serverKeyPem } = await ensureDevelopmentCaSigner(dir);
  return { caCertPath, caCertPem, serverCertPem, serverKeyPem };
}

/** `ensureDevelopmentCa`, with the CA's key (the emulator's own use). */
export async function ensureDevelopmentCaSigner(dir: string): Promise<DevelopmentCaSigner> {
  await mkdir(dir, { recursive: true });
  const bundle = await ensureBundle(dir);
  const caCertPath = await ensureCaFile(dir, bundle.caCert);
  return {
    caCertPath,
    caCertPem: bundle.caCert,
    caKeyPem: bundle.caKey,
    serverCertPem: bundle.serverCert,
    serverKeyPem: bundle.serverKey,
  };
}
