import { describe, expect, it } from 'vitest';
import { claimsWithCapabilities } from './claims-with-capabilities';

const CHALLENGE = '{"access_token":{"nbf":{"essential":true,"value":"1764000000"}}}';

describe('claimsWithCapabilities', () => {
  it('should send nothing without claims or capabilities', () => {
    expect(claimsWithCapabilities(undefined, [])).toBeUndefined();
    expect(claimsWithCapabilities('  ', [])).toBeUndefined();
  });

  it('should send requested claims unchanged when there are no capabilities', () => {
    expect(claimsWithCapabilities(CHALLENGE, [])).toBe(CHALLENGE);
  });

  it('should send the capabilities as access_token.xms_cc.values', () => {
    // Act
    const claims = claimsWithCapabilities(undefined, ['cp1']);

    // Assert
    expect(JSON.parse(claims!)).toEqual({ access_token: { xms_cc: { values: ['cp1'] } } });
  });

  it('should merge the capabilities into a claims challenge, keeping what it asks for', () => {
    // Act
    const claims = claimsWithCapabilities(CHALLENGE, ['cp1', 'cp2']);

    // Assert
    expect(JSON.parse(claims!)).toEqual({
      access_token: {
        nbf: { essential: true, value: '1764000000' },
        xms_cc: { values: ['cp1', 'cp2'] },
      },
    });
  });

  it('should refuse claims that are not a JSON object', () => {
    expect(() => claimsWithCapabilities('not json', ['cp1'])).toThrow(/not JSON/);
    expect(() => claimsWithCapabilities('[1]', [])).toThrow(/not a JSON object/);
  });
});
