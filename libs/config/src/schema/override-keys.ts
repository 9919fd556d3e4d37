import { z } from 'zod';
import { quote, wordList } from './config-values';

/**
 * Every key a request may override (spec C.5, as `optionsOverride.<key>`), in configuration form, and the agent
 * parameters the same gates cover (spec B.4). A section (`AcquireTokenOptions`, `AcquireTokenOptions:ManagedIdentity`)
 * stands for all of its keys.
 */
export const OVERRIDE_KEYS = [
  'Scopes',
  'RequestAppToken',
  'RelativePath',
  'HttpMethod',
  'ContentType',
  'AcceptHeader',
  'AcquireTokenOptions:Tenant',
  'AcquireTokenOptions:ForceRefresh',
  'AcquireTokenOptions:Claims',
  'AcquireTokenOptions:CorrelationId',
  'AcquireTokenOptions:FmiPath',
  'AcquireTokenOptions:LongRunningWebApiSessionKey',
  'AcquireTokenOptions:PopPublicKey',
  'AcquireTokenOptions:ManagedIdentity:UserAssignedClientId',
  'AgentIdentity',
  'AgentUsername',
  'AgentUserId',
] as const;

/** Sections whose keys are names the caller chooses: `ExtraHeaderParameters:<Header>`, or all of them. */
const NAMED_SECTIONS = ['ExtraHeaderParameters', 'ExtraQueryParameters'] as const;

// Lower-case dotted paths (`acquiretokenoptions.tenant`) of every key and every section above a key.
const KNOWN_PATHS = new Set(
  OVERRIDE_KEYS.flatMap((key) => {
    const segments = key.toLowerCase().split(':');
    return segments.map((_, index) => segments.slice(0, index + 1).join('.'));
  }),
);
const NAMED = new RegExp(`^(${NAMED_SECTIONS.join('|')})(?:[.:](.+))?$`, 'i');
const PREFIX = /^optionsoverride[.:]/i;

/**
 * The lower-case dotted path of one `Sidecar:AllowOverrides:Keys` entry, as requests are matched against it:
 * `:` or `.` between segments, any casing, an optional `optionsOverride.` prefix (copied from a query string).
 * A header or parameter name after `ExtraHeaderParameters` / `ExtraQueryParameters` is kept whole.
 */
export function overrideKeyPath(entry: string): string | undefined {
  const key = entry.trim().replace(PREFIX, '');
  const named = NAMED.exec(key);
  if (named !== null) {
    const [, section, name] = named;
    return name === undefined ? section.toLowerCase() : `${section.toLowerCase()}.${name.toLowerCase()}`;
  }
  const path = key.toLowerCase().split(/[.:]/).join('.');
  return KNOWN_PATHS.has(path) ? path : undefined;
}

/**
 * Whether a request's key (its lower-case dotted path after `optionsOverride.`, or an agent parameter's
 * lower-case name) is honoured: `keys` unset honours every key (the reference); otherwise the key, or a section
 * above it, must be listed.
 */
export function isOverrideKeyAllowed(keys: readonly string[] | undefined, path: string): boolean {
  if (keys === undefined) return true;
  return keys.some((allowed) => path === allowed || path.startsWith(`${allowed}.`));
}

const NEVER_OVERRIDABLE = /^(optionsoverride[.:])?baseurl$/i;

/**
 * `Sidecar:AllowOverrides:Keys`: an array or one whitespace-separated string of override keys, as lower-case
 * dotted paths. Unset (undefined) honours every key; present but empty (`[]`, or a blank value) honours none.
 */
export const overrideKeyList = () =>
  wordList()
    .pipe(
      z
        .array(
          z.string().superRefine((entry, context) => {
            if (overrideKeyPath(entry) !== undefined) return;
            context.addIssue({
              code: 'custom',
              message: NEVER_OVERRIDABLE.test(entry.trim())
                ? 'BaseUrl is never overridable per request, so it cannot be allowed'
                : `${quote(entry)} is not an override key; use ${[...OVERRIDE_KEYS, ...NAMED_SECTIONS].join(', ')} ` +
                  '(a section such as AcquireTokenOptions covers its keys; ExtraHeaderParameters:<Header> one header)',
            });
          }),
        )
        .optional(),
    )
    .transform((entries) =>
      entries === undefined ? undefined : [...new Set(entries.map((entry) => overrideKeyPath(entry) ?? ''))],
    );
