import { describe, expect, it } from 'vitest';
import { ClientPartition } from './client-partition';

describe('ClientPartition', () => {
  it('should hand out one instance for `size` uses, then a new one', () => {
    // Arrange
    let created = 0;
    const partition = new ClientPartition(() => ++created, 2);

    // Act
    const uses = [partition.next(), partition.next(), partition.next()];

    // Assert
    expect(uses).toEqual([1, 1, 2]);
  });

  it('should replace a discarded current instance on the next use', () => {
    // Arrange
    let created = 0;
    const partition = new ClientPartition(() => ++created, 10);
    const first = partition.next();

    // Act
    partition.discard(first);
    partition.discard(99);

    // Assert
    expect(partition.next()).toBe(2);
  });
});
