import type { SidecarFeatureSettings } from '@app/config';
import type { SidecarRoute } from '@app/token-core';

/** Whether `route` honours `optionsOverride.*` and the agent parameters (spec B.4). */
export function overridesAllowed(settings: SidecarFeatureSettings, route: SidecarRoute): boolean {
  const gates = settings.allowOverrides;
  switch (route) {
    case 'AuthorizationHeader':
      return gates.getAuthorizationHeader;
    case 'AuthorizationHeaderUnauthenticated':
      return gates.getAuthorizationHeaderUnauthenticated;
    case 'DownstreamApi':
      return gates.callDownstreamApi;
    case 'DownstreamApiUnauthenticated':
      return gates.callDownstreamApiUnauthenticated;
  }
}

/** The configuration key of a route's gate, for log messages. */
export function gateKey(route: SidecarRoute): string {
  const names: Record<SidecarRoute, string> = {
    AuthorizationHeader: 'GetAuthorizationHeader',
    AuthorizationHeaderUnauthenticated: 'GetAuthorizationHeaderUnauthenticated',
    DownstreamApi: 'CallDownstreamApi',
    DownstreamApiUnauthenticated: 'CallDownstreamApiUnauthenticated',
  };
  return `Sidecar:AllowOverrides:${names[route]}`;
}
