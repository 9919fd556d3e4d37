import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from './deadline';

describe('Deadline', () => {
  afterEach(() => vi.useRealTimers());

  it('should cancel the armed attempt with its reason when the time is up', () => {
    // Arrange
    vi.useFakeTimers();
    const deadline = new Deadline(100, () => new Error('too slow'));
    const cancel = vi.fn();
    deadline.arm({ cancel });

    // Act
    vi.advanceTimersByTime(100);

    // Assert
    expect(cancel).toHaveBeenCalledWith(expect.objectContaining({ message: 'too slow' }));
    expect(deadline.expired?.message).toBe('too slow');
  });

  it('should not cancel a disarmed attempt, and never fire once cleared', () => {
    // Arrange
    vi.useFakeTimers();
    const first = new Deadline(100, () => new Error('late'));
    const second = new Deadline(100, () => new Error('late'));
    const cancel = vi.fn();
    first.arm({ cancel });
    first.disarm();
    second.arm({ cancel });

    // Act
    second.clear();
    vi.advanceTimersByTime(1_000);

    // Assert
    expect(cancel).not.toHaveBeenCalled();
    expect(first.expired).toBeDefined();
    expect(second.expired).toBeUndefined();
  });
});
