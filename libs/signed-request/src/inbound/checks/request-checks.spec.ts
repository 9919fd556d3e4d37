import type { PopValidationSettings } from '@app/config';
import { createHash } from 'node:crypto';
import { popValidationSettings } from '@app/testing';
import { describe, expect, it } from 'vitest';
import type { OriginalRequest } from '../original-request';
import type { SignedRequestRejection } from '../signed-request.errors';
import { checkHost } from './host.check';
import { checkMethod } from './method.check';
import { checkPath } from './path.check';
import { checkQuery } from './query.check';
import { coverableQueryParameters, queryHash } from './query-hash';
import { checkRequestBinding } from './request-binding.check';
import { checkTimestamp } from './timestamp.check';

const reason = (check: () => unknown): string => {
  try {
    check();
    return 'accepted';
  } catch (error) {
    return (error as SignedRequestRejection).reason;
  }
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

describe('ts', () => {
  const now = 1_800_000_000_000;
  const lifetime = 300_000;
  const skew = 60_000;
  const at = (offsetSeconds: number) => ({ ts: now / 1000 + offsetSeconds });

  it('should accept an SHR within its lifetime and answer when it stops being acceptable', () => {
    expect(checkTimestamp(at(-10), now, lifetime, skew)).toBe(now - 10_000 + lifetime + skew);
  });

  it('should allow the clock skew on both sides', () => {
    expect(reason(() => checkTimestamp(at(-360), now, lifetime, skew))).toBe('accepted');
    expect(reason(() => checkTimestamp(at(60), now, lifetime, skew))).toBe('accepted');
  });

  it('should refuse an SHR older than lifetime plus skew as expired', () => {
    expect(reason(() => checkTimestamp(at(-361), now, lifetime, skew))).toBe('TS_EXPIRED');
  });

  it('should refuse an SHR signed beyond the clock skew in the future', () => {
    expect(reason(() => checkTimestamp(at(61), now, lifetime, skew))).toBe('TS_IN_FUTURE');
  });

  it.each([[{}], [{ ts: '1800000000' }], [{ ts: null }], [{ ts: Number.NaN }]])(
    'should refuse a missing or non-numeric ts (%j)',
    (payload) => {
      expect(reason(() => checkTimestamp(payload, now, lifetime, skew))).toBe('TS_INVALID');
    },
  );
});

describe('m', () => {
  it('should accept the exact method', () => {
    expect(reason(() => checkMethod({ m: 'POST' }, 'POST'))).toBe('accepted');
  });

  it.each([
    ['another method', { m: 'GET' }],
    ['another casing (RFC 9110 methods are case-sensitive)', { m: 'post' }],
    ['padding', { m: ' POST' }],
    ['no m', {}],
    ['a non-string m', { m: ['POST'] }],
  ])('should refuse %s', (_name, payload) => {
    expect(reason(() => checkMethod(payload, 'POST'))).toBe('M_MISMATCH');
  });
});

describe('u', () => {
  const uri = new URL('https://API.Contoso.com/orders');

  it.each(['api.contoso.com', 'API.CONTOSO.COM', 'api.contoso.com:443'])(
    'should accept the host, in any casing, with or without the default port: %s',
    (u) => {
      expect(reason(() => checkHost({ u }, uri))).toBe('accepted');
    },
  );

  it('should compare with an explicit port, and an IPv6 host in brackets', () => {
    expect(reason(() => checkHost({ u: 'localhost:8443' }, new URL('https://localhost:8443/x')))).toBe(
      'accepted',
    );
    expect(reason(() => checkHost({ u: '[::1]:8080' }, new URL('http://[::1]:8080/')))).toBe('accepted');
  });

  it.each([
    ['another host', 'api.fabrikam.com'],
    ['another port', 'api.contoso.com:8443'],
    ['a host with the scheme', 'https://api.contoso.com'],
    ['a suffix match', 'contoso.com'],
  ])('should refuse %s', (_name, u) => {
    expect(reason(() => checkHost({ u }, uri))).toBe('U_MISMATCH');
  });

  it('should refuse an SHR without u', () => {
    expect(reason(() => checkHost({}, uri))).toBe('U_MISMATCH');
  });
});

describe('p', () => {
  const uri = new URL('https://api.contoso.com/v1/Orders/42?x=1');

  it.each(['/v1/Orders/42', 'v1/Orders/42', '/v1/Orders/42/'])(
    'should accept the path with or without its edge slashes: %s',
    (p) => {
      expect(reason(() => checkPath({ p }, uri))).toBe('accepted');
    },
  );

  it.each([
    ['another path', '/v1/Orders/43'],
    ['another casing (paths are case-sensitive)', '/v1/orders/42'],
    ['the query with the path', '/v1/Orders/42?x=1'],
  ])('should refuse %s', (_name, p) => {
    expect(reason(() => checkPath({ p }, uri))).toBe('P_MISMATCH');
  });

  it('should compare with the path as URL resolves it (dot segments, percent-encoding)', () => {
    const dotted = new URL('https://api.contoso.com/a/b/../c%20d');
    expect(reason(() => checkPath({ p: '/a/c%20d' }, dotted))).toBe('accepted');
  });
});

describe('q', () => {
  it('should hash name=value pairs in the order q lists them, joined by &', () => {
    // Arrange
    const values = new Map([
      ['b', '2'],
      ['a', 'x%20y'],
    ]);

    // Act
    const hash = queryHash(['a', 'b'], values);

    // Assert
    expect(hash).toBe(sha256('a=x%20y&b=2'));
  });

  it('should leave out repeated names, empty values and pairs without exactly one =', () => {
    expect([...coverableQueryParameters('a=1&b=2&a=3&c=&d&e=f=g&=h&i=%2F')]).toEqual([
      ['b', '2'],
      ['i', '%2F'],
    ]);
  });

  it('should accept a q covering some parameters, others unsigned by default', () => {
    const q = [['b', 'a'], sha256('b=2&a=1')];
    expect(reason(() => checkQuery({ q }, 'a=1&b=2&c=3', true))).toBe('accepted');
  });

  it('should refuse unsigned parameters when AcceptUnsignedQueryParameters is off', () => {
    const q = [['a'], sha256('a=1')];
    expect(reason(() => checkQuery({ q }, 'a=1&c=3', false))).toBe('Q_MISMATCH');
    expect(reason(() => checkQuery({ q }, 'a=1', false))).toBe('accepted');
  });

  it.each([
    ['a changed value', [['a'], sha256('a=1')], 'a=2'],
    ['a listed name that is absent', [['a', 'z'], sha256('a=1&z=')], 'a=1'],
    ['a listed name that is repeated in the URI', [['a'], sha256('a=1')], 'a=1&a=1'],
    ['a name listed twice', [['a', 'a'], sha256('a=1&a=1')], 'a=1'],
    ['a decoded value where the URI has it encoded', [['a'], sha256('a=x y')], 'a=x%20y'],
    ['no q', undefined, 'a=1'],
    ['a q that is not [[names], hash]', ['a', sha256('a=1')], 'a=1'],
    ['a name that is not a string', [[1], sha256('1=1')], '1=1'],
  ])('should refuse %s', (_name, q, rawQuery) => {
    expect(reason(() => checkQuery(q === undefined ? {} : { q }, rawQuery, true))).toBe('Q_MISMATCH');
  });

  it('should accept an empty q over a URI without a query', () => {
    expect(reason(() => checkQuery({ q: [[], sha256('')] }, '', true))).toBe('accepted');
  });
});

describe('which of m, u, p, q are checked', () => {
  const original: OriginalRequest = {
    method: 'GET',
    uri: new URL('https://api.contoso.com/orders?a=1'),
    rawQuery: 'a=1',
  };
  const defaults: PopValidationSettings = popValidationSettings({ replayCacheSize: 10 });
  const bound = { m: 'GET', u: 'api.contoso.com', p: '/orders' };

  it('should check m, u and p by default and leave q alone', () => {
    expect(reason(() => checkRequestBinding({ ...bound, q: 'junk' }, original, defaults))).toBe('accepted');
    expect(reason(() => checkRequestBinding({ ...bound, p: '/other' }, original, defaults))).toBe(
      'P_MISMATCH',
    );
  });

  it('should check q only with ValidateQ', () => {
    const settings = { ...defaults, validateQ: true };
    expect(reason(() => checkRequestBinding(bound, original, settings))).toBe('Q_MISMATCH');
  });

  it('should skip a switched-off claim, unless ValidatePresentClaims lists it and the SHR has it', () => {
    // Arrange
    const off = { ...defaults, validateM: false, validateP: false };
    const present = { ...off, validatePresentClaims: true };

    // Act / Assert
    expect(reason(() => checkRequestBinding({ ...bound, m: 'PUT', p: '/x' }, original, off))).toBe(
      'accepted',
    );
    expect(reason(() => checkRequestBinding({ ...bound, m: 'PUT' }, original, present))).toBe('M_MISMATCH');
    expect(reason(() => checkRequestBinding({ ...bound, p: '/x' }, original, present))).toBe('P_MISMATCH');
    expect(reason(() => checkRequestBinding({ u: bound.u }, original, present))).toBe('accepted');
  });
});
