import type { DownstreamApiProfile } from '@app/config';
import { popPublicKeyProblem } from './acquisition/pop-public-key';
import { isAppScope } from './acquisition/token-request.planner';

/**
 * Spec F.0 at startup: a profile that asks for an app token must name one `<resource>/.default` scope, and
 * a `PopPublicKey` it binds client-credentials tokens to must be well formed (spec F.5); a misconfigured
 * profile is a configuration error, not a failure on its first request.
 */
export function appProfileProblems(profiles: ReadonlyMap<string, DownstreamApiProfile>): string[] {
  const problems: string[] = [];
  for (const [name, profile] of profiles) {
    const isApp = profile.requestAppToken || profile.acquireTokenOptions.managedIdentity !== undefined;
    const scope = profile.scopes?.[0];
    if (isApp && scope !== undefined && !isAppScope(scope)) {
      problems.push(
        `DownstreamApis:${name}:Scopes: an app-token profile needs one scope of the form '<resource>/.default', not '${scope}'`,
      );
    }
    const popPublicKey = profile.acquireTokenOptions.popPublicKey;
    // Only the client-credentials path sends it; elsewhere it is ignored, as in the reference.
    const popProblem =
      profile.requestAppToken && profile.acquireTokenOptions.managedIdentity === undefined && popPublicKey
        ? popPublicKeyProblem(popPublicKey)
        : undefined;
    if (popProblem !== undefined) {
      problems.push(`DownstreamApis:${name}:AcquireTokenOptions:PopPublicKey: ${popProblem}`);
    }
  }
  return problems;
}
