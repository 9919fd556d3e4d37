import { describe, expect, it } from 'vitest';
import { copyProfile } from '../profiles/profile-copy';
import { emptyOverride, type OptionsOverride } from './options-override';
import { CLAIMS_DETAIL, checkOverrideValues, MANAGED_IDENTITY_CLIENT_ID_DETAIL } from './override-checks';

const CLIENT_ID = '4b8a2e7c-3f51-4d0a-9c6e-5a7b1d2e3f40';
const withManagedIdentity = () => {
  const options = copyProfile(undefined);
  options.acquireTokenOptions.managedIdentity = {};
  return options;
};
const override = (acquireTokenOptions: OptionsOverride['acquireTokenOptions']): OptionsOverride => ({
  ...emptyOverride(),
  acquireTokenOptions,
});

describe('checkOverrideValues (issue 21)', () => {
  it('should refuse a managed identity for an API that does not use one, naming the API', () => {
    // Act
    const check = () =>
      checkOverrideValues(
        copyProfile(undefined),
        override({ managedIdentity: { userAssignedClientId: CLIENT_ID } }),
        'Graph',
      );

    // Assert
    expect(check).toThrow(/the API 'Graph' has no DownstreamApis:Graph:AcquireTokenOptions:ManagedIdentity/);
  });

  it('should let an API that uses managed identity take a user-assigned client id', () => {
    expect(() =>
      checkOverrideValues(
        withManagedIdentity(),
        override({ managedIdentity: { userAssignedClientId: CLIENT_ID.toUpperCase() } }),
        'Mi',
      ),
    ).not.toThrow();
  });

  it.each(['', 'abc', ` ${CLIENT_ID}`, `{${CLIENT_ID}}`, `${CLIENT_ID}&resource=x`])(
    'should refuse the user-assigned client id %j that is not a plain GUID',
    (clientId) => {
      expect(() =>
        checkOverrideValues(
          withManagedIdentity(),
          override({ managedIdentity: { userAssignedClientId: clientId } }),
          'Mi',
        ),
      ).toThrow(MANAGED_IDENTITY_CLIENT_ID_DETAIL);
    },
  );

  it.each(['x', '[]', '1', 'null', '"text"', '{"a":'])(
    'should refuse claims %j that are not a JSON object',
    (claims) => {
      expect(() => checkOverrideValues(copyProfile(undefined), override({ claims }), 'Api')).toThrow(
        CLAIMS_DETAIL,
      );
    },
  );

  it('should accept a JSON object as claims, and no overrides at all', () => {
    expect(() =>
      checkOverrideValues(
        copyProfile(undefined),
        override({ claims: '{"access_token":{"nbf":{"essential":true}}}' }),
        'Api',
      ),
    ).not.toThrow();
    expect(() => checkOverrideValues(copyProfile(undefined), emptyOverride(), 'Api')).not.toThrow();
  });
});
