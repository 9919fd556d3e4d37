// The module graph of decisions.md §4, enforced by `npm run lint`. Features are layered; a lib may import the
// libs below it and never one above it:
//
//   apps/sidecar → downstream → token → agent → token-core → config, problem-details, observability, health
//                                                                           (and the small shared libs)
//                  signed-request → token-core, validation      validation beside the token libs
//
// Imports through the `@app/<lib>` aliases are resolved with tsconfig.json, type-only imports included: a
// type import ties two libs together as much as a value import does.

/** A feature lib's folder, as a path pattern. */
const lib = (...names) => `^libs/(${names.join('|')})/`;

/** The libs below every feature: configuration, errors, logs and metrics, health, and small shared pieces. */
const FOUNDATION = [
  'config',
  'problem-details',
  'observability',
  'health',
  'collections',
  'openapi',
  'http',
  'cached-answers',
];
const FEATURES = ['validation', 'token-core', 'agent', 'token', 'downstream', 'signed-request'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circle, inside a lib or across libs: every dependency points one way.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a rule cannot hold for an import it cannot see).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libraries never import an app: the apps are the only place modules are put together.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-internals-through-index',
      severity: 'error',
      comment: 'A lib is reached only through its public door, src/index.ts; its other files are its own.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'app-and-tests-through-index',
      severity: 'error',
      comment: 'Apps, end-to-end tests and tools reach a lib through its public door too.',
      from: { path: '^(apps|test|bench|scripts)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'testing-only-in-tests',
      severity: 'error',
      comment:
        'The shared fakes and fixtures of libs/testing serve specs and end-to-end tests, never the product.',
      from: { pathNot: ['\\.(spec|e2e-spec)\\.ts$', '^test/', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'foundation-below-features',
      severity: 'error',
      comment:
        'Configuration, problem details, observability, health and the shared pieces import no feature.',
      from: { path: lib(...FOUNDATION) },
      to: { path: lib(...FEATURES) },
    },
    {
      name: 'validation-beside-token',
      severity: 'error',
      comment:
        'Validation stands beside the token libs: it validates inbound tokens and knows nothing of acquiring.',
      from: { path: lib('validation') },
      to: { path: lib('token-core', 'agent', 'token', 'downstream', 'signed-request') },
    },
    {
      name: 'token-core-at-the-bottom',
      severity: 'error',
      comment:
        'The token core is what every flow shares: it knows no route, no agent and no validator (it reads an InboundAssertion).',
      from: { path: lib('token-core') },
      to: { path: lib('validation', 'agent', 'token', 'downstream', 'signed-request') },
    },
    {
      name: 'agent-on-token-core',
      severity: 'error',
      comment:
        'Agent identities are built on the token core only; the routes call them through AgentTokenAcquirer.',
      from: { path: lib('agent') },
      to: { path: lib('validation', 'token', 'downstream', 'signed-request') },
    },
    {
      name: 'token-below-downstream',
      severity: 'error',
      comment: 'The /AuthorizationHeader* routes know nothing of the downstream calls built on them.',
      from: { path: lib('token') },
      to: { path: lib('downstream', 'signed-request') },
    },
    {
      name: 'downstream-on-token',
      severity: 'error',
      comment: 'Downstream calls get their header from the token lib, never from the agent chain directly.',
      from: { path: lib('downstream') },
      to: { path: lib('agent', 'signed-request') },
    },
    {
      name: 'signed-request-on-token-core-and-validation',
      severity: 'error',
      comment:
        'Proof-of-possession builds on the token core and validation; nothing but the app depends on it.',
      from: { path: lib('signed-request') },
      to: { path: lib('agent', 'token', 'downstream') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts', '.d.mts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
