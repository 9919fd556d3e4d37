import { describe, expect, it } from 'vitest';
import { buildOutboundHeaders } from './outbound-headers';

const BASE = { acceptHeader: 'application/json', authorization: 'Bearer acquired' };

describe('buildOutboundHeaders', () => {
  it('should send Accept, the extra headers, the acquired Authorization and the forwarded Content-Type', () => {
    // Act
    const { headers, dropped } = buildOutboundHeaders({
      ...BASE,
      extraHeaderParameters: { 'X-Custom-Tracking': 'trace-id-42', 'OData-Version': '4.0' },
      contentType: 'application/json; charset=utf-8',
    });

    // Assert
    expect(headers).toEqual({
      Accept: 'application/json',
      'X-Custom-Tracking': 'trace-id-42',
      'OData-Version': '4.0',
      Authorization: 'Bearer acquired',
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(dropped).toEqual([]);
  });

  it.each([
    'Authorization',
    'authorization',
    'Cookie',
    'Host',
    'X-Original-URL',
    'X-MS-CLIENT-PRINCIPAL',
    'x-ms-client-principal-id',
    'X-MS-CLIENT-PRINCIPAL-NAME',
    'X-MS-CLIENT-PRINCIPAL-IDP',
    'X-Forwarded-For',
    'x-forwarded-host',
    'X-MS-TOKEN-AAD-ACCESS-TOKEN',
    'Content-Length',
    'Transfer-Encoding',
    'Content-Type',
    'Connection',
  ])('should drop the reserved header %s and keep exactly one Authorization', (name) => {
    // Act
    const { headers, dropped } = buildOutboundHeaders({
      ...BASE,
      extraHeaderParameters: { [name]: 'caller-supplied' },
    });

    // Assert
    expect(dropped).toEqual([{ name, reason: 'reserved' }]);
    expect(Object.keys(headers).filter((h) => h.toLowerCase() === 'authorization')).toEqual([
      'Authorization',
    ]);
    expect(headers.Authorization).toBe('Bearer acquired');
    expect(Object.values(headers)).not.toContain('caller-supplied');
  });

  it('should drop an extra header already present and one with an illegal value', () => {
    // Act
    const { headers, dropped } = buildOutboundHeaders({
      ...BASE,
      extraHeaderParameters: { accept: 'text/html', 'X-Injected': 'a\r\nX-Evil: 1' },
    });

    // Assert
    expect(headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer acquired' });
    expect(dropped).toEqual([
      { name: 'accept', reason: 'duplicate' },
      { name: 'X-Injected', reason: 'invalid' },
    ]);
  });

  it('should leave Accept out when the profile sets it empty', () => {
    // Act
    const { headers } = buildOutboundHeaders({ ...BASE, acceptHeader: '', extraHeaderParameters: {} });

    // Assert
    expect(headers).toEqual({ Authorization: 'Bearer acquired' });
  });
});
