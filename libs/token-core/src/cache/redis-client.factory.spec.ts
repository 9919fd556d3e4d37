import type { RedisSettings } from '@app/config';
import { Cluster, Redis } from 'ioredis';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisClient, type RedisClient } from './redis-client.factory';

const dir = mkdtempSync(join(tmpdir(), 'redis-client-'));
const caFile = join(dir, 'ca.pem');
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
writeFileSync(caFile, CA_PEM);

// Port 1 on loopback: nothing listens, so the clients fail to connect and stay quiet (errors are swallowed here).
const base = { encryptionKey: '', keyPrefix: 'p:', password: 'pw' } as const;
const clients: RedisClient[] = [];
const create = (settings: RedisSettings): RedisClient => {
  const client = createRedisClient(settings, 500);
  client.on('error', () => undefined);
  client.on('node error', () => undefined);
  clients.push(client);
  return client;
};

describe('createRedisClient', () => {
  afterAll(() => {
    for (const client of clients) client.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should connect to a Cluster or a Sentinel master with the password and the same fail-fast options', () => {
    // Act
    const cluster = create({
      ...base,
      topology: { mode: 'cluster', nodes: [{ host: '127.0.0.1', port: 1 }] },
    });
    const sentinel = create({
      ...base,
      topology: { mode: 'sentinel', sentinels: [{ host: '127.0.0.1', port: 1 }], masterName: 'tokens' },
    });

    // Assert
    expect(cluster).toBeInstanceOf(Cluster);
    expect((cluster as Cluster).options.redisOptions).toMatchObject({
      password: 'pw',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
    });
    expect((sentinel as Redis).options).toMatchObject({
      name: 'tokens',
      password: 'pw',
      sentinels: [{ host: '127.0.0.1', port: 1 }],
      enableOfflineQueue: false,
    });
  });

  it('should trust the CA file besides the system CAs, for the master and the sentinels', () => {
    // Act
    const sentinel = create({
      ...base,
      topology: { mode: 'sentinel', sentinels: [{ host: '127.0.0.1', port: 1 }], masterName: 'tokens' },
      tls: { caFile },
    });

    // Assert
    const options = (sentinel as Redis).options;
    expect(options.tls?.ca).toEqual([...rootCertificates, CA_PEM]);
    expect(options.sentinelTLS).toBe(options.tls);
    expect(options.enableTLSForSentinelMode).toBe(true);
  });

  it("should let a connection string's own password come first", () => {
    // Act
    const own = create({
      ...base,
      topology: { mode: 'standalone', connectionString: 'rediss://:own@127.0.0.1:1' },
    });

    // Assert
    expect((own as Redis).options).toMatchObject({ password: 'own', tls: {} });
    expect((own as Redis).options.tls?.ca).toBeUndefined();
  });
});
