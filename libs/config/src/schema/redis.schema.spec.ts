import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quote } from './config-values';
import { parseSection } from './parse-section';
import { sidecarSchema } from './sidecar.schema';

const KEY = Buffer.alloc(32, 7).toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'redis-schema-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const notPem = join(dir, 'not.pem');
writeFileSync(notPem, 'hello');

const parseRedis = (redis: Record<string, unknown>) =>
  parseSection(sidecarSchema, { TokenCache: { Redis: { EncryptionKey: KEY, ...redis } } }, 'Sidecar');
const redisOf = (redis: Record<string, unknown>) => {
  const result = parseRedis(redis);
  return result.ok ? result.value.tokenCache.redis : result.problems;
};
const problemsOf = (redis: Record<string, unknown>) => {
  const result = parseRedis(redis);
  return result.ok ? [] : result.problems;
};

describe('Sidecar:TokenCache:Redis topologies', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should read cluster nodes from a list or from one comma-separated string', () => {
    // Act
    const fromString = redisOf({ ClusterNodes: 'redis-0:7000, redis-1:7001,[::1]:7002' });
    const fromList = redisOf({ ClusterNodes: ['redis-0:7000'], Password: 'pw' });

    // Assert
    expect(fromString).toMatchObject({
      topology: {
        mode: 'cluster',
        nodes: [
          { host: 'redis-0', port: 7000 },
          { host: 'redis-1', port: 7001 },
          { host: '::1', port: 7002 },
        ],
      },
    });
    expect(fromList).toMatchObject({
      topology: { mode: 'cluster', nodes: [{ host: 'redis-0', port: 7000 }] },
      password: 'pw',
    });
  });

  it('should read sentinels with their master name, and require the name', () => {
    // Act
    const sentinel = redisOf({ Sentinels: 's0:26379 s1:26379', SentinelMasterName: 'tokens' });
    const unnamed = problemsOf({ Sentinels: 's0:26379' });
    const orphanName = problemsOf({ ConnectionString: 'redis://r:6379', SentinelMasterName: 'tokens' });

    // Assert
    expect(sentinel).toMatchObject({
      topology: {
        mode: 'sentinel',
        masterName: 'tokens',
        sentinels: [
          { host: 's0', port: 26379 },
          { host: 's1', port: 26379 },
        ],
      },
    });
    expect(unnamed).toEqual([
      { key: 'Sidecar:TokenCache:Redis:SentinelMasterName', reason: 'is required with Redis:Sentinels' },
    ]);
    expect(orphanName).toEqual([
      { key: 'Sidecar:TokenCache:Redis:SentinelMasterName', reason: 'is only used with Redis:Sentinels' },
    ]);
  });

  it('should refuse two topologies at once and an entry that is not host:port, naming the key', () => {
    // Act
    const both = problemsOf({ ConnectionString: 'redis://r:6379', ClusterNodes: 'c:7000' });
    const badEntries = problemsOf({ ClusterNodes: 'c:7000,c,c:70000' });

    // Assert
    expect(both).toEqual([
      {
        key: 'Sidecar:TokenCache:Redis:ClusterNodes',
        reason:
          'cannot be set with Redis:ConnectionString: set one of ConnectionString, ClusterNodes, Sentinels',
      },
    ]);
    expect(badEntries).toEqual([
      { key: 'Sidecar:TokenCache:Redis:ClusterNodes', reason: "'c' is not host:port" },
      { key: 'Sidecar:TokenCache:Redis:ClusterNodes', reason: "'c:70000' is not host:port" },
    ]);
  });

  it('should turn TLS on with rediss:// or Tls:Enabled, with an optional CA file', () => {
    // Act
    const byScheme = redisOf({ ConnectionString: 'rediss://r:6380', Tls: { CaFile: caFile } });
    const byFlag = redisOf({ ClusterNodes: 'c:7000', Tls: { Enabled: 'true' } });
    const plain = redisOf({ ConnectionString: 'redis://r:6379' });

    // Assert
    expect(byScheme).toMatchObject({ tls: { caFile } });
    expect(byFlag).toMatchObject({ tls: { caFile: undefined } });
    expect(plain).toMatchObject({ tls: undefined });
  });

  it('should refuse a CA file without TLS, one that cannot be read, and one without a certificate', () => {
    // Act
    const withoutTls = problemsOf({ ConnectionString: 'redis://r:6379', Tls: { CaFile: caFile } });
    const missing = problemsOf({
      ConnectionString: 'rediss://r:6380',
      Tls: { CaFile: join(dir, 'nope.pem') },
    });
    const notCertificate = problemsOf({ ConnectionString: 'rediss://r:6380', Tls: { CaFile: notPem } });

    // Assert
    const key = 'Sidecar:TokenCache:Redis:Tls:CaFile';
    expect(withoutTls).toEqual([
      { key, reason: 'needs TLS: set Redis:Tls:Enabled to true or use a rediss:// connection string' },
    ]);
    expect(missing).toEqual([{ key, reason: `cannot be read (ENOENT): ${quote(join(dir, 'nope.pem'))}` }]);
    expect(notCertificate).toEqual([{ key, reason: `holds no PEM certificate: ${quote(notPem)}` }]);
  });

  it('should require the encryption key with any topology and never quote the password', () => {
    // Act
    const result = parseSection(
      sidecarSchema,
      { TokenCache: { Redis: { Sentinels: 's0:26379', Password: 'hunter2-secret' } } },
      'Sidecar',
    );

    // Assert
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      { key: 'Sidecar:TokenCache:Redis:SentinelMasterName', reason: 'is required with Redis:Sentinels' },
      { key: 'Sidecar:TokenCache:Redis:EncryptionKey', reason: 'is required with Redis:Sentinels' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('hunter2-secret');
  });
});
