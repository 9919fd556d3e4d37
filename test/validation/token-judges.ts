import type { LoadedConfiguration } from '@app/config';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify, type JWTVerifyOptions } from 'jose';
import type { Verdict } from './jose-differences';
import type { EntraEmulator } from './validation-fixture';
import { bearer, callValidate } from './validation-fixture';

/** One validator's answer to a token, with its reason when it refuses. */
export interface Judgement {
  readonly verdict: Verdict | 'failed';
  readonly why: string;
}

export type Judge = (token: string) => Promise<Judgement>;

/** The sidecar over HTTP: `GET /Validate` answers 200 or 401; anything else is a failure of the test. */
export function sidecarJudge(url: string): Judge {
  return async (token) => {
    const response = await callValidate(url, bearer(token));
    if (response.status === 200) return { verdict: 'accepts', why: '' };
    const description = /error_description="(.*)"/.exec(response.challenge ?? '')?.[1];
    const detail = (response.body as { detail?: string } | undefined)?.detail;
    const why = description ?? detail ?? `status ${response.status}`;
    return { verdict: response.status === 401 ? 'rejects' : 'failed', why };
  };
}

/**
 * `jose.jwtVerify` with the sidecar's rules: the emulator's JWKS, the v2 and v1 issuers of the configured
 * tenant, the algorithms the keys declare, the configured clock skew. jose cannot choose the audience by `ver`
 * (spec G.2), so it is given both audiences the sidecar may accept.
 */
export async function joseJudge(
  emulator: EntraEmulator,
  tenant: string,
  configuration: LoadedConfiguration,
): Promise<{ judge: Judge; options: JWTVerifyOptions }> {
  const get = async <T>(path: string) =>
    (await (await fetch(`${emulator.url}/${tenant}${path}`)).json()) as T;
  const [v2, v1, jwks] = await Promise.all([
    get<{ issuer: string }>('/v2.0/.well-known/openid-configuration'),
    get<{ issuer: string }>('/.well-known/openid-configuration'),
    get<JSONWebKeySet>('/discovery/v2.0/keys'),
  ]);
  const { clientId } = configuration.settings.azureAd;
  const options: JWTVerifyOptions = {
    issuer: [v2.issuer, v1.issuer],
    audience: [clientId, `api://${clientId}`],
    algorithms: [...new Set(jwks.keys.map((key) => key.alg ?? 'RS256'))],
    clockTolerance: configuration.settings.sidecar.validation.clockSkewMs / 1000,
  };
  const keys = createLocalJWKSet(jwks);
  const judge: Judge = async (token) => {
    try {
      await jwtVerify(token, keys, options);
      return { verdict: 'accepts', why: '' };
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      return { verdict: 'rejects', why: `${code ?? 'error'}: ${message}` };
    }
  };
  return { judge, options };
}

/** `work` over the items, at most `limit` at a time, results in order. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}
