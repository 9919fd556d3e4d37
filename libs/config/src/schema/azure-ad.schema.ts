import { z } from 'zod';
import {
  absoluteUrl,
  unlessProblemsAt,
  flag,
  optionalText,
  requiredText,
  section,
  sectionList,
  textRecord,
  wordList,
} from './config-values';
import { type CredentialDescription, credentialSchema } from './credential.schema';

/** The sidecar's own identity: spec B.1, the `AzureAd` section. */
export interface AzureAdSettings {
  /** Login host, always ending with `/`. @default 'https://login.microsoftonline.com/' */
  readonly instance: string;
  /** GUID, domain, `common` or `organizations`; derived from `authority` when only that is set. */
  readonly tenantId: string;
  readonly clientId: string;
  /** Effective v2.0 authority `{instance}{tenantId}/v2.0` (spec B.1: always normalised to v2.0). */
  readonly authority: string;
  /** Single expected `aud`; undefined → the default audience rule (spec G.2). */
  readonly audience?: string;
  /** Extra accepted audiences (allow-list). @default [] */
  readonly audiences: readonly string[];
  /** Scopes `/Validate` accepts, any one of them (decisions §2). @default [] */
  readonly scopes: readonly string[];
  /** Tried in order; includes converted legacy `ClientCertificates` / `ClientSecret`. @default [] */
  readonly clientCredentials: readonly CredentialDescription[];
  /** Certificates whose private keys decrypt inbound JWE tokens. @default [] */
  readonly tokenDecryptionCredentials: readonly CredentialDescription[];
  /** Send the x5c chain with client assertions. @default false */
  readonly sendX5C: boolean;
  /** Region of the regional token endpoint (ESTS-R) for client credentials: e.g. `westus2`, or `TryAutoDetect`. */
  readonly azureRegion?: string;
  /** @default [] */
  readonly clientCapabilities: readonly string[];
  readonly appHomeTenantId?: string;
  /** Added to every token request. @default {} */
  readonly extraQueryParameters: Readonly<Record<string, string>>;
  /** @default false */
  readonly enablePiiLogging: boolean;
}

const DEFAULT_INSTANCE = 'https://login.microsoftonline.com/';
const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);
const httpsUrl = absoluteUrl(['https:'], 'https');
// msal-node puts the region in front of the login host, so it must be one DNS label (msal's own rule); a value
// that could never work is refused at start-up instead of failing every app-token request.
const REGION_NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

// `https://host/{tenant}/v2.0` → instance `https://host/`, tenant `{tenant}` (how Microsoft.Identity.Web splits it).
function splitAuthority(authority: string): { instance: string; tenantId?: string } {
  const url = new URL(authority);
  return { instance: `${url.origin}/`, tenantId: url.pathname.split('/').find((segment) => segment !== '') };
}

/** Documented key names of the `AzureAd` section. */
export const azureAdShape = {
  Instance: optionalText().pipe(httpsUrl.optional()),
  TenantId: optionalText(),
  ClientId: requiredText(),
  Authority: optionalText().pipe(
    httpsUrl
      .refine(
        (value) => splitAuthority(value).tenantId !== undefined,
        'must name the tenant, e.g. https://login.microsoftonline.com/{tenant}/v2.0',
      )
      .optional(),
  ),
  Audience: optionalText(),
  Audiences: wordList(),
  Scopes: wordList(),
  ClientCredentials: sectionList(credentialSchema('client')),
  TokenDecryptionCredentials: sectionList(credentialSchema('decryption')),
  SendX5C: flag(false),
  AzureRegion: optionalText().refine(
    (value) => value === undefined || REGION_NAME.test(value),
    'must be an Azure region name such as westus2 (letters, digits and hyphens), or TryAutoDetect',
  ),
  ClientCapabilities: wordList(),
  AppHomeTenantId: optionalText(),
  ExtraQueryParameters: textRecord(),
  EnablePiiLogging: flag(false),
  // Legacy keys, converted into the lists above when those are empty (spec B.1).
  ClientSecret: optionalText(),
  ClientCertificates: sectionList(credentialSchema('client')),
  TokenDecryptionCertificates: sectionList(credentialSchema('decryption')),
};

type RawAzureAd = z.output<z.ZodObject<typeof azureAdShape>>;

/** Schema of the `AzureAd` section. */
export const azureAdSchema = section(azureAdShape)
  .superRefine(
    (raw, ctx) => {
      if (raw.TenantId === undefined && raw.Authority === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['TenantId'],
          message: 'is required (or set AzureAd:Authority)',
        });
      }
    },
    unlessProblemsAt(['TenantId'], ['Authority']),
  )
  .transform(toAzureAdSettings);

function toAzureAdSettings(raw: RawAzureAd): AzureAdSettings {
  const fromAuthority = raw.Authority === undefined ? undefined : splitAuthority(raw.Authority);
  const instance = withSlash(raw.Instance ?? fromAuthority?.instance ?? DEFAULT_INSTANCE);
  const tenantId = raw.TenantId ?? fromAuthority?.tenantId ?? '';
  return {
    instance,
    tenantId,
    clientId: raw.ClientId,
    authority: `${instance}${tenantId}/v2.0`,
    audience: raw.Audience,
    audiences: raw.Audiences ?? [],
    scopes: raw.Scopes ?? [],
    clientCredentials:
      raw.ClientCredentials.length > 0 ? raw.ClientCredentials : legacyClientCredentials(raw),
    tokenDecryptionCredentials:
      raw.TokenDecryptionCredentials.length > 0
        ? raw.TokenDecryptionCredentials
        : raw.TokenDecryptionCertificates,
    sendX5C: raw.SendX5C,
    azureRegion: raw.AzureRegion,
    clientCapabilities: raw.ClientCapabilities ?? [],
    appHomeTenantId: raw.AppHomeTenantId,
    extraQueryParameters: raw.ExtraQueryParameters,
    enablePiiLogging: raw.EnablePiiLogging,
  };
}

// Microsoft.Identity.Web lists legacy certificates before the legacy secret.
function legacyClientCredentials(raw: RawAzureAd): CredentialDescription[] {
  const secret: CredentialDescription[] =
    raw.ClientSecret === undefined
      ? []
      : [{ sourceType: 'ClientSecret', clientSecret: raw.ClientSecret, skip: false }];
  return [...raw.ClientCertificates, ...secret];
}
