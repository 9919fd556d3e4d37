import type { CataloguedToken } from './token-catalogue';
import { DEMO_TENANT, PARTNER_TENANT, SIDECAR_CLIENT_ID } from './validation-fixture';

const now = () => Math.floor(Date.now() / 1000);
const signatureOff = (token: string) => token.split('.').slice(0, 2).join('.');

/** Malformed credentials, rejected before any crypto. */
export const MALFORMED_TOKENS: readonly CataloguedToken[] = [
  { name: 'the reference test token "invalid-token"', build: () => 'invalid-token' },
  { name: '"dummy-token"', build: () => 'dummy-token' },
  { name: 'base64 junk in three parts', build: () => 'aGVsbG8.d29ybGQ.Zm9v' },
  {
    name: 'a header that is a JSON array',
    build: ({ validToken }) => {
      const [, payload, signature] = validToken.split('.');
      return `${Buffer.from('[1]').toString('base64url')}.${payload}.${signature}`;
    },
  },
  { name: 'a token without its signature part', build: ({ validToken }) => signatureOff(validToken) },
  { name: 'a token with an empty signature', build: ({ validToken }) => `${signatureOff(validToken)}.` },
  { name: 'a truncated token', build: ({ validToken }) => validToken.slice(0, -12) },
  {
    name: 'a token with characters outside base64url',
    build: ({ validToken }) => `${validToken.slice(0, 20)}!${validToken.slice(21)}`,
  },
  { name: 'a credential with spaces inside', build: ({ validToken }) => `${validToken} ${validToken}` },
  {
    name: 'two credentials folded into one Authorization header',
    build: ({ validToken }) => `${validToken}, Bearer ${validToken}`,
  },
  { name: 'a 20 KB junk token', build: () => `${'A'.repeat(10_000)}.${'B'.repeat(10_000)}.C` },
  {
    name: 'a 20 KB token made of a valid one plus padding claims',
    build: ({ mint }) => mint({ claims: { padding: 'x'.repeat(20_000) } }),
  },
  ...[
    '.',
    '..',
    '...',
    'a.b.c',
    'e30.e30.',
    'e30.e30.e30',
    'bnVsbA.bnVsbA.bnVsbA',
    '%00.%00.%00',
    'é.é.é',
  ].map((junk): CataloguedToken => ({
    name: `the junk credential "${junk}"`,
    build: () => encodeURIComponent(junk),
  })),
];

/** Lifetime (spec G.1). */
export const LIFETIME_TOKENS: readonly CataloguedToken[] = [
  {
    name: 'an expired token',
    description: /^The token expired at '\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d'$/,
    build: ({ mint }) => mint({ issuedAt: now() - 7200, expiresIn: 3600 }),
  },
  {
    name: 'a token expired just beyond the 5-minute clock skew',
    build: ({ mint }) => mint({ issuedAt: now() - 1000, expiresIn: 1000 - 310 }),
  },
  {
    name: 'a token whose nbf is in the future',
    description: /^The token is not valid before '/,
    build: ({ mint }) => mint({ notBefore: now() + 3600 }),
  },
  { name: 'a token without exp', build: ({ mint }) => mint({ claims: { exp: null } }) },
  {
    name: 'a token whose exp is a string',
    build: ({ mint }) => mint({ claims: { exp: String(now() + 3600) } }),
  },
];

/** Audience (spec G.2). */
export const AUDIENCE_TOKENS: readonly CataloguedToken[] = [
  {
    name: 'a token for another audience',
    description: "The audience 'api://someone-else' is invalid",
    build: ({ mint }) => mint({ audience: 'api://someone-else' }),
  },
  {
    name: 'a token for the downstream API',
    build: ({ emulator }) => emulator.mintAccessToken({ audience: 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00' }),
  },
  {
    name: 'a v1 token whose aud is the bare client id',
    build: ({ mint }) =>
      mint({ version: '1.0', audience: SIDECAR_CLIENT_ID, claims: { aud: SIDECAR_CLIENT_ID } }),
  },
  { name: 'a token without ver', build: ({ mint }) => mint({ claims: { ver: null } }) },
];

/** Issuer and tenant (spec G.3). */
export const ISSUER_TOKENS: readonly CataloguedToken[] = [
  {
    name: 'a token from a foreign issuer',
    description: `The issuer 'https://evil.example.com/${DEMO_TENANT}/v2.0' is invalid`,
    build: ({ mint }) => mint({ claims: { iss: `https://evil.example.com/${DEMO_TENANT}/v2.0` } }),
  },
  {
    name: 'a token of another tenant under a single-tenant configuration',
    build: ({ emulator }) => emulator.mintAccessToken({ tenant: PARTNER_TENANT }),
  },
  {
    name: 'a token whose tid was changed to claim the configured tenant',
    build: ({ emulator }) =>
      emulator.mintAccessToken({ tenant: PARTNER_TENANT, claims: { tid: DEMO_TENANT } }),
  },
  // The issuer is the configured tenant's own: only the tid disagrees. OBO would send the token to its tid.
  ...[
    ['another tenant', PARTNER_TENANT],
    ['a path', '../x'],
    ['a domain', 'contoso.onmicrosoft.com'],
  ].map(([what, tid]): CataloguedToken => ({
    name: `a token of the configured issuer whose tid names ${what}`,
    build: ({ mint }) => mint({ claims: { tid } }),
  })),
  {
    name: 'a token with an issuer containing a CR LF',
    build: ({ mint }) => mint({ claims: { iss: 'https://a/\r\nSet-Cookie: x=1' } }),
  },
];
