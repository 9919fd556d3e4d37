import type { AzureAdSettings } from '@app/config';
import type {
  ClientAssertionCallback,
  ConfidentialClientApplication,
  NodeAuthOptions,
} from '@azure/msal-node';
import type { ClientCredential } from '../../credentials/client-credential';
import type { CredentialLoader } from '../../credentials/credential-loader';
import { authorityOptions } from './authority';
import { loadMsal } from './load-msal';
import { TenantPartitions } from './tenant-partitions';
import type { TimeoutNetworkClient } from './timeout-network-client';

/** Acquisitions one msal instance serves before it is replaced (bounds msal's own cache). */
const PARTITION_SIZE = 256;
/** Tenants with live msal instances at once (tenant overrides come from requests). */
const MAX_TENANTS = 100;

/**
 * Builds msal-node confidential clients for the sidecar's identity, partitioned so msal's own cache never
 * grows without bound (dependencies.md §3.6): app and user flows each get a client per tenant that is retired
 * after a fixed number of acquisitions, for a bounded number of tenants. Our own cache sits in front, so
 * msal's cache only saves requests between a miss and the next partition.
 */
export class MsalClientFactory {
  private readonly appClients = new TenantPartitions(
    (tenant) => this.create(tenant),
    PARTITION_SIZE,
    MAX_TENANTS,
  );
  private readonly userClients = new TenantPartitions(
    (tenant) => this.create(tenant),
    PARTITION_SIZE,
    MAX_TENANTS,
  );

  constructor(
    private readonly azureAd: AzureAdSettings,
    private readonly credentials: CredentialLoader,
    private readonly networkClient: TimeoutNetworkClient,
  ) {}

  /** The app-token client of `tenant`. */
  appClient(tenant: string): Promise<ConfidentialClientApplication> {
    return this.appClients.next(tenant);
  }

  /** A user-flow (OBO) client of `tenant`, from the current partition. */
  userClient(tenant: string): Promise<ConfidentialClientApplication> {
    return this.userClients.next(tenant);
  }

  /** A client used once and dropped (long-running OBO sessions read their refresh token from it). */
  isolatedClient(tenant: string): Promise<ConfidentialClientApplication> {
    return this.create(tenant);
  }

  /**
   * A client of another identity that authenticates with `clientAssertion` (an agent identity presenting its
   * blueprint's T1, spec E.3–E.5). The caller owns its lifetime and partitioning.
   */
  assertionClient(
    clientId: string,
    tenant: string,
    clientAssertion: ClientAssertionCallback,
  ): ConfidentialClientApplication {
    return new (loadMsal().ConfidentialClientApplication)({
      auth: {
        clientId,
        ...authorityOptions(this.azureAd.instance, tenant),
        clientAssertion,
        clientCapabilities: [...this.azureAd.clientCapabilities],
      },
      system: { networkClient: this.networkClient },
    });
  }

  private async create(tenant: string): Promise<ConfidentialClientApplication> {
    const credential = await this.credentials.load();
    return new (loadMsal().ConfidentialClientApplication)({
      auth: {
        clientId: this.azureAd.clientId,
        ...authorityOptions(this.azureAd.instance, tenant),
        ...this.credentialOptions(credential),
        clientCapabilities: [...this.azureAd.clientCapabilities],
      },
      system: { networkClient: this.networkClient },
    });
  }

  private credentialOptions(credential: ClientCredential): Partial<NodeAuthOptions> {
    switch (credential.kind) {
      case 'secret':
        return { clientSecret: credential.clientSecret };
      case 'certificate':
        return {
          clientCertificate: {
            thumbprintSha256: credential.thumbprintSha256,
            privateKey: credential.privateKey,
            x5c: this.azureAd.sendX5C ? credential.certificatePem : undefined,
          },
        };
      case 'assertion':
        return { clientAssertion: credential.clientAssertion };
    }
  }
}
