import { describe, expect, it } from 'vitest';
import { ConfigurationTree } from '../configuration-tree';
import { hostSchema, hostShape } from './host.schema';
import { parseSection } from './parse-section';

const parseHost = (...layers: [string, string][][]) => {
  const tree = ConfigurationTree.fromLayers(layers);
  const input = Object.fromEntries(Object.keys(hostShape).map((key) => [key, tree.toValue(key)]));
  return parseSection(hostSchema, input, '');
};

const valueOf = <T>(result: { ok: true; value: T } | { ok: false }) => {
  if (!result.ok) throw new Error('expected valid settings');
  return result.value;
};

describe('hostSchema', () => {
  it('should default to Production, 0.0.0.0:5000, Kestrel limits and an 8 s shutdown', () => {
    // Arrange / Act
    const host = valueOf(parseHost());

    // Assert
    expect(host).toEqual({
      environment: 'Production',
      isDevelopment: false,
      listenAddresses: [{ url: 'http://0.0.0.0:5000', host: '0.0.0.0', port: 5000 }],
      maxRequestBodySizeBytes: 30_000_000,
      maxRequestHeadersTotalSizeBytes: 32_768,
      keepAliveTimeoutMs: 130_000,
      requestHeadersTimeoutMs: 30_000,
      minRequestBodyDataRate: { bytesPerSecond: 240, gracePeriodMs: 5_000 },
      maxConcurrentConnections: undefined,
      shutdownTimeoutMs: 8_000,
    });
  });

  it('should recognise Development case-insensitively', () => {
    // Arrange / Act
    const host = valueOf(parseHost([['environment', 'development']]));

    // Assert
    expect(host.isDevelopment).toBe(true);
  });

  it('should prefer Kestrel:Endpoints:Http:Url over urls and http_ports', () => {
    // Arrange / Act
    const host = valueOf(
      parseHost([
        ['Kestrel:Endpoints:Http:Url', 'http://127.0.0.1:5001'],
        ['urls', 'http://+:5002'],
        ['http_ports', '5003'],
      ]),
    );

    // Assert
    expect(host.listenAddresses).toEqual([{ url: 'http://127.0.0.1:5001', host: '127.0.0.1', port: 5001 }]);
  });

  it('should read a ;-separated urls list, mapping + and * to all interfaces and keeping localhost', () => {
    // Arrange / Act
    const host = valueOf(
      parseHost([
        ['urls', 'http://+:5000; http://*:5001;http://localhost:5002;http://[::1]:5003;http://0.0.0.0'],
      ]),
    );

    // Assert
    expect(host.listenAddresses).toEqual([
      { url: 'http://+:5000', host: '::', port: 5000 },
      { url: 'http://*:5001', host: '::', port: 5001 },
      { url: 'http://localhost:5002', host: 'localhost', port: 5002 },
      { url: 'http://[::1]:5003', host: '::1', port: 5003 },
      { url: 'http://0.0.0.0', host: '0.0.0.0', port: 80 },
    ]);
  });

  it('should prefer urls over http_ports', () => {
    // Arrange / Act
    const host = valueOf(
      parseHost([
        ['urls', 'http://127.0.0.1:6000'],
        ['http_ports', '8080'],
      ]),
    );

    // Assert
    expect(host.listenAddresses).toEqual([{ url: 'http://127.0.0.1:6000', host: '127.0.0.1', port: 6000 }]);
  });

  it('should listen on all interfaces for each of http_ports', () => {
    // Arrange / Act
    const host = valueOf(parseHost([['http_ports', '8080;8081']]));

    // Assert
    expect(host.listenAddresses).toEqual([
      { url: 'http://*:8080', host: '::', port: 8080 },
      { url: 'http://*:8081', host: '::', port: 8081 },
    ]);
  });

  it('should report https, bad ports and paths with one problem per offending address', () => {
    // Arrange / Act
    const result = parseHost([['urls', 'https://+:443;http://+:99999;http://+:5000/base;ftp://x']]);

    // Assert
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((problem) => problem.key)).toEqual(['urls', 'urls', 'urls', 'urls']);
    expect(problems[0].reason).toContain('plain HTTP');
    expect(problems[1].reason).toContain('invalid port');
    expect(problems[2].reason).toContain('path');
  });

  it('should report an https Kestrel endpoint and non-numeric http_ports under their keys', () => {
    // Arrange / Act
    const kestrel = parseHost([['Kestrel:Endpoints:Http:Url', 'https://localhost:5001']]);
    const ports = parseHost([['http_ports', '80;abc']]);

    // Assert
    expect(kestrel.ok ? [] : kestrel.problems.map((problem) => problem.key)).toEqual([
      'Kestrel:Endpoints:Http:Url',
    ]);
    expect(ports.ok ? [] : ports.problems.map((problem) => problem.key)).toEqual(['http_ports']);
  });

  it('should read Kestrel limits and a TimeSpan or seconds shutdown timeout', () => {
    // Arrange / Act
    const timeSpan = valueOf(
      parseHost([
        ['Kestrel:Limits:MaxRequestBodySize', '1024'],
        ['Kestrel:Limits:MaxRequestHeadersTotalSize', '2048'],
        ['HostOptions:ShutdownTimeout', '00:00:05.5'],
      ]),
    );
    const seconds = valueOf(parseHost([['HostOptions:ShutdownTimeout', '3']]));

    // Assert
    expect(timeSpan.maxRequestBodySizeBytes).toBe(1024);
    expect(timeSpan.maxRequestHeadersTotalSizeBytes).toBe(2048);
    expect(timeSpan.shutdownTimeoutMs).toBe(5_500);
    expect(seconds.shutdownTimeoutMs).toBe(3_000);
  });

  it('should report non-integer limits and an unreadable timeout', () => {
    // Arrange / Act
    const result = parseHost([
      ['Kestrel:Limits:MaxRequestBodySize', '1.5'],
      ['Kestrel:Limits:MaxRequestHeadersTotalSize', 'big'],
      ['HostOptions:ShutdownTimeout', 'soon'],
    ]);

    // Assert
    expect(result.ok ? [] : result.problems).toEqual([
      { key: 'Kestrel:Limits:MaxRequestBodySize', reason: 'must be a non-negative integer' },
      { key: 'Kestrel:Limits:MaxRequestHeadersTotalSize', reason: 'must be a non-negative integer' },
      {
        key: 'HostOptions:ShutdownTimeout',
        reason: "must be a TimeSpan (hh:mm:ss) or a number of seconds, not 'soon'",
      },
    ]);
  });

  it('should report address problems together with limit problems, never quoting user information', () => {
    // Arrange / Act
    const result = parseHost([
      ['urls', 'http://admin:hunter2@localhost:5000'],
      ['Kestrel:Limits:MaxRequestBodySize', '-1'],
    ]);

    // Assert
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((problem) => problem.key)).toEqual(['Kestrel:Limits:MaxRequestBodySize', 'urls']);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });
});
