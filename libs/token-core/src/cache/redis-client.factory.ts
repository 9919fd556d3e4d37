import type { RedisSettings } from '@app/config';
import type { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import { readFileSync } from 'node:fs';
import { type ConnectionOptions, rootCertificates } from 'node:tls';

/** A connection to the shared cache, whatever its topology: both speak the same commands and events. */
export type RedisClient = Redis | Cluster;

// Reconnect quickly at first, then every 2 s: the cache must come back soon after Redis does.
const retryStrategy = (attempt: number): number => Math.min(attempt * 200, 2_000);

/**
 * The one place a Redis connection is made (the token cache, long-running OBO sessions and PoP replay claims all
 * share it), so every topology works for every use. Commands fail fast instead of queueing: the callers treat a
 * failure as "unavailable" and carry on from memory.
 */
export function createRedisClient(settings: RedisSettings, commandTimeoutMs: number): RedisClient {
  // ioredis is loaded only when a Redis cache is configured: most sidecars never need it at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ioredis = require('ioredis') as typeof import('ioredis');
  const tls = tlsOptions(settings);
  const connection: RedisOptions = {
    password: settings.password,
    tls,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: commandTimeoutMs * 4,
    retryStrategy,
  };
  const topology = settings.topology;
  switch (topology.mode) {
    case 'standalone':
      // ioredis keeps the connection string's own password where it has one; `Password` fills in otherwise.
      return new ioredis.Redis(topology.connectionString, connection);
    case 'sentinel':
      return new ioredis.Redis({
        ...connection,
        sentinels: [...topology.sentinels],
        name: topology.masterName,
        // With TLS on, the sentinels are reached over TLS too, trusting the same CA.
        enableTLSForSentinelMode: tls !== undefined,
        sentinelTLS: tls,
        sentinelRetryStrategy: retryStrategy,
        // Subscribes to the sentinels' +switch-master: a failover is followed at once, not on the next error.
        failoverDetector: true,
      });
    case 'cluster': {
      const options: ClusterOptions = {
        redisOptions: connection,
        enableOfflineQueue: false,
        clusterRetryStrategy: retryStrategy,
        slotsRefreshTimeout: commandTimeoutMs * 2,
      };
      return new ioredis.Cluster([...topology.nodes], options);
    }
  }
}

function tlsOptions(settings: RedisSettings): ConnectionOptions | undefined {
  if (settings.tls === undefined) return undefined;
  const caFile = settings.tls.caFile;
  // The CA is added to Node's own list, so public CAs stay trusted (a managed Redis behind a public certificate).
  if (caFile === undefined) return {};
  return { ca: [...rootCertificates, readFileSync(caFile, 'utf8')] };
}
