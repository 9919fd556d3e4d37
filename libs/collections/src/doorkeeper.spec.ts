import { describe, expect, it } from 'vitest';
import { Doorkeeper } from './doorkeeper';

const token = (index: number): string => `header.payload.signature-${index.toString(36).padStart(8, '0')}`;

describe('Doorkeeper', () => {
  it('should say no to a first offer and yes to a second one', () => {
    // Arrange
    const doorkeeper = new Doorkeeper(100);

    // Act
    const first = doorkeeper.offer(token(1));
    const second = doorkeeper.offer(token(1));

    // Assert
    expect(first).toBe(false);
    expect(second).toBe(true);
  });

  it('should remember every key of a full window', () => {
    // Arrange
    const doorkeeper = new Doorkeeper(1_000);
    for (let i = 0; i < 1_000; i++) doorkeeper.offer(token(i));

    // Act
    const remembered = Array.from({ length: 1_000 }, (_, i) => doorkeeper.offer(token(i)));

    // Assert
    expect(remembered.every(Boolean)).toBe(true);
  });

  it('should forget a key once the window has moved past it', () => {
    // Arrange: a cycle twice the window, like tokens that never come back in time
    const doorkeeper = new Doorkeeper(1_000);
    for (let i = 0; i < 2_000; i++) doorkeeper.offer(token(i));

    // Act
    const admitted = Array.from({ length: 2_000 }, (_, i) => doorkeeper.offer(token(i))).filter(Boolean);

    // Assert: at most the false yeses of the bit array
    expect(admitted.length).toBeLessThan(100);
  });

  it('should rarely mistake a new key for a remembered one', () => {
    // Arrange
    const doorkeeper = new Doorkeeper(10_000);
    for (let i = 0; i < 9_999; i++) doorkeeper.offer(token(i));

    // Act
    let mistaken = 0;
    for (let i = 0; i < 10_000; i++) if (doorkeeper.offer(token(1_000_000 + i))) mistaken++;

    // Assert: about 2% at a full window, well under 5%
    expect(mistaken).toBeLessThan(500);
  });

  it('should tell apart keys that differ only in their last character', () => {
    // Arrange
    const doorkeeper = new Doorkeeper(100);
    doorkeeper.offer(`${'x'.repeat(63)}a`);

    // Act
    const other = doorkeeper.offer(`${'x'.repeat(63)}b`);

    // Assert
    expect(other).toBe(false);
  });
});
