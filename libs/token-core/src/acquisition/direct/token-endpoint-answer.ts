import type { FetchedAnswer } from '@app/http';
import { SidecarError } from '@app/problem-details';
import type { AcquiredToken } from '../token-request';

interface TokenEndpointBody {
  readonly access_token?: unknown;
  readonly token_type?: unknown;
  readonly expires_in?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

/**
 * The token endpoint's answer, mapped as every msal flow's is (spec C.3 step 7): an error Entra returned (its
 * OAuth error JSON with a 4xx, or AADSTS text with any status) is a 401 whose detail is Entra's
 * `error_description`; anything else — a 5xx without an Entra error, a body that is not JSON, an answer without
 * a token — is an Error, a 500 whose cause is logged. The token type is kept exactly as Entra answered
 * (`pop`), since it is the header's scheme (spec C.3 step 8).
 */
export function readTokenAnswer(answer: FetchedAnswer): AcquiredToken {
  const body = parseBody(answer);
  const description = entraError(body);
  if (description !== undefined && (answer.status < 500 || /AADSTS\d+/.test(description))) {
    const code = typeof body.error === 'string' ? ` ${body.error}` : '';
    throw new SidecarError('UNAUTHENTICATED', description, {
      cause: new Error(`The token endpoint answered ${answer.status}${code}.`),
    });
  }
  if (answer.status !== 200) throw new Error(`The token endpoint answered ${answer.status}.`);
  const { access_token: accessToken, token_type: tokenType } = body;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new Error('The token endpoint answered without an access token.');
  }
  return {
    accessToken,
    // RFC 6749 §5.1 makes token_type required; msal-node reads a missing one as Bearer too.
    tokenType: typeof tokenType === 'string' && tokenType !== '' ? tokenType : 'Bearer',
    expiresOn: new Date(Date.now() + lifetimeSeconds(body.expires_in) * 1000),
  };
}

function parseBody(answer: FetchedAnswer): TokenEndpointBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new Error(`The token endpoint answered ${answer.status} with a body that is not JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw new Error(`The token endpoint answered ${answer.status} with JSON that is not an object.`);
  }
  return parsed;
}

// RFC 6749 §5.2: `error` is the code, `error_description` Entra's text (AADSTS code, trace and correlation ids).
function entraError(body: TokenEndpointBody): string | undefined {
  const description = typeof body.error_description === 'string' ? body.error_description.trim() : '';
  if (description !== '') return description;
  return typeof body.error === 'string' && body.error !== '' ? body.error : undefined;
}

// Entra sends a number; some authorities a numeric string. A token of unknown lifetime cannot be cached safely.
function lifetimeSeconds(expiresIn: unknown): number {
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new Error('The token endpoint answered without a valid expires_in.');
  }
  return seconds;
}
