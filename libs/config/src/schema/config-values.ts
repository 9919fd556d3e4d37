import { z } from 'zod';

// Every configuration value arrives as a string (or a rebuilt section). An empty string counts as "not set",
// which is how operators blank out a key in an environment variable.
const blank = (value: unknown): unknown => (value === '' ? undefined : value);

const NOT_A_VALUE = 'must be a single value, not a section';
const textError = (issue: { input?: unknown }): string =>
  issue.input === undefined ? 'is required' : NOT_A_VALUE;

/** Shortens a non-secret offending value for a problem reason. Never pass a secret here. */
export const quote = (value: string): string => `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;

/** An optional string value. */
export const optionalText = () => z.preprocess(blank, z.string({ error: textError }).optional());

/** A required string value ("is required" when missing or empty). */
export const requiredText = () => z.preprocess(blank, z.string({ error: textError }));

/** A string value with a default. */
export const textOr = (fallback: string) => optionalText().transform((value) => value ?? fallback);

/** `true`/`false` in any casing, like .NET's bool.Parse; anything else is a problem. */
export const flag = (fallback: boolean) =>
  optionalText()
    .refine((value) => value === undefined || /^(true|false)$/i.test(value.trim()), 'must be true or false')
    .transform((value) => (value === undefined ? fallback : value.trim().toLowerCase() === 'true'));

/** A non-negative integer with a default. */
export const count = (fallback: number) =>
  optionalText()
    .refine((value) => value === undefined || /^\+?\d+$/.test(value.trim()), 'must be a non-negative integer')
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => Number.isSafeInteger(value), 'is too large');

/** A non-negative integer, or undefined when not set. */
export const optionalCount = () =>
  optionalText()
    .refine((value) => value === undefined || /^\+?\d+$/.test(value.trim()), 'must be a non-negative integer')
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .refine((value) => value === undefined || Number.isSafeInteger(value), 'is too large');

/** A byte budget with a default, at least `minimum` (a budget too small to hold anything is a mistake). */
export const byteBudget = (fallback: number, minimum: number) =>
  count(fallback).refine((value) => value >= minimum, `must be at least ${minimum} (bytes)`);

/** Spec decisions §2: a list may be an array (`Scopes:0`, `Scopes:1`) or one whitespace-separated string. */
export const wordList = () =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(/\s+/).filter((word) => word !== '') : value),
    z.array(z.string({ error: NOT_A_VALUE })).optional(),
  );

/** A section of free-form names → values (extra headers or query parameters); names keep their casing. */
export const textRecord = () =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? {} : value),
    z.record(z.string(), z.string({ error: NOT_A_VALUE }), {
      error: 'must be a section of name/value pairs',
    }),
  );

/**
 * A section whose known keys match case-insensitively (ASP.NET keys are case-insensitive) and are renamed to
 * their documented casing, so problems name `AzureAd:ClientId` whatever casing the source used.
 */
export function section<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = new Map(Object.keys(shape).map((name) => [name.toLowerCase(), name]));
  const recase = (value: unknown): unknown => {
    if (value === undefined || value === '') return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [names.get(key.toLowerCase()) ?? key, item]),
    );
  };
  return z.preprocess(recase, z.object(shape, { error: 'must be a section, not a single value' }));
}

/** An array of sections (`Name:0:…`, `Name:1:…`); missing means empty. */
export const sectionList = <Item extends z.ZodType>(item: Item) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? [] : value),
    z.array(item, { error: 'must be a list' }),
  );

/** An absolute URL with one of the given schemes. */
export const absoluteUrl = (schemes: readonly string[], what: string) =>
  z.string().refine((value) => {
    try {
      return schemes.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be an absolute ${what} URL`);

interface CheckPayload {
  readonly value: unknown;
  readonly issues: readonly { readonly path?: readonly PropertyKey[] }[];
}

/**
 * Options for a cross-key check (`superRefine`) that must run even when other keys of the section have problems,
 * so every problem is listed at once; it is skipped only when a key it reads (`paths`) is itself invalid.
 */
export const unlessProblemsAt = (...paths: readonly (readonly string[])[]) => ({
  when: (payload: CheckPayload): boolean =>
    typeof payload.value === 'object' &&
    payload.value !== null &&
    !payload.issues.some((issue) =>
      paths.some((path) => path.every((segment, i) => String(issue.path?.[i]) === segment)),
    ),
});
