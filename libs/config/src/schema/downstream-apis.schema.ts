import { z } from 'zod';
import { type AcquireTokenOptionsSettings, acquireTokenOptionsSchema } from './acquire-token-options.schema';
import {
  absoluteUrl,
  flag,
  optionalText,
  quote,
  section,
  textOr,
  textRecord,
  wordList,
} from './config-values';
import { deepFreeze } from './deep-freeze';

/** One named downstream API (spec B.3, `DownstreamApis:<Name>`). */
export interface DownstreamApiProfile {
  /** Absolute http(s) URL; never overridable per request. */
  readonly baseUrl?: string;
  /** @default '' */
  readonly relativePath: string;
  /** Outbound method, upper-cased. @default 'GET' */
  readonly httpMethod: string;
  /** undefined = not configured (distinct from []), which leads to "No scopes found…" (spec C.3). */
  readonly scopes?: readonly string[];
  /** true → app (client-credentials) token; false → user/OBO. @default false */
  readonly requestAppToken: boolean;
  /** @default 'application/json' */
  readonly acceptHeader: string;
  /** @default 'application/json' */
  readonly contentType: string;
  /** @default {} */
  readonly extraHeaderParameters: Readonly<Record<string, string>>;
  /** @default {} */
  readonly extraQueryParameters: Readonly<Record<string, string>>;
  /** The sidecar is bearer-only (spec B.3). @default 'Bearer' */
  readonly protocolScheme: string;
  readonly acquireTokenOptions: AcquireTokenOptionsSettings;
}

// RFC 9110 §5.6.2 token: a method outside it cannot be sent on the wire.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Documented key names of a downstream API profile. */
export const downstreamApiShape = {
  BaseUrl: optionalText().pipe(absoluteUrl(['http:', 'https:'], 'http(s)').optional()),
  RelativePath: textOr(''),
  // .NET's HttpMethod binding treats an empty value as Get (spec B.3).
  HttpMethod: textOr('GET')
    .refine((value) => TOKEN.test(value), {
      error: (issue) => `must be an HTTP method token, not ${quote(String(issue.input))}`,
    })
    .transform((value) => value.toUpperCase()),
  Scopes: wordList(),
  RequestAppToken: flag(false),
  AcceptHeader: textOr('application/json'),
  ContentType: textOr('application/json'),
  ExtraHeaderParameters: textRecord(),
  ExtraQueryParameters: textRecord(),
  ProtocolScheme: textOr('Bearer'),
  AcquireTokenOptions: acquireTokenOptionsSchema,
};

const profileSchema = section(downstreamApiShape).transform((raw): DownstreamApiProfile => ({
  baseUrl: raw.BaseUrl,
  relativePath: raw.RelativePath,
  httpMethod: raw.HttpMethod,
  scopes: raw.Scopes,
  requestAppToken: raw.RequestAppToken,
  acceptHeader: raw.AcceptHeader,
  contentType: raw.ContentType,
  extraHeaderParameters: raw.ExtraHeaderParameters,
  extraQueryParameters: raw.ExtraQueryParameters,
  protocolScheme: raw.ProtocolScheme,
  acquireTokenOptions: raw.AcquireTokenOptions,
}));

/**
 * Schema of the `DownstreamApis` section. Profile names keep their first-seen casing and the map is
 * looked up case-sensitively, as in the reference (spec B.3). Profiles are deep-frozen: one request
 * must never be able to change another's configuration (reference 1.1.0 per-request isolation).
 */
export const downstreamApisSchema = z
  .preprocess(
    (value) => (value === undefined || value === '' ? {} : value),
    z.record(z.string(), profileSchema, { error: 'must be a section of named profiles' }),
  )
  .transform(
    (profiles): ReadonlyMap<string, DownstreamApiProfile> =>
      new Map(Object.entries(profiles).map(([name, profile]) => [name, deepFreeze(profile)])),
  );
