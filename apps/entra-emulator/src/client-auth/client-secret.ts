import { createHash, timingSafeEqual } from 'node:crypto';
import type { DirectoryClient } from '../config/directory';
import { entraErrors } from '../http/entra-error';
import type { AuthenticatedClient } from './authenticated-client';

function sameSecret(presented: string, expected: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** `client_secret`: must equal one of the registration's secrets. Agent identities have none. */
export function authenticateWithSecret(client: DirectoryClient, secret: string): AuthenticatedClient {
  const secrets = client.application?.clientSecrets ?? [];
  if (!secrets.some((expected) => sameSecret(secret, expected)))
    throw entraErrors.invalidSecret(client.clientId);
  return { client, method: 'secret', authMethodClaim: '1' };
}
