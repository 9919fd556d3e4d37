import { SidecarError } from '@app/problem-details';
import { describe, expect, it } from 'vitest';
import { inboundTenant, overrideTenant, TENANT_OVERRIDE_DETAIL } from './tenant-shape';

const codeOf = (action: () => unknown): string => {
  try {
    action();
    return 'accepted';
  } catch (error) {
    return (error as SidecarError).code;
  }
};

describe('tenant shape', () => {
  it.each([
    '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838',
    'contoso.onmicrosoft.com',
    'organizations',
    'invalid-tenant',
    `${'a'.repeat(63)}.example`,
  ])('should accept %s as a tenant override', (tenant) => {
    expect(overrideTenant(tenant)).toBe(tenant);
  });

  it.each([
    ['a path', '../x'],
    ['a slash', 'a/b'],
    ['an encoded slash', 'a%2Fb'],
    ['a query', 'x?y=1'],
    ['a control character', 'a\u0000b'],
    ['CR LF', 'a\r\nb'],
    ['an empty string', ''],
    ['3,000 characters', 'a'.repeat(3_000)],
    ['a leading dot', '.contoso.com'],
    ['a trailing dot', 'contoso.com.'],
  ])('should refuse %s as a tenant override with a 400 that does not quote it', (_what, tenant) => {
    // Act
    let error: unknown;
    try {
      overrideTenant(tenant);
    } catch (thrown) {
      error = thrown;
    }

    // Assert
    expect(error).toBeInstanceOf(SidecarError);
    expect((error as SidecarError).code).toBe('BAD_REQUEST');
    expect((error as SidecarError).detail).toBe(TENANT_OVERRIDE_DETAIL);
  });

  it("should take a token's tid only when it is a tenant, and refuse it as unauthenticated otherwise", () => {
    expect(inboundTenant({ tid: '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838' })).toBe(
      '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838',
    );
    expect(inboundTenant({})).toBeUndefined();
    expect(inboundTenant(undefined)).toBeUndefined();
    expect(codeOf(() => inboundTenant({ tid: '../x' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => inboundTenant({ tid: 42 }))).toBe('UNAUTHENTICATED');
  });
});
