import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { flag, optionalText, quote, section, textOr, unlessProblemsAt } from './config-values';

/** One `host:port` of `Redis:ClusterNodes` or `Redis:Sentinels`. */
export interface RedisEndpoint {
  readonly host: string;
  readonly port: number;
}

/** Where the shared cache lives: the key that is set decides (exactly one of the three). */
export type RedisTopology =
  /** `ConnectionString`: one server (or a proxy in front of several). */
  | { readonly mode: 'standalone'; readonly connectionString: string }
  /** `ClusterNodes`: a Redis Cluster; any reachable node tells the client where the others are. */
  | { readonly mode: 'cluster'; readonly nodes: readonly RedisEndpoint[] }
  /** `Sentinels` + `SentinelMasterName`: the master those sentinels name, followed through failovers. */
  | {
      readonly mode: 'sentinel';
      readonly sentinels: readonly RedisEndpoint[];
      readonly masterName: string;
    };

/** `Sidecar:TokenCache:Redis`, when a topology key is set. */
export interface RedisSettings {
  readonly topology: RedisTopology;
  /** `Password`: the data nodes' password (a secret); a connection string's own password comes first. */
  readonly password?: string;
  /** TLS on every connection (`Tls:Enabled` or a `rediss://` connection string); undefined = plain TCP. */
  readonly tls?: {
    /** `Tls:CaFile`: PEM of the CA to trust besides the system's (self-signed or private CAs). */
    readonly caFile?: string;
  };
  /** Base64 of 32 random bytes: the AES-256-GCM key entries are encrypted with at rest (a secret). */
  readonly encryptionKey: string;
  /** @default 'sidecar:token:' */
  readonly keyPrefix: string;
}

const ENDPOINT = /^(\[[^\]\s]+\]|[^\s:[\]]+):(\d{1,5})$/;

// An array (`ClusterNodes:0`, `ClusterNodes:1`) or one string separated by commas or whitespace.
const endpointList = () =>
  z
    .preprocess(
      (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter((entry) => entry !== '') : value),
      z.array(z.string({ error: 'must be a list of host:port' })).optional(),
    )
    .superRefine((entries, ctx) => {
      for (const entry of entries ?? []) {
        const port = Number(ENDPOINT.exec(entry)?.[2] ?? 0);
        if (port < 1 || port > 65_535)
          ctx.addIssue({ code: 'custom', message: `${quote(entry)} is not host:port` });
      }
    })
    .transform((entries) =>
      entries === undefined || entries.length === 0 ? undefined : entries.map(toEndpoint),
    );

const toEndpoint = (entry: string): RedisEndpoint => {
  const [, host, port] = ENDPOINT.exec(entry) ?? [];
  return { host: host.replace(/^\[(.*)\]$/, '$1'), port: Number(port) };
};

const TOPOLOGY_KEYS = ['ConnectionString', 'ClusterNodes', 'Sentinels'] as const;

/** Documented key names of `Sidecar:TokenCache:Redis:Tls`. */
export const redisTlsShape = { Enabled: flag(false), CaFile: optionalText() };

/** Documented key names of `Sidecar:TokenCache:Redis`. */
export const redisShape = {
  ConnectionString: optionalText(),
  ClusterNodes: endpointList(),
  Sentinels: endpointList(),
  SentinelMasterName: optionalText(),
  Password: optionalText(),
  Tls: section(redisTlsShape),
  EncryptionKey: optionalText(),
  KeyPrefix: textOr('sidecar:token:'),
};

type RawRedis = {
  ConnectionString?: string;
  ClusterNodes?: RedisEndpoint[];
  Sentinels?: RedisEndpoint[];
  SentinelMasterName?: string;
  Password?: string;
  Tls: { Enabled: boolean; CaFile?: string };
  EncryptionKey?: string;
  KeyPrefix: string;
};

const topologyKeysOf = (raw: RawRedis) => TOPOLOGY_KEYS.filter((key) => raw[key] !== undefined);
const tlsOn = (raw: RawRedis) => raw.Tls.Enabled || /^rediss:/i.test(raw.ConnectionString ?? '');

// Cross-key rules. Reasons never quote EncryptionKey or Password: they are secrets.
function checkRedis(raw: RawRedis, ctx: z.RefinementCtx): void {
  const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const [topology, ...extra] = topologyKeysOf(raw);
  for (const key of extra)
    issue([key], `cannot be set with Redis:${topology}: set one of ${TOPOLOGY_KEYS.join(', ')}`);
  if (raw.SentinelMasterName !== undefined && raw.Sentinels === undefined)
    issue(['SentinelMasterName'], 'is only used with Redis:Sentinels');
  if (raw.Sentinels !== undefined && raw.SentinelMasterName === undefined)
    issue(['SentinelMasterName'], 'is required with Redis:Sentinels');
  if (raw.Tls.CaFile !== undefined) checkCaFile(raw, issue);
  if (topology === undefined) return;
  if (raw.EncryptionKey === undefined) issue(['EncryptionKey'], `is required with Redis:${topology}`);
  else if (Buffer.from(raw.EncryptionKey, 'base64').length !== 32)
    issue(['EncryptionKey'], 'must be the base64 of exactly 32 bytes');
}

function checkCaFile(raw: RawRedis, issue: (path: string[], message: string) => void): void {
  const path = ['Tls', 'CaFile'];
  if (!tlsOn(raw)) {
    issue(path, 'needs TLS: set Redis:Tls:Enabled to true or use a rediss:// connection string');
    return;
  }
  let pem: string;
  try {
    pem = readFileSync(raw.Tls.CaFile!, 'utf8');
  } catch (error) {
    issue(
      path,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${quote(raw.Tls.CaFile!)}`,
    );
    return;
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    issue(path, `holds no PEM certificate: ${quote(raw.Tls.CaFile!)}`);
}

/** `Sidecar:TokenCache:Redis` with its cross-key rules, which run even when other keys have problems. */
export const redisSection = () =>
  section(redisShape).superRefine(
    checkRedis,
    unlessProblemsAt(['ConnectionString'], ['EncryptionKey'], ['Tls']),
  );

/** The typed view of `Sidecar:TokenCache:Redis`: undefined when no topology key is set (memory only). */
export function toRedisSettings(raw: RawRedis): RedisSettings | undefined {
  const topology = toTopology(raw);
  if (topology === undefined || raw.EncryptionKey === undefined) return undefined;
  return {
    topology,
    password: raw.Password,
    tls: tlsOn(raw) ? { caFile: raw.Tls.CaFile } : undefined,
    encryptionKey: raw.EncryptionKey,
    keyPrefix: raw.KeyPrefix,
  };
}

function toTopology(raw: RawRedis): RedisTopology | undefined {
  if (raw.ConnectionString !== undefined)
    return { mode: 'standalone', connectionString: raw.ConnectionString };
  if (raw.ClusterNodes !== undefined) return { mode: 'cluster', nodes: raw.ClusterNodes };
  if (raw.Sentinels !== undefined && raw.SentinelMasterName !== undefined)
    return { mode: 'sentinel', sentinels: raw.Sentinels, masterName: raw.SentinelMasterName };
  return undefined;
}
