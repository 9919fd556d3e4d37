// The tour of `npm run demo`, one entry per step, in order. Each step says what to send (`request`), which token
// in the answer to decode for display (`token`, `showClaims`), and what must hold for it to pass (`expect`).
// `keep` hands a value to later steps; a step that `needs` it fails visibly when an earlier step did not deliver.
import {
  AGENT_ID,
  DEMO_API_CLIENT_ID,
  DEMO_API_URI,
  DEMO_USER_OID,
  SIDECAR_CLIENT_ID,
} from './demo-config.mjs';
import {
  createPopKey,
  popPublicKey,
  signHttpRequest,
} from '../../examples/proof-of-possession/pop-client.mjs';

const is = (label, actual, expected) => ({ label, ok: actual === expected, actual, expected });
const oneOf = (label, actual, expected) => ({
  label,
  ok: expected.includes(actual),
  actual,
  expected: expected.join(' or '),
});
const has = (label, list, item) => ({
  label,
  ok: Array.isArray(list) && list.includes(item),
  actual: list,
  expected: `to include ${item}`,
});
const words = (value) => (typeof value === 'string' ? value.split(' ') : undefined);
const bearer = (token) => ({ Authorization: `Bearer ${token}` });
const DEMO_API = [DEMO_API_CLIENT_ID, DEMO_API_URI];
const DEMO_SIDECAR = [SIDECAR_CLIENT_ID, `api://${SIDECAR_CLIENT_ID}`];
// The request a caller signs in step 8: only signed over, never sent.
const SIGNED_REQUEST = { method: 'POST', url: 'https://orders.example/api/orders' };

/** The downstream body arrives as a string in `content`; the demo API's is JSON. */
export function downstreamContent(json) {
  try {
    return JSON.parse(json?.content);
  } catch {
    return undefined;
  }
}

const appTokenFacts = ({ status }, claims) => [
  is('status', status, 200),
  oneOf('aud (demo API)', claims?.aud, DEMO_API),
  is('idtyp', claims?.idtyp, 'app'),
  has('roles', claims?.roles, 'Weather.Read.All'),
];

