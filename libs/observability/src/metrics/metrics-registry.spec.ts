import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics-registry';
import { PlainCounter } from './plain-metrics';

describe('MetricsRegistry', () => {
  it('should render families and text sources in registration order, one blank line apart', async () => {
    // Arrange
    const registry = new MetricsRegistry();
    new PlainCounter(registry, { name: 'first_total', help: 'First.', labelNames: [] }).child().inc();
    registry.registerSource(() => Promise.resolve('# HELP middle Middle.\n# TYPE middle gauge\nmiddle 7\n'));
    new PlainCounter(registry, { name: 'last_total', help: 'Last.', labelNames: ['route'] })
      .child('/a"b')
      .inc(2);

    // Act
    const text = await registry.metrics();

    // Assert
    expect(text).toBe(
      [
        '# HELP first_total First.\n# TYPE first_total counter\nfirst_total 1',
        '# HELP middle Middle.\n# TYPE middle gauge\nmiddle 7',
        '# HELP last_total Last.\n# TYPE last_total counter\nlast_total{route="/a\\"b"} 2\n',
      ].join('\n\n'),
    );
  });

  it('should refuse a second metric under the same name', () => {
    // Arrange
    const registry = new MetricsRegistry();
    new PlainCounter(registry, { name: 'calls_total', help: 'Calls.', labelNames: [] });

    // Act
    const again = () => new PlainCounter(registry, { name: 'calls_total', help: 'Again.', labelNames: [] });

    // Assert
    expect(again).toThrow('A metric with the name calls_total has already been registered.');
  });
});
