import { describe, expect, it } from 'vitest';
import { TenantPartitions } from './tenant-partitions';

describe('TenantPartitions', () => {
  it('should replace an instance after its uses and keep a bounded number of tenants', async () => {
    // Arrange
    let created = 0;
    const partitions = new TenantPartitions((tenant) => Promise.resolve(`${tenant}-${++created}`), 2, 2);

    // Act
    const first = [await partitions.next('a'), await partitions.next('A'), await partitions.next('a')];
    await partitions.next('b');
    await partitions.next('c');
    const afterEviction = await partitions.next('a');

    // Assert
    expect(first).toEqual(['a-1', 'a-1', 'a-2']);
    expect(afterEviction).toBe('a-5');
  });

  it('should retry after a failed creation', async () => {
    // Arrange
    let attempts = 0;
    const partitions = new TenantPartitions(
      () => (++attempts === 1 ? Promise.reject(new Error('no credential')) : Promise.resolve('ok')),
      10,
      10,
    );

    // Act
    await expect(partitions.next('t')).rejects.toThrow('no credential');
    await Promise.resolve();

    // Assert
    expect(await partitions.next('t')).toBe('ok');
  });
});
