import { describe, expect, it } from 'vitest';
import { decidePermission } from './permissions';

describe('decidePermission', () => {
  it('should allow a delegated token whose scp includes Weather.Read', () => {
    // Act / Assert
    expect(decidePermission({ scp: 'User.Read Weather.Read' })).toEqual({
      allowed: true,
      grantedBy: 'scope Weather.Read (delegated)',
    });
  });

  it('should allow an app-only token whose roles include Weather.Read.All', () => {
    // Act / Assert
    expect(decidePermission({ roles: ['Other', 'Weather.Read.All'] })).toEqual({
      allowed: true,
      grantedBy: 'role Weather.Read.All (application)',
    });
  });

  it.each([
    ['a scope that only starts like the required one', { scp: 'Weather.ReadWrite' }],
    ['a delegated token relying on a role', { scp: 'User.Read', roles: ['Weather.Read.All'] }],
    ['an app token without roles', {}],
    ['roles that are not an array', { roles: 'Weather.Read.All' }],
  ])('should refuse %s', (_name, claims) => {
    // Act / Assert
    expect(decidePermission(claims).allowed).toBe(false);
  });
});
