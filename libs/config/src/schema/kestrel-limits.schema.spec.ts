import { describe, expect, it } from 'vitest';
import { ConfigurationTree } from '../configuration-tree';
import { hostSchema, hostShape } from './host.schema';
import { parseSection } from './parse-section';

// Through the host schema, as the loader reads them, so problems carry the full `Kestrel:Limits:…` key.
const parseLimits = (...pairs: [string, string][]) => {
  const tree = ConfigurationTree.fromLayers([pairs]);
  const input = Object.fromEntries(Object.keys(hostShape).map((key) => [key, tree.toValue(key)]));
  return parseSection(hostSchema, input, '');
};

const valueOf = <T>(result: { ok: true; value: T } | { ok: false }) => {
  if (!result.ok) throw new Error('expected valid settings');
  return result.value;
};

describe('Kestrel:Limits', () => {
  it("should default to Kestrel's limits: 2 min 10 s keep-alive, 30 s headers, 240 B/s after 5 s, no connection cap", () => {
    // Arrange / Act
    const host = valueOf(parseLimits());

    // Assert
    expect(host).toMatchObject({
      keepAliveTimeoutMs: 130_000,
      requestHeadersTimeoutMs: 30_000,
      minRequestBodyDataRate: { bytesPerSecond: 240, gracePeriodMs: 5_000 },
      maxConcurrentConnections: undefined,
    });
  });

  it('should read TimeSpans and seconds, in any key casing', () => {
    // Arrange / Act
    const host = valueOf(
      parseLimits(
        ['Kestrel:Limits:KeepAliveTimeout', '00:00:02'],
        ['kestrel:limits:requestheaderstimeout', '1.5'],
        ['Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond', '100.5'],
        ['Kestrel:Limits:MinRequestBodyDataRate:GracePeriod', '1.00:00:00'],
        ['Kestrel:Limits:MaxConcurrentConnections', '100'],
      ),
    );

    // Assert
    expect(host).toMatchObject({
      keepAliveTimeoutMs: 2_000,
      requestHeadersTimeoutMs: 1_500,
      minRequestBodyDataRate: { bytesPerSecond: 100.5, gracePeriodMs: 86_400_000 },
      maxConcurrentConnections: 100,
    });
  });

  it('should keep the default for the half of MinRequestBodyDataRate that is not set', () => {
    // Arrange / Act
    const rateOnly = valueOf(parseLimits(['Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond', '50']));
    const graceOnly = valueOf(parseLimits(['Kestrel:Limits:MinRequestBodyDataRate:GracePeriod', '00:00:10']));

    // Assert
    expect(rateOnly.minRequestBodyDataRate).toEqual({ bytesPerSecond: 50, gracePeriodMs: 5_000 });
    expect(graceOnly.minRequestBodyDataRate).toEqual({ bytesPerSecond: 240, gracePeriodMs: 10_000 });
  });

  it('should turn the body data rate off when BytesPerSecond is 0', () => {
    // Arrange / Act
    const host = valueOf(parseLimits(['Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond', '0']));

    // Assert
    expect(host.minRequestBodyDataRate).toBeUndefined();
  });

  it('should hold timeouts longer than Node timers can count at 24 days', () => {
    // Arrange / Act
    const host = valueOf(parseLimits(['Kestrel:Limits:KeepAliveTimeout', '365.00:00:00']));

    // Assert
    expect(host.keepAliveTimeoutMs).toBe(24 * 24 * 3_600_000);
  });

  it('should name the key and the reason for every invalid limit', () => {
    // Arrange / Act
    const result = parseLimits(
      ['Kestrel:Limits:KeepAliveTimeout', '0'],
      ['Kestrel:Limits:RequestHeadersTimeout', 'soon'],
      ['Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond', '-1'],
      ['Kestrel:Limits:MinRequestBodyDataRate:GracePeriod', '00:00:01'],
      ['Kestrel:Limits:MaxConcurrentConnections', 'many'],
    );

    // Assert
    expect(result.ok ? [] : result.problems).toEqual([
      {
        key: 'Kestrel:Limits:KeepAliveTimeout',
        reason: "must be a positive TimeSpan (hh:mm:ss) or number of seconds, not '0'",
      },
      {
        key: 'Kestrel:Limits:RequestHeadersTimeout',
        reason: "must be a positive TimeSpan (hh:mm:ss) or number of seconds, not 'soon'",
      },
      {
        key: 'Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond',
        reason: "must be a non-negative number of bytes per second, not '-1'",
      },
      {
        key: 'Kestrel:Limits:MinRequestBodyDataRate:GracePeriod',
        reason: "must be a TimeSpan (hh:mm:ss) or number of seconds longer than 1 second, not '00:00:01'",
      },
      { key: 'Kestrel:Limits:MaxConcurrentConnections', reason: 'must be a non-negative integer' },
    ]);
  });

  it('should refuse a single value where MinRequestBodyDataRate needs its two keys', () => {
    // Arrange / Act
    const result = parseLimits(['Kestrel:Limits:MinRequestBodyDataRate', '240']);

    // Assert
    expect(result.ok ? [] : result.problems).toEqual([
      { key: 'Kestrel:Limits:MinRequestBodyDataRate', reason: 'must be a section, not a single value' },
    ]);
  });
});
