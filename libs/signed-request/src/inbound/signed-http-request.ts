import { parseCompactJws } from '@app/validation';
import { refuse } from './signed-request.errors';

/** A compact SHR split and decoded, nothing of it trusted yet: the signature is checked later, with its key. */
export interface SignedHttpRequest {
  /** The compact serialization as received, for the signature check and the replay key. */
  readonly compact: string;
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

const malformed = () =>
  refuse('SIGNED_REQUEST_MALFORMED', 'The PoP credential is not a signed HTTP request (a compact JWS).');

/** Splits a compact JWS (RFC 7515 §7.1) and decodes its header and payload as JSON objects. */
export function parseSignedHttpRequest(compact: string): SignedHttpRequest {
  try {
    const { header, payload } = parseCompactJws(compact);
    return { compact, header, payload };
  } catch {
    // Validation's own parse, whose rejection is a Bearer one: here every malformed SHR is the PoP refusal.
    throw malformed();
  }
}
