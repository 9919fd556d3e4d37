/** One bad or missing configuration key. `key` uses the documented casing, e.g. `AzureAd:ClientId`. */
export interface ConfigurationProblem {
  readonly key: string;
  /** Why the key is rejected. Never contains a secret value. */
  readonly reason: string;
}

// Host keys the reference reads from ASPNETCORE_-prefixed variables (spec A.3, B.5): point operators there.
const PREFIXED_HOST_KEYS = new Set(['urls', 'http_ports', 'environment']);

const environmentVariableName = (key: string): string =>
  PREFIXED_HOST_KEYS.has(key.toLowerCase()) ? `ASPNETCORE_${key.toUpperCase()}` : key.split(':').join('__');

// Problems about a whole file (invalid JSON) or a command-line argument have no environment-variable form.
const isSourceProblem = (key: string): boolean => /\.json$/i.test(key) || key.startsWith('-');

/** One line per problem, naming the key in its `Section:Key` form and its environment-variable form. */
export function formatConfigurationProblems(problems: readonly ConfigurationProblem[]): string[] {
  return problems.map(({ key, reason }) =>
    isSourceProblem(key) ? `${key}: ${reason}` : `${key} (env ${environmentVariableName(key)}): ${reason}`,
  );
}

/** Thrown by `loadConfiguration` when any key is invalid; lists every problem, not just the first. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';

  constructor(readonly problems: ConfigurationProblem[]) {
    super(formatConfigurationProblems(problems).join('\n'));
  }
}
