import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics-registry';
import { PlainCounter, PlainHistogram, secondsSince } from './plain-metrics';

describe('PlainCounter and PlainHistogram', () => {
  it('should render counts per label set in the Prometheus text format', async () => {
    // Arrange
    const registry = new MetricsRegistry();
    const counter = new PlainCounter(registry, { name: 'calls_total', help: 'Calls.', labelNames: ['flow'] });
    const child = counter.child('obo');

    // Act
    child.inc();
    child.inc(2);
    counter.child('app').inc();

    // Assert
    const text = await registry.metrics();
    expect(text).toContain('# TYPE calls_total counter');
    expect(text).toContain('calls_total{flow="obo"} 3');
    expect(text).toContain('calls_total{flow="app"} 1');
  });

  it('should render cumulative buckets, sum and count', async () => {
    // Arrange
    const registry = new MetricsRegistry();
    const histogram = new PlainHistogram(registry, {
      name: 'latency_seconds',
      help: 'Latency.',
      labelNames: ['api'],
      buckets: [0.01, 0.1],
    });

    // Act
    for (const seconds of [0.005, 0.05, 0.05, 3]) histogram.child('a').observe(seconds);

    // Assert
    const text = await registry.metrics();
    expect(text).toContain('latency_seconds_bucket{le="0.01",api="a"} 1');
    expect(text).toContain('latency_seconds_bucket{le="0.1",api="a"} 3');
    expect(text).toContain('latency_seconds_bucket{le="+Inf",api="a"} 4');
    expect(text).toContain('latency_seconds_sum{api="a"} 3.105');
    expect(text).toContain('latency_seconds_count{api="a"} 4');
  });

  it('should hand back the same child for the same label values', () => {
    const counter = new PlainCounter(new MetricsRegistry(), {
      name: 'x_total',
      help: 'X.',
      labelNames: ['a', 'b'],
    });
    expect(counter.child('1', '2')).toBe(counter.child('1', '2'));
    expect(counter.child('1', '2')).not.toBe(counter.child('12', ''));
  });

  it('should render every label set of a two-label counter with its own labels', async () => {
    // Arrange
    const registry = new MetricsRegistry();
    const counter = new PlainCounter(registry, {
      name: 'y_total',
      help: 'Y.',
      labelNames: ['flow', 'outcome'],
    });

    // Act
    counter.child('obo', 'success').inc();
    counter.child('obo', 'failure').inc(2);
    counter.child('app', 'success').inc(3);

    // Assert
    const text = await registry.metrics();
    expect(text).toContain('y_total{flow="obo",outcome="success"} 1');
    expect(text).toContain('y_total{flow="obo",outcome="failure"} 2');
    expect(text).toContain('y_total{flow="app",outcome="success"} 3');
  });

  it('should keep one child for a metric without labels', async () => {
    const registry = new MetricsRegistry();
    const counter = new PlainCounter(registry, { name: 'z_total', help: 'Z.', labelNames: [] });

    counter.child().inc();
    counter.child().inc();

    expect(counter.child()).toBe(counter.child());
    expect(await registry.metrics()).toContain('z_total 2');
  });
});

describe('secondsSince', () => {
  it('should give the seconds elapsed since a performance.now() reading', () => {
    // Arrange
    const started = performance.now() - 1_500;

    // Act
    const seconds = secondsSince(started);

    // Assert
    expect(seconds).toBeGreaterThanOrEqual(1.5);
    expect(seconds).toBeLessThan(2.5);
  });
});
