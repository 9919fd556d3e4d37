import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { AUDIENCE_TOKENS, ISSUER_TOKENS, LIFETIME_TOKENS, MALFORMED_TOKENS } from './broken-token-catalogue';
import { encodingVariants } from './encoding-variants';
import { ENCRYPTED_TOKENS, FORGED_TOKENS } from './forged-token-catalogue';
import { JOSE_DIFFERENCES } from './jose-differences';
import { SeededValues } from './seeded-values';
import { type TokenKit, tokenKit } from './token-catalogue';
import { decodeParts } from './token-forgery';
import { inParallel, type Judge, joseJudge, type Judgement, sidecarJudge } from './token-judges';
import { fieldVariants, specialVariants, type TokenVariant, type VariantBase } from './token-variants';
import { DEMO_TENANT, type EntraEmulator, startEmulator, startValidatingSidecar } from './validation-fixture';

const CATALOGUE = [
  ...MALFORMED_TOKENS,
  ...LIFETIME_TOKENS,
  ...AUDIENCE_TOKENS,
  ...ISSUER_TOKENS,
  ...FORGED_TOKENS,
  ...ENCRYPTED_TOKENS,
];
const REPETITIONS = 3;
const CONCURRENCY = 8;
// Set it to replay a run: the seed only picks values that cannot change a class's verdict (token-variants.ts).
const SEED = Number(process.env.JOSE_DIFFERENTIAL_SEED ?? randomInt(2 ** 31));

interface Result {
  readonly label: string;
  readonly token: string;
  readonly sidecar: Judgement;
  readonly jose: Judgement;
}

const outcome = ({ sidecar, jose }: Result): string =>
  sidecar.verdict === jose.verdict ? 'agree' : `sidecar ${sidecar.verdict}, jose ${jose.verdict}`;

/** base64url(header).base64url(payload), rewritten, signed by the emulator's current key, rewritten. */
function signVariant(emulator: EntraEmulator, variant: TokenVariant): string {
  const encode = (part: string | Buffer) => Buffer.from(part).toString('base64url');
  const input = `${encode(variant.header)}.${encode(variant.payload)}`;
  const token = emulator.signRaw(variant.encoded ? variant.encoded(input) : input);
  return variant.signed ? variant.signed(token) : token;
}

// A readable account of one token for a failure message: what each side said, and the token's start.
const account = (result: Result): string =>
  `${outcome(result)} | sidecar: ${result.sidecar.why || 'ok'} | jose: ${result.jose.why || 'ok'} | ` +
  `${result.token.slice(0, 60)}…`;

/**
 * Every token class whose outcome is not the table's (a listed difference, else agreement), and every listed
 * class no token belongs to; empty when the table is exactly true.
 */
function mismatches(results: readonly Result[]): string[] {
  const expected = new Map<string, string>();
  for (const { sidecar, jose, tokens } of JOSE_DIFFERENCES) {
    for (const label of tokens) expected.set(label, `sidecar ${sidecar}, jose ${jose}`);
  }
  const labels = new Set(results.map((result) => result.label));
  const found = [...expected.keys()]
    .filter((label) => !labels.has(label))
    .map((label) => `${label}: no such token`);
  for (const label of labels) {
    const want = expected.get(label) ?? 'agree';
    const wrong = results.find((result) => result.label === label && outcome(result) !== want);
    if (wrong) found.push(`${label}: expected ${want}, saw ${account(wrong)}`);
  }
  return found;
}

/** `GET /Validate` and jose judge each token, a few tokens at a time. */
const judgeAll = (tokens: readonly { label: string; token: string }[], sidecar: Judge, jose: Judge) =>
  inParallel(tokens, CONCURRENCY, async ({ label, token }): Promise<Result> => {
    const [bySidecar, byJose] = await Promise.all([sidecar(token), jose(token)]);
    return { label, token, sidecar: bySidecar, jose: byJose };
  });

/** The rows of the table under `heading` in a Markdown file, as trimmed cells (header row and rule left out). */
function markdownTable(path: string, heading: string): string[][] {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  if (start === -1) return [];
  const section = text.slice(start + heading.length + 2).split(/\n#{1,2} /)[0];
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2).map((row) =>
    row
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim()),
  );
}

describe('Token parsing compared with jose.jwtVerify', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  let kit: TokenKit;
  let results: Result[];

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
    kit = await tokenKit(emulator, DEMO_TENANT);
    const startedAt = Date.now();
    const jose = await joseJudge(emulator, DEMO_TENANT, sidecar.configuration);
    const { header, payload } = decodeParts(kit.validToken);
    const base: VariantBase = {
      header,
      payload,
      nowSeconds: Math.floor(Date.now() / 1000),
      maxTokenLength: sidecar.configuration.settings.sidecar.validation.maxTokenLength,
      clientId: sidecar.configuration.settings.azureAd.clientId,
    };
    const values = new SeededValues(SEED);
    const variants = [
      ...fieldVariants(base, values, REPETITIONS),
      ...encodingVariants(base, values),
      ...specialVariants(base, values),
    ];
    const tokens = [
      { label: 'the valid token', token: kit.validToken },
      ...(await Promise.all(
        CATALOGUE.map(async (entry) => ({
          label: `catalogue: ${entry.name}`,
          token: await entry.build(kit),
        })),
      )),
      ...variants.map((variant) => ({ label: variant.label, token: signVariant(emulator, variant) })),
    ];
    results = await judgeAll(tokens, sidecarJudge(sidecar.url), jose.judge);
    console.info(`jose differential: ${results.length} tokens in ${Date.now() - startedAt} ms, seed ${SEED}`);
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  it('should run hundreds of tokens, both validators accepting the valid token and some variants', () => {
    expect(results.length).toBeGreaterThan(400);
    expect(results[0]).toMatchObject({ sidecar: { verdict: 'accepts' }, jose: { verdict: 'accepts' } });
    const acceptedByBoth = results.filter(
      (r) => r.sidecar.verdict === 'accepts' && r.jose.verdict === 'accepts',
    );
    expect(acceptedByBoth.length).toBeGreaterThan(100);
  });

  it('should answer every token 200 or 401, never anything else', () => {
    const failed = results.filter((result) => result.sidecar.verdict === 'failed').map(account);
    expect(failed).toEqual([]);
  });

  it('should disagree with jose exactly where the table of differences says, and nowhere else', () => {
    expect(mismatches(results), `seed ${SEED}`).toEqual([]);
  });

  it('should show the same table in docs/security.md', () => {
    const documented = markdownTable(
      resolve(__dirname, '../../docs/security.md'),
      '## Token parsing compared with jose',
    );
    expect(documented).toEqual(JOSE_DIFFERENCES.map((d) => [d.difference, d.sidecar, d.jose, d.why]));
  });
});
