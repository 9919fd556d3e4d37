import type { JWTPayload } from 'jose';
import { REQUIRED_ROLE, REQUIRED_SCOPE } from './demo-api.constants';

/** What granted access, or why it was refused. */
export type PermissionDecision =
  | { readonly allowed: true; readonly grantedBy: string }
  | { readonly allowed: false; readonly reason: string };

const words = (value: unknown): string[] =>
  typeof value === 'string' ? value.split(' ').filter((word) => word.length > 0) : [];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * Entra puts delegated permissions in `scp` (space-separated) and application permissions in `roles`.
 * A token with `scp` acts for a user, so only the delegated permission counts; without `scp` it is an
 * app-only token and must carry the app role. A user's `roles` never stand in for a missing scope.
 */
export function decidePermission(claims: JWTPayload): PermissionDecision {
  if (claims.scp !== undefined) {
    return words(claims.scp).includes(REQUIRED_SCOPE)
      ? { allowed: true, grantedBy: `scope ${REQUIRED_SCOPE} (delegated)` }
      : { allowed: false, reason: `The token lacks the delegated permission ${REQUIRED_SCOPE}.` };
  }
  return strings(claims.roles).includes(REQUIRED_ROLE)
    ? { allowed: true, grantedBy: `role ${REQUIRED_ROLE} (application)` }
    : { allowed: false, reason: `The token lacks the application permission ${REQUIRED_ROLE}.` };
}
