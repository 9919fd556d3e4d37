import type { DownstreamApiProfile } from '@app/config';
import { isAppScope } from './acquisition/token-request.planner';

/**
 * Spec F.0 at startup: a profile that asks for an app token must name one `<resource>/.default` scope; a
 * misconfigured profile is a configuration error, not a 500 on its first request.
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
  }
  return problems;
}
