import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Header that carries the correlation id in and out. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

// A caller may pass its own id so its logs and ours line up; anything that is not a short, plain token is
// replaced, so a header cannot smuggle log-forging text or a large value into every log line.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify `genReqId`: the caller's correlation id when it is acceptable, a fresh UUID otherwise. */
export function correlationIdFor(request: IncomingMessage): string {
  const inbound = request.headers[CORRELATION_ID_HEADER];
  return typeof inbound === 'string' && ACCEPTABLE_ID.test(inbound) ? inbound : randomUUID();
}
