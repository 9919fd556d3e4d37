import { validateHeaderName, validateHeaderValue } from 'node:http';
import {
  FRAMING_HEADER_NAMES,
  RESERVED_HEADER_NAMES,
  RESERVED_HEADER_PREFIXES,
} from '../downstream.constants';

/** What the outbound request carries besides the body. */
export interface OutboundHeaderInputs {
  readonly acceptHeader: string;
  readonly extraHeaderParameters: Readonly<Record<string, string>>;
  /** The acquired `<scheme> <token>`; the inbound Authorization is never an input. */
  readonly authorization: string;
  /** The inbound Content-Type, when a body is forwarded with one. */
  readonly contentType?: string;
}

/** An extra header left out, and why; logged by name only (values may be secrets). */
export interface DroppedHeader {
  readonly name: string;
  readonly reason: 'reserved' | 'duplicate' | 'invalid';
}

/** The part of the outbound headers a profile fixes: `Accept` and the extra headers it may send. */
export interface ProfileHeaders {
  readonly headers: Readonly<Record<string, string>>;
  readonly dropped: readonly DroppedHeader[];
}

/**
 * Spec C.6: `Accept` from the profile, the extra headers except reserved names and names already
 * present, then the acquired `Authorization` and the forwarded body's `Content-Type`.
 */
export function buildOutboundHeaders(inputs: OutboundHeaderInputs): {
  headers: Record<string, string>;
  dropped: DroppedHeader[];
} {
  const profile = profileHeaders(inputs.acceptHeader, inputs.extraHeaderParameters);
  return {
    headers: withCallHeaders(profile, inputs.authorization, inputs.contentType),
    dropped: [...profile.dropped],
  };
}

/**
 * The first half of `buildOutboundHeaders`, which depends on the options alone: a call whose options are
 * shared with other requests reuses it, so the checks of the extra headers run once per profile.
 */
export function profileHeaders(
  acceptHeader: string,
  extraHeaderParameters: Readonly<Record<string, string>>,
): ProfileHeaders {
  const headers: Record<string, string> = {};
  const present = new Set<string>();
  const dropped: DroppedHeader[] = [];
  if (acceptHeader !== '') add(headers, present, 'Accept', acceptHeader);

  for (const [name, value] of Object.entries(extraHeaderParameters)) {
    const lower = name.toLowerCase();
    if (isReserved(lower)) dropped.push({ name, reason: 'reserved' });
    else if (present.has(lower)) dropped.push({ name, reason: 'duplicate' });
    else if (!isValidHeader(name, value)) dropped.push({ name, reason: 'invalid' });
    else add(headers, present, name, value);
  }
  return { headers, dropped };
}

/**
 * The second half: the profile's headers, then the acquired `Authorization` and the forwarded `Content-Type`.
 * Neither can clash with a profile header, whose names exclude both (reserved and framing names).
 */
export function withCallHeaders(
  profile: ProfileHeaders,
  authorization: string,
  contentType: string | undefined,
): Record<string, string> {
  // Copied name by name: V8 builds `{ ...profile.headers, Authorization }` on a slow path, microseconds a call.
  const headers: Record<string, string> = {};
  for (const name in profile.headers) headers[name] = profile.headers[name];
  headers.Authorization = authorization;
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  return headers;
}

const add = (headers: Record<string, string>, present: Set<string>, name: string, value: string): void => {
  headers[name] = value;
  present.add(name.toLowerCase());
};

const isReserved = (lower: string): boolean =>
  RESERVED_HEADER_NAMES.has(lower) ||
  FRAMING_HEADER_NAMES.has(lower) ||
  RESERVED_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix));

// The reference adds values unvalidated; Node refuses CR/LF and other illegal characters (header
// injection), so such a header is dropped with a log instead of failing the whole call.
function isValidHeader(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
  } catch {
    return false;
  }
  return isValidHeaderValue(value);
}

/** Whether Node would send `value` as a header value (no CR, LF, NUL or other illegal character). */
export function isValidHeaderValue(value: string): boolean {
  try {
    validateHeaderValue('x', value);
    return true;
  } catch {
    return false;
  }
}
