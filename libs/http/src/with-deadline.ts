/**
 * Runs `exchange` with a signal that aborts after `timeoutMs`, with the reason `AbortSignal.timeout` gives, and
 * clears the timer as soon as the exchange settles. Not `AbortSignal.timeout` itself: its timer stays pending
 * until it fires, one per call, so a burst of calls (cache priming, a restart) left thousands of live timers
 * that all fired, each creating its abort error, one timeout later.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  exchange: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    timeoutMs,
  );
  try {
    return await exchange(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
