/**
 * The application's one metrics registry: it holds the instruments in `plain-metrics.ts` and renders them, in
 * registration order, in the Prometheus text exposition format (version 0.0.4) at scrape time.
 *
 * Why our own and not prom-client's: prom-client's counters and histograms hash the label set on every
 * observation, even through `labels()` children, and its public API has no way to hand a histogram counts kept
 * elsewhere, so plain numbers could only reach its registry through casts. Here an observation is a few
 * additions and all formatting happens when scraped. prom-client still supplies the process and Node.js runtime
 * metrics (`collectDefaultMetrics`, on a prom-client registry of its own), plugged in as one text source.
 */
export class MetricsRegistry {
  /** The content type of `metrics()`. */
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';

  private readonly names = new Set<string>();
  private readonly parts: (MetricFamily | TextSource)[] = [];

  /** Adds an instrument; a second one under the same name is a programming error. */
  register(family: MetricFamily): void {
    if (this.names.has(family.name)) {
      throw new Error(`A metric with the name ${family.name} has already been registered.`);
    }
    this.names.add(family.name);
    this.parts.push(family);
  }

  /** Adds text rendered elsewhere in the same format (blocks of families separated by a blank line). */
  registerSource(render: TextSource): void {
    this.parts.push(render);
  }

  /** Every family and source, each family as `# HELP`, `# TYPE` and one line per sample. */
  async metrics(): Promise<string> {
    const blocks: string[] = [];
    for (const part of this.parts) {
      blocks.push(typeof part === 'function' ? (await part()).trimEnd() : renderFamily(part));
    }
    return `${blocks.join('\n\n')}\n`;
  }
}

/** A metric family as the registry reads it at scrape time. */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  /** Appends one `<name>{<labels>} <value>` line per sample. */
  writeSamples(lines: string[]): void;
}

type TextSource = () => Promise<string>;

function renderFamily(family: MetricFamily): string {
  const name = escapeText(family.name);
  const lines = [`# HELP ${name} ${escapeText(family.help)}`, `# TYPE ${name} ${family.type}`];
  family.writeSamples(lines);
  return lines.join('\n');
}

/** `name="value"` pairs for a sample line, escaped as the exposition format requires. */
export function formatLabels(names: readonly string[], values: readonly string[]): string {
  return names
    .map((name, index) => `${name}="${escapeText(values[index] ?? '').replace(/"/g, '\\"')}"`)
    .join(',');
}

/** One sample line; `labels` is already formatted (empty for none). */
export function sampleLine(name: string, labels: string, value: number): string {
  return `${name}${labels === '' ? '' : `{${labels}}`} ${formatValue(value)}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'Nan';
  if (!Number.isFinite(value)) return value < 0 ? '-Inf' : '+Inf';
  return `${value}`;
}

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
