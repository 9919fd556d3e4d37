import type { ConfigurationProblem } from '../config.errors';
import type { ConfigurationEntries } from '../configuration-tree';

/** What a configuration source yields: its flattened entries and anything it could not read. */
export interface SourceResult {
  readonly entries: ConfigurationEntries;
  readonly problems: readonly ConfigurationProblem[];
}
