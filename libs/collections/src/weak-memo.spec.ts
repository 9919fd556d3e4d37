import { describe, expect, it } from 'vitest';
import { WeakMemo } from './weak-memo';

describe('WeakMemo', () => {
  it('should derive a value once per object and keep objects apart', () => {
    // Arrange
    let calls = 0;
    const memo = new WeakMemo((token: { id: number }) => `body ${token.id} #${++calls}`);
    const first = { id: 1 };
    const second = { id: 1 };

    // Act
    const values = [memo.get(first), memo.get(first), memo.get(second)];

    // Assert
    expect(values).toEqual(['body 1 #1', 'body 1 #1', 'body 1 #2']);
    expect(calls).toBe(2);
  });
});
