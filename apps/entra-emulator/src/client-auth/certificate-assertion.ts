import { X509Certificate, createHash } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { DirectoryClient } from '../config/directory';
import { entraErrors } from '../http/entra-error';
import type { AuthenticatedClient } from './authenticated-client';

// Entra allows clock skew on client assertions; msal's nbf can be a hair ahead of the server clock.
const CLOCK_TOLERANCE_SECONDS = 300;

function thumbprints(pem: string): { sha1: string; sha256: string; certificate: X509Certificate } {
  const certificate = new X509Certificate(pem);
  return {
    sha1: createHash('sha1').update(certificate.raw).digest('base64url'),
    sha256: createHash('sha256').update(certificate.raw).digest('base64url'),
    certificate,
  };
}

function findCertificate(
  client: DirectoryClient,
  header: ProtectedHeaderParameters,
): X509Certificate | undefined {
  const wantedSha256 = header['x5t#S256'];
  const wantedSha1 = header.x5t;
  for (const entry of client.application?.certificates ?? []) {
    if (!entry.pem) continue;
    const known = thumbprints(entry.pem);
    if ((wantedSha256 && wantedSha256 === known.sha256) || (wantedSha1 && wantedSha1 === known.sha1)) {
      return known.certificate;
    }
  }
  return undefined;
}

function describeThumbprint(header: ProtectedHeaderParameters): string {
  const thumbprint = header['x5t#S256'] ?? header.x5t;
  const value = typeof thumbprint === 'string' ? thumbprint : '';
  return Buffer.from(value, 'base64url').toString('hex').toUpperCase();
}

/**
 * A client assertion signed with a registered certificate (found by `x5t#S256`, or SHA-1 `x5t`):
 * signature, `aud` = this token endpoint, `iss` = `sub` = client id, lifetime, `jti`.
 */
export async function authenticateWithCertificate(
  client: DirectoryClient,
  assertion: string,
  header: ProtectedHeaderParameters,
  acceptedAudiences: readonly string[],
): Promise<AuthenticatedClient> {
  const certificate = findCertificate(client, header);
  if (!certificate) {
    throw entraErrors.invalidCertificateAssertion(
      `The key was not found., Thumbprint of key used by client: '${describeThumbprint(header)}'`,
    );
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, certificate.publicKey, {
      algorithms: ['RS256', 'PS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'aud'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw entraErrors.assertionTimeRange();
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf')
      throw entraErrors.assertionTimeRange();
    if (error instanceof errors.JWTClaimValidationFailed) throw entraErrors.malformedAssertion();
    throw entraErrors.invalidCertificateAssertion(
      'The provided signature value did not match the expected signature value.',
    );
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? ''];
  if (!audiences.some((audience) => acceptedAudiences.includes(audience))) {
    throw entraErrors.invalidCertificateAssertion(`The audience '${audiences.join(', ')}' is invalid.`);
  }
  if (payload.iss !== client.clientId || payload.sub !== client.clientId)
    throw entraErrors.assertionClientMismatch();
  if (!payload.jti) throw entraErrors.malformedAssertion();
  return { client, method: 'certificate', authMethodClaim: '2' };
}
