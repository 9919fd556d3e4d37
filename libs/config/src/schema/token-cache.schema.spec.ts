import { describe, expect, it } from 'vitest';
import { parseSection } from './parse-section';
import { sidecarSchema } from './sidecar.schema';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('Sidecar:TokenCache and Sidecar:TokenAcquisition', () => {
  it('should read the Redis settings with the default key prefix', () => {
    // Act
    const result = parseSection(
      sidecarSchema,
      {
        TokenCache: {
          MaxEntries: '500',
          Redis: { ConnectionString: 'redis://127.0.0.1:6379', EncryptionKey: KEY },
        },
      },
      'Sidecar',
    );

    // Assert
    expect(result.ok && result.value.tokenCache).toEqual({
      maxBytes: 32 * 2 ** 20,
      maxEntries: 500,
      redis: {
        topology: { mode: 'standalone', connectionString: 'redis://127.0.0.1:6379' },
        password: undefined,
        tls: undefined,
        encryptionKey: KEY,
        keyPrefix: 'sidecar:token:',
      },
    });
  });

  it('should read a memory budget and refuse one under 1 MiB or one that is not a number of bytes', () => {
    // Act
    const budget = parseSection(sidecarSchema, { TokenCache: { MaxBytes: '8388608' } }, 'Sidecar');
    const tiny = parseSection(
      sidecarSchema,
      { TokenCache: { MaxBytes: '64' }, Validation: { VerifiedTokenCacheBytes: '1000' } },
      'Sidecar',
    );
    const words = parseSection(sidecarSchema, { TokenCache: { MaxBytes: '64MB' } }, 'Sidecar');

    // Assert
    expect(budget.ok && budget.value.tokenCache.maxBytes).toBe(8_388_608);
    expect(tiny.ok ? [] : tiny.problems).toEqual([
      { key: 'Sidecar:Validation:VerifiedTokenCacheBytes', reason: 'must be at least 1048576 (bytes)' },
      { key: 'Sidecar:TokenCache:MaxBytes', reason: 'must be at least 1048576 (bytes)' },
    ]);
    expect(words.ok ? [] : words.problems).toEqual([
      expect.objectContaining({
        key: 'Sidecar:TokenCache:MaxBytes',
        reason: 'must be a non-negative integer',
      }),
    ]);
  });

  it('should require a 32-byte encryption key with Redis, without quoting it', () => {
    // Act
    const missing = parseSection(
      sidecarSchema,
      { TokenCache: { Redis: { ConnectionString: 'redis://x' } } },
      'Sidecar',
    );
    const short = parseSection(
      sidecarSchema,
      { TokenCache: { Redis: { ConnectionString: 'redis://x', EncryptionKey: 'c2hvcnQ=' } } },
      'Sidecar',
    );

    // Assert
    expect(missing.ok ? [] : missing.problems).toEqual([
      expect.objectContaining({
        key: 'Sidecar:TokenCache:Redis:EncryptionKey',
        reason: 'is required with Redis:ConnectionString',
      }),
    ]);
    expect(short.ok ? '' : JSON.stringify(short.problems)).toContain('exactly 32 bytes');
    expect(short.ok ? '' : JSON.stringify(short.problems)).not.toContain('c2hvcnQ=');
  });

  it('should read the token timeout as a TimeSpan or seconds and refuse zero', () => {
    // Act
    const seconds = parseSection(sidecarSchema, { TokenAcquisition: { Timeout: '2.5' } }, 'Sidecar');
    const zero = parseSection(sidecarSchema, { TokenAcquisition: { Timeout: '0' } }, 'Sidecar');

    // Assert
    expect(seconds.ok && seconds.value.tokenAcquisition.timeoutMs).toBe(2_500);
    expect(zero.ok).toBe(false);
  });
});
