import { describe, expect, it } from 'vitest';
import { authorityOptions, isMicrosoftCloud } from './authority';

describe('authorityOptions', () => {
  it('should let msal discover Microsoft clouds normally', () => {
    expect(authorityOptions('https://login.microsoftonline.com/', 'contoso.onmicrosoft.com')).toEqual({
      authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    });
    expect(isMicrosoftCloud('https://login.microsoftonline.us/')).toBe(true);
  });

  it('should declare any other host (the emulator) a known authority, port included', () => {
    expect(authorityOptions('https://localhost:5443/', 'demo')).toEqual({
      authority: 'https://localhost:5443/demo',
      knownAuthorities: ['localhost:5443'],
    });
  });
});
