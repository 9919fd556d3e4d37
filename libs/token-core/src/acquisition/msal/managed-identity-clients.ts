import type { ManagedIdentityApplication } from '@azure/msal-node';
import { loadMsal } from './load-msal';
import type { TimeoutNetworkClient } from './timeout-network-client';

/**
 * One msal `ManagedIdentityApplication` per identity (system-assigned, or a user-assigned client id). msal
 * detects the source (App Service, IMDS, …) from the standard Azure environment variables and keeps each
 * identity's tokens, a handful per process.
 */
export class ManagedIdentityClients {
  private readonly applications = new Map<string, ManagedIdentityApplication>();

  constructor(private readonly networkClient: TimeoutNetworkClient) {}

  /** A token for `resource` (no `/.default`) from the identity. */
  async token(
    resource: string,
    userAssignedClientId: string | undefined,
    options: { forceRefresh?: boolean; claims?: string } = {},
  ): Promise<{ accessToken: string; tokenType: string; expiresOn: Date | null }> {
    return this.application(userAssignedClientId).acquireToken({ resource, ...options });
  }

  private application(userAssignedClientId: string | undefined): ManagedIdentityApplication {
    const key = userAssignedClientId ?? '';
    let application = this.applications.get(key);
    if (application === undefined) {
      application = new (loadMsal().ManagedIdentityApplication)({
        managedIdentityIdParams: userAssignedClientId === undefined ? undefined : { userAssignedClientId },
        system: { networkClient: this.networkClient },
      });
      this.applications.set(key, application);
    }
    return application;
  }
}