export const TOUR = [
  {
    title: 'Mint a user token for demo-user (the emulator plays the user signing in)',
    request: () => ({
      target: 'emulator',
      method: 'POST',
      path: '/_emulator/tokens',
      body: { user: 'demo-user', scope: 'access_as_user' },
    }),
    // Step 2 shows every claim; here only who the token is for.
    display: ({ claims = {}, ...rest }) => ({
      ...rest,
      claims: {
        aud: claims.aud,
        oid: claims.oid,
        preferred_username: claims.preferred_username,
        scp: claims.scp,
        '…': 'all claims in step 2',
      },
    }),
    expect: ({ status, json }) => [
      is('status', status, 200),
      is('claims.oid (demo-user)', json?.claims?.oid, DEMO_USER_OID),
      is('claims.aud (demo-sidecar)', json?.claims?.aud, SIDECAR_CLIENT_ID),
    ],
    keep: ({ json }, context) => (context.userToken = json?.access_token),
  },
  {
    title: 'GET /Validate — the sidecar validates the user token',
    needs: 'userToken',
    request: ({ userToken }) => ({
      target: 'sidecar',
      method: 'GET',
      path: '/Validate',
      headers: bearer(userToken),
    }),
    expect: ({ status, json }) => [
      is('status', status, 200),
      is('protocol', json?.protocol, 'Bearer'),
      is('claims.oid (demo-user)', json?.claims?.oid, DEMO_USER_OID),
    ],
  },
  {
    title: 'GET /AuthorizationHeader/DemoApi — a token for the demo API on behalf of the user (OBO)',
    needs: 'userToken',
    request: ({ userToken }) => ({
      target: 'sidecar',
      method: 'GET',
      path: '/AuthorizationHeader/DemoApi',
      headers: bearer(userToken),
    }),
    token: ({ json }) => json?.authorizationHeader,
    showClaims: ['aud', 'scp', 'oid', 'azp', 'appid', 'idtyp'],
    expect: ({ status }, claims) => [
      is('status', status, 200),
      oneOf('aud (demo API)', claims?.aud, DEMO_API),
      has('scp', words(claims?.scp), 'Weather.Read'),
      is('oid (demo-user)', claims?.oid, DEMO_USER_OID),
      is('azp (demo-sidecar)', claims?.azp ?? claims?.appid, SIDECAR_CLIENT_ID),
    ],
  },
  {
    title: 'POST /DownstreamApi/DemoApi — the sidecar calls the demo API for the user',
    needs: 'userToken',
    request: ({ userToken }) => ({
      target: 'sidecar',
      method: 'POST',
      path: '/DownstreamApi/DemoApi',
      headers: bearer(userToken),
    }),
    // Shown parsed: the sidecar returns the downstream body as a JSON string.
    display: (json) => (downstreamContent(json) ? { ...json, content: downstreamContent(json) } : json),
    expect: ({ status, json }) => [
      is('status', status, 200),
      is('statusCode (demo API)', json?.statusCode, 200),
      is('content.caller.oid (demo-user)', downstreamContent(json)?.caller?.oid, DEMO_USER_OID),
      is('content.caller.azp (demo-sidecar)', downstreamContent(json)?.caller?.azp, SIDECAR_CLIENT_ID),
    ],
  },
  {
    title: "GET /AuthorizationHeaderUnauthenticated/DemoApiApp — the sidecar's own app token",
    request: () => ({
      target: 'sidecar',
      method: 'GET',
      path: '/AuthorizationHeaderUnauthenticated/DemoApiApp',
    }),
    token: ({ json }) => json?.authorizationHeader,
    showClaims: ['aud', 'azp', 'appid', 'idtyp', 'roles'],
    expect: (response, claims) => [
      ...appTokenFacts(response, claims),
      is('azp (demo-sidecar)', claims?.azp ?? claims?.appid, SIDECAR_CLIENT_ID),
    ],
  },
  {
    title: 'GET /AuthorizationHeaderUnauthenticated/DemoApiApp?AgentIdentity=… — an autonomous agent token',
    request: () => ({
      target: 'sidecar',
      method: 'GET',
      path: `/AuthorizationHeaderUnauthenticated/DemoApiApp?AgentIdentity=${AGENT_ID}`,
    }),
    token: ({ json }) => json?.authorizationHeader,
    showClaims: ['aud', 'azp', 'appid', 'xms_par_app_azp', 'idtyp', 'roles'],
    expect: (response, claims) => [
      ...appTokenFacts(response, claims),
      is('azp (demo-agent)', claims?.azp ?? claims?.appid, AGENT_ID),
      is('xms_par_app_azp (blueprint demo-sidecar)', claims?.xms_par_app_azp, SIDECAR_CLIENT_ID),
    ],
  },
  {
    title:
      'GET /AuthorizationHeaderUnauthenticated/DemoSidecarApp?optionsOverride.AcquireTokenOptions.PopPublicKey=… — a pop token bound to a key the caller made',
    request: async (context) => {
      context.popKey = await createPopKey();
      const query = `optionsOverride.AcquireTokenOptions.PopPublicKey=${popPublicKey(context.popKey)}`;
      return {
        target: 'sidecar',
        method: 'GET',
        path: `/AuthorizationHeaderUnauthenticated/DemoSidecarApp?${query}`,
      };
    },
    token: ({ json }) => json?.authorizationHeader,
    showClaims: ['aud', 'azp', 'idtyp', 'cnf'],
    expect: ({ status, json }, claims, context) => [
      is('status', status, 200),
      is('scheme', json?.authorizationHeader?.split(' ')[0], 'pop'),
      oneOf('aud (demo sidecar)', claims?.aud, DEMO_SIDECAR),
      is("cnf.kid (the caller's key)", claims?.cnf?.kid, context.popKey?.kid),
    ],
    keep: ({ json }, context) => (context.popToken = json?.authorizationHeader?.split(' ')[1]),
  },
  {
    title: 'GET /Validate with Authorization: PoP … — a request signed with that key over the pop token',
    needs: 'popToken',
    request: async ({ popKey, popToken }) => ({
      target: 'sidecar',
      method: 'GET',
      path: '/Validate',
      headers: {
        Authorization: `PoP ${await signHttpRequest(popKey, { accessToken: popToken, ...SIGNED_REQUEST })}`,
        'original-method': SIGNED_REQUEST.method,
        'original-uri': SIGNED_REQUEST.url,
      },
    }),
    expect: ({ status, json }, _claims, context) => [
      is('status', status, 200),
      is('protocol', json?.protocol, 'PoP'),
      is('token (the pop token)', json?.token, context.popToken),
      is("claims.cnf.kid (the caller's key)", json?.claims?.cnf?.kid, context.popKey?.kid),
    ],
  },
];
