import type { SeededRandom } from './seeded-random';

/** One request the fuzzer sends: everything already encoded as it goes on the wire. */
export interface FuzzInput {
  readonly method: string;
  /** Path and query, percent-encoded (or deliberately not). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/** Ids of the emulator's demo directory the fuzzer mixes into its values. */
export const FUZZ_IDS = {
  tenantId: '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838',
  partnerTenantId: '7d36c46d-588a-4e95-a3ac-7fd5892195f4',
  agentId: '01a78345-9a80-477a-b6ed-f92d7cbe2dcd',
  agentUserUpn: 'agent-user@demo.onmicrosoft.com',
  agentUserOid: '1b4ae53b-563a-412f-ba78-1022e611e4b7',
  userAssignedIdentity: '4b8a2e7c-3f51-4d0a-9c6e-5a7b1d2e3f40',
  appScope: 'api://demo-downstream/.default',
  userScope: 'api://demo-downstream/Weather.Read',
} as const;

/** The profiles the fuzzed sidecar configures (see fuzz.e2e-spec.ts). */
export const FUZZ_PROFILES = ['App', 'User', 'Mi', 'MiUser', 'TokenOnly', 'NoScopes'] as const;

/** Tokens the fuzzer sends as `Authorization`; minted by the test before the run. */
export interface FuzzTokens {
  readonly user: string;
  readonly app: string;
  readonly expired: string;
}

const MAX_PATH_LENGTH = 20_000;
const TOKEN_ROUTES = ['AuthorizationHeader', 'AuthorizationHeaderUnauthenticated'];
const DOWNSTREAM_ROUTES = ['DownstreamApi', 'DownstreamApiUnauthenticated'];
const OTHER_PATHS = [
  '/Validate',
  '/healthz',
  '/healthz/ready',
  '/healthz/live',
  '/metrics',
  '/openapi/v1.json',
];

const long = (length: number, unit = 'a'): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// Odd text, decoded: what a hostile or careless caller could put in any value.
const ODD_TEXT = [
  '',
  ' ',
  '\t',
  '\u0000',
  '\u0001',
  '\r\n',
  'a\r\nX-Injected: 1',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\uffff',
  '😀',
  'é',
  '..',
  '.',
  '../..',
  '../../secret',
  '%2e%2e/%2e%2e',
  '/',
  '//evil.example.com/x',
  'http://evil.example.com/',
  '\\\\evil',
  '?a=b&c',
  '#fragment',
  '%',
  '%ZZ',
  '%00',
  "'",
  '"',
  '<script>',
  '{}',
  '[]',
  'null',
  'true',
  'false',
  'TRUE',
  '0',
  '-1',
  '1e309',
  '{"access_token":{"xms_cc":{"values":["cp1"]}}}',
  '{"unterminated',
  '00000000-0000-0000-0000-000000000000',
  '{D75C4739-595D-44ED-A0B8-5176CA033C23}',
  'common',
  'organizations',
  'consumers',
  'demo.onmicrosoft.com',
  'AllocateForMe',
  long(300),
  long(3000, 'x.'),
  long(2500, 'é'),
];

// Values that make sense for one key, mixed with the odd ones so the fuzzer reaches past the first checks.
const MEANINGFUL: Readonly<Record<string, readonly string[]>> = {
  Scopes: [FUZZ_IDS.appScope, FUZZ_IDS.userScope, 'User.Read', 'openid profile', 'api://unknown/.default'],
  RequestAppToken: ['true', 'false', 'True', 'yes'],
  RelativePath: [
    'weather',
    '/weather',
    'challenge',
    'a/challenge',
    'a/b/../c',
    'items?id=1',
    'x%2Fy',
    '../../..',
  ],
  HttpMethod: [
    'GET',
    'post',
    'PUT',
    'PATCH',
    'DELETE',
    'HEAD',
    'OPTIONS',
    'TRACE',
    'CONNECT',
    'G E T',
    'QUERY',
  ],
  ContentType: ['application/json', 'text/plain', 'bogus'],
  AcceptHeader: ['application/json', 'text/html, */*;q=0.1', 'a\u0000b', 'x\r\ny'],
  'AcquireTokenOptions.Tenant': [
    FUZZ_IDS.tenantId,
    FUZZ_IDS.partnerTenantId,
    'partner.onmicrosoft.com',
    'unknown-tenant',
  ],
  'AcquireTokenOptions.ForceRefresh': ['true', 'false'],
  'AcquireTokenOptions.Claims': ['{"access_token":{"nbf":{"essential":true}}}'],
  'AcquireTokenOptions.CorrelationId': ['0b8d4b57-0bd9-4d1e-8f5d-8a9f5f0d6c11', 'not-a-guid'],
  'AcquireTokenOptions.FmiPath': [FUZZ_IDS.agentId, 'a/b'],
  'AcquireTokenOptions.LongRunningWebApiSessionKey': ['AllocateForMe', 'session-1', 'session-2'],
  'AcquireTokenOptions.PopPublicKey': [
    'eyJrdHkiOiJSU0EiLCJuIjoiMHZ4N2Fnb2ViR2NRU3V1UGlMSlhacHRONjQ1bjA2bTZYTF9nMCIsImUiOiJBUUFCIn0',
    'not-a-key',
  ],
  'AcquireTokenOptions.ManagedIdentity.UserAssignedClientId': [
    FUZZ_IDS.userAssignedIdentity,
    FUZZ_IDS.agentId,
  ],
  BaseUrl: ['https://evil.example.com/'],
};

// Beside the real keys: unknown ones, sections, and names an object lookup would find (`constructor`).
const OVERRIDE_KEYS = [
  ...Object.keys(MEANINGFUL),
  'Tenant',
  'AcquireTokenOptions',
  'AcquireTokenOptions.Unknown',
  '',
  'constructor',
  '__proto__',
  'AcquireTokenOptions.toString',
];
const HEADER_NAMES = [
  'X-Custom',
  'Authorization',
  'Host',
  'Content-Length',
  'Transfer-Encoding',
  'Cookie',
  'a b',
  'X:Y',
  '',
  'é',
  'X-Forwarded-For',
  'Connection',
];
const AGENT_VALUES: Readonly<Record<string, readonly string[]>> = {
  AgentIdentity: [FUZZ_IDS.agentId, 'unknown-agent'],
  AgentUsername: [FUZZ_IDS.agentUserUpn, 'nobody@demo.onmicrosoft.com'],
  AgentUserId: [FUZZ_IDS.agentUserOid, 'not-a-guid'],
};

/** Percent-encodes everything but unreserved characters; sometimes leaves the text as it is. */
function encode(random: SeededRandom, text: string): string {
  if (random.chance(0.1) && /^[\x21-\x7e]*$/.test(text) && !/[#?&=]/.test(text)) return text;
  return encodeURIComponent(text);
}

function caseVariant(random: SeededRandom, text: string): string {
  return random.weighted([
    [6, text],
    [1, text.toLowerCase()],
    [1, text.toUpperCase()],
  ]);
}

function value(random: SeededRandom, key: string): string {
  const meaningful = MEANINGFUL[key] ?? AGENT_VALUES[key];
  return meaningful !== undefined && random.chance(0.7) ? random.pick(meaningful) : random.pick(ODD_TEXT);
}

function apiName(random: SeededRandom): string {
  return random.weighted([
    [12, () => random.pick(FUZZ_PROFILES)],
    [1, () => caseVariant(random, random.pick(FUZZ_PROFILES))],
    [3, () => encode(random, random.pick(ODD_TEXT)) || 'x'],
    [
      1,
      () =>
        random.pick([
          '%FF',
          '%C0%AF',
          '%ED%A0%80',
          '%E2%80',
          '%',
          '%%',
          '%2',
          '..%2F..',
          '%2e%2e',
          'a;b',
          'a%3Bb',
        ]),
    ],
    [1, () => long(random.int(90, 9000), random.pick(['a', '%C3%A9', '%00']))],
  ])();
}

function overrideParameter(random: SeededRandom): [string, string] {
  const kind = random.weighted([
    [8, 'option'],
    [2, 'header'],
    [1, 'query'],
  ]);
  if (kind === 'header') {
    const name = random.pick(HEADER_NAMES);
    return [`optionsOverride.ExtraHeaderParameters.${name}`, value(random, 'Header')];
  }
  if (kind === 'query') {
    return [
      `optionsOverride.ExtraQueryParameters.${random.pick(['q', '', 'a b', '&', '%'])}`,
      value(random, 'Query'),
    ];
  }
  const key = random.pick(OVERRIDE_KEYS);
  const prefix = random.weighted([
    [8, 'optionsOverride.'],
    [1, 'OPTIONSOVERRIDE.'],
    [1, 'optionsoverride.'],
  ]);
  return [`${prefix}${caseVariant(random, key)}`, value(random, key)];
}

function query(random: SeededRandom): string {
  const parameters: [string, string][] = [];
  const count = random.weighted([
    [3, 0],
    [4, random.int(1, 3)],
    [2, random.int(4, 8)],
  ]);
  for (let index = 0; index < count; index++) {
    if (random.chance(0.2)) {
      const name = random.pick(Object.keys(AGENT_VALUES));
      parameters.push([caseVariant(random, name), value(random, name)]);
    } else parameters.push(overrideParameter(random));
  }
  if (random.chance(0.05)) {
    parameters.push([random.pick([...ODD_TEXT, 'constructor', '__proto__']), random.pick(ODD_TEXT)]);
  }
  if (parameters.length === 0) return random.chance(0.05) ? '?' : '';
  return `?${parameters.map(([name, text]) => `${encode(random, name)}=${encode(random, text)}`).join('&')}`;
}

function path(random: SeededRandom): { path: string; route: string } {
  const route = random.weighted([
    [5, random.pick(TOKEN_ROUTES)],
    [4, random.pick(DOWNSTREAM_ROUTES)],
    [1, 'other'],
  ]);
  if (route === 'other') {
    const other = random.weighted([
      [4, random.pick(OTHER_PATHS)],
      [1, `/${encode(random, random.pick(ODD_TEXT))}`],
      [1, `/${random.pick(TOKEN_ROUTES)}`],
      [1, `/${random.pick(DOWNSTREAM_ROUTES)}/a/b`],
      [1, '//AuthorizationHeader//App'],
    ]);
    return { path: other, route };
  }
  const casing = random.chance(0.1) ? route.toLowerCase() : route;
  return { path: `/${casing}/${apiName(random)}${random.chance(0.05) ? '/' : ''}`, route };
}

function method(random: SeededRandom, route: string): string {
  const usual = route.startsWith('Downstream') ? 'POST' : 'GET';
  return random.weighted([
    [9, usual],
    [
      1,
      random.pick([
        'GET',
        'POST',
        'PUT',
        'PATCH',
        'DELETE',
        'HEAD',
        'OPTIONS',
        'TRACE',
        'PROPFIND',
        'SEARCH',
      ]),
    ],
  ]);
}

// Header values must be what Node's client lets through: visible ASCII, tab, space and Latin-1 bytes.
const HEADER_SAFE = (text: string): string => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

function authorization(random: SeededRandom, tokens: FuzzTokens): string | undefined {
  return random.weighted<string | undefined>([
    [3, undefined],
    [4, `Bearer ${tokens.user}`],
    [2, `Bearer ${tokens.app}`],
    [1, `Bearer ${tokens.expired}`],
    [
      1,
      random.pick(['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `bearer ${tokens.user}`, `PoP ${tokens.app}`]),
    ],
    [1, `Bearer ${HEADER_SAFE(random.pick(ODD_TEXT))}`],
    [1, `Bearer ${tokens.user.slice(0, random.int(0, tokens.user.length))}`],
  ]);
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  ';;;',
  'a/b; c',
  'application/json; charset=bogus',
  'text',
  '*/*',
  ' ',
];

function body(random: SeededRandom): Buffer | undefined {
  return random.weighted<() => Buffer | undefined>([
    [5, () => undefined],
    [2, () => Buffer.from(JSON.stringify({ request: random.pick(ODD_TEXT) }))],
    [2, () => random.bytes(random.int(0, 2048))],
    [1, () => Buffer.alloc(0)],
    [1, () => random.bytes(random.int(32_000, 200_000))],
  ])();
}

/** One fuzzed request: a path (route, API name, query), a method, headers and maybe a body. */
export function fuzzInput(random: SeededRandom, tokens: FuzzTokens): FuzzInput {
  const target = path(random);
  const headers: Record<string, string> = {};
  const auth = authorization(random, tokens);
  if (auth !== undefined) headers.authorization = auth;
  const payload = body(random);
  if (payload !== undefined || random.chance(0.1)) {
    if (random.chance(0.8)) headers['content-type'] = random.pick(CONTENT_TYPES);
  }
  if (random.chance(0.1)) headers.accept = HEADER_SAFE(random.pick(['*/*', 'application/xml', ...ODD_TEXT]));
  if (random.chance(0.1)) headers['x-correlation-id'] = HEADER_SAFE(random.pick(ODD_TEXT));
  if (random.chance(0.05)) {
    headers['original-method'] = HEADER_SAFE(random.pick(['GET', ...ODD_TEXT]));
    headers['original-uri'] = HEADER_SAFE(random.pick(['https://localhost/api', ...ODD_TEXT]));
  }
  if (random.chance(0.05)) headers['x-fuzz'] = HEADER_SAFE(random.pick(ODD_TEXT));
  // The request head stays well under the sidecar's 32 KB header limit: beyond it Node answers 431 itself.
  let search = query(random);
  while (target.path.length + search.length > MAX_PATH_LENGTH) search = query(random);
  return { method: method(random, target.route), path: `${target.path}${search}`, headers, body: payload };
}
