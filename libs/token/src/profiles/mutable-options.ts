import type { AgentParameters, EffectiveAcquireTokenOptions } from '@app/token-core';

/** `T` with its own fields writable (one level: the working copy replaces nested values, never edits them). */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The working copy of a profile while one request resolves it; frozen into `EffectiveDownstreamOptions`. */
export interface MutableDownstreamOptions {
  baseUrl?: string;
  relativePath: string;
  httpMethod: string;
  acceptHeader: string;
  contentType: string;
  scopes?: string[];
  requestAppToken: boolean;
  extraHeaderParameters: Record<string, string>;
  extraQueryParameters: Record<string, string>;
  acquireTokenOptions: Writable<Omit<EffectiveAcquireTokenOptions, 'extraQueryParameters'>> & {
    extraQueryParameters: Record<string, string>;
  };
  agent?: AgentParameters;
}
