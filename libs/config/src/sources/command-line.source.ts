import type { ConfigurationProblem } from '../config.errors';
import type { SourceResult } from './source-result';

// Mirrors .NET's CommandLineConfigurationProvider: `--Key=value`, `--Key value`, `/Key=value`, `/Key value`
// and `Key=value`; a bare word without `=` is ignored. We also accept `__` as the separator so the same
// key spelling works in env vars and arguments.
const toKey = (raw: string): string => raw.split('__').join(':');

/** Parses command-line arguments into configuration entries. */
export function readCommandLineSource(argv: readonly string[]): SourceResult {
  const entries: [string, string][] = [];
  const problems: ConfigurationProblem[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const prefix = arg.startsWith('--') ? 2 : arg.startsWith('/') || arg.startsWith('-') ? 1 : 0;
    const separator = arg.indexOf('=');
    const name = arg.slice(prefix, separator < 0 ? undefined : separator);
    if (prefix === 1 && arg.startsWith('-')) {
      // .NET rejects short switches without a switch mapping; we define none.
      if (separator >= 0) problems.push(shortSwitch(arg.slice(0, separator)));
      continue;
    }
    if (name === '') continue;
    if (separator >= 0) {
      entries.push([toKey(name), arg.slice(separator + 1)]);
    } else if (prefix > 0 && i + 1 < argv.length) {
      entries.push([toKey(name), argv[i + 1]]);
      i += 1;
    }
  }
  return { entries, problems };
}

const shortSwitch = (switchName: string): ConfigurationProblem => ({
  key: switchName,
  reason: 'short switches are not supported; write --Section:Key=value',
});
