import { describe, expect, it } from 'vitest';
import { isLoopback } from './caller-policy.hook';

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', undefined, ''])(
    'should treat %s as local',
    (address) => {
      expect(isLoopback(address)).toBe(true);
    },
  );

  it.each([
    '10.0.0.5',
    '203.0.113.10',
    '::ffff:10.1.2.3',
    'fe80::1',
    '127.evil.example',
    '1127.0.0.1',
    '::2',
  ])('should treat %s as remote', (address) => {
    expect(isLoopback(address)).toBe(false);
  });
});
