import { vi } from 'vitest';

/** What `timersDuring` saw: the handles of the timers armed with the delay asked for, and of every timer cleared. */
export interface TimersSeen {
  readonly armed: unknown[];
  readonly cleared: unknown[];
}

/**
 * Runs `action` with the global `setTimeout` / `clearTimeout` spied on. A code path's own timer is told apart from
 * the runtime's (fetch keeps its own) by a distinctive delay, so a spec can check that the timer it armed was
 * cleared, through public functions only.
 */
export async function timersDuring(delayMs: number, action: () => Promise<unknown>): Promise<TimersSeen> {
  const armed = vi.spyOn(globalThis, 'setTimeout');
  const cleared = vi.spyOn(globalThis, 'clearTimeout');
  try {
    await action();
    // Read before the finally: restoring a spy also forgets its recorded calls.
    return {
      armed: armed.mock.calls.flatMap((call, index): unknown[] =>
        call[1] === delayMs ? [armed.mock.results[index]?.value as unknown] : [],
      ),
      cleared: cleared.mock.calls.map((call): unknown => call[0]),
    };
  } finally {
    armed.mockRestore();
    cleared.mockRestore();
  }
}
