import { describe, expect, it } from 'vitest';
import { timersDuring } from '@app/testing';
import { withDeadline } from './with-deadline';

describe('withDeadline', () => {
  it('should answer what the exchange answers and clear its timer', async () => {
    // Act
    let answer: unknown;
    const timers = await timersDuring(32_109, async () => {
      answer = await withDeadline(32_109, () => Promise.resolve('answer'));
    });

    // Assert
    expect(answer).toBe('answer');
    expect(timers.armed).toHaveLength(1);
    expect(timers.cleared).toContain(timers.armed[0]);
  });

  it('should abort the signal with a TimeoutError once the deadline passes', async () => {
    // Act: an exchange that only ends when its signal aborts
    const failure = withDeadline(
      20,
      (signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error)),
        ),
    );

    // Assert
    await expect(failure).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
