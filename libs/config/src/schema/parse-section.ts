import type { z } from 'zod';
import type { ConfigurationProblem } from '../config.errors';

/** Either the parsed settings or every problem found. */
export type SectionResult<T> = { ok: true; value: T } | { ok: false; problems: ConfigurationProblem[] };

/** Parses one namespace; each zod issue becomes a problem whose key is `prefix:path` in documented casing. */
export function parseSection<T>(schema: z.ZodType<T>, input: unknown, prefix: string): SectionResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => ({
    key: [prefix, ...issue.path.map(String)].filter((segment) => segment !== '').join(':'),
    reason: issue.message,
  }));
  return { ok: false, problems };
}
