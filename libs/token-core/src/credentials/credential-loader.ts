import type { CredentialDescription } from '@app/config';
import type { Logger } from 'pino';
import { CertificateBase64Source } from './certificate-base64.source';
import { CertificatePathSource } from './certificate-path.source';
import type { ClientCredential, ClientCredentialSource } from './client-credential';
import { ClientSecretSource } from './client-secret.source';
import { SignedAssertionFileSource } from './signed-assertion-file.source';
import type { ManagedIdentityClients } from '../acquisition/msal/managed-identity-clients';
import { KeyVaultSource } from './key-vault.source';
import { SignedAssertionFromManagedIdentitySource } from './signed-assertion-managed-identity.source';

/** Builds the source of one description, or undefined for types that the configuration schema rejects. */
export type SourceFactory = (description: CredentialDescription) => ClientCredentialSource | undefined;

/** The factories for the source types that need no other service. */
export function basicSourceFactory(federatedTokenFile: string | undefined): SourceFactory {
  return (description) => {
    switch (description.sourceType) {
      case 'ClientSecret':
        return new ClientSecretSource(description);
      case 'Path':
        return new CertificatePathSource(description);
      case 'Base64Encoded':
        return new CertificateBase64Source(description);
      case 'SignedAssertionFilePath':
        return new SignedAssertionFileSource(description, federatedTokenFile);
      default:
        return undefined;
    }
  };
}

/** The factories for the source types backed by a managed identity. */
export function managedIdentitySourceFactory(
  identities: ManagedIdentityClients,
  timeoutMs: number,
): SourceFactory {
  return (description) => {
    switch (description.sourceType) {
      case 'SignedAssertionFromManagedIdentity':
        return new SignedAssertionFromManagedIdentitySource(description, identities);
      case 'KeyVault':
        return new KeyVaultSource(description, identities, timeoutMs);
      default:
        return undefined;
    }
  };
}

/**
 * Spec B.2 / B.1: the credentials are tried in order and the first that loads wins; the result is kept, so
 * the (possibly remote) loading happens once. A failure is remembered only until the next attempt.
 */
export class CredentialLoader {
  private loaded?: Promise<ClientCredential>;

  constructor(
    private readonly descriptions: readonly CredentialDescription[],
    private readonly factories: readonly SourceFactory[],
    private readonly logger: Logger,
  ) {}

  /** The first credential that loads; rejects when none does. */
  load(): Promise<ClientCredential> {
    this.loaded ??= this.loadFirst().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async loadFirst(): Promise<ClientCredential> {
    const failures: string[] = [];
    for (const [index, description] of this.descriptions.entries()) {
      if (description.skip) continue;
      const source = this.factories.map((factory) => factory(description)).find((item) => item !== undefined);
      if (source === undefined) continue;
      try {
        const credential = await source.load();
        this.logger.info({ index, sourceType: source.sourceType }, 'Client credential loaded.');
        return credential;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        failures.push(`AzureAd:ClientCredentials:${index} (${source.sourceType}): ${reason}`);
        this.logger.warn(
          { index, sourceType: source.sourceType, reason },
          'Client credential could not be loaded.',
        );
      }
    }
    throw new Error(
      failures.length === 0
        ? 'No client credential is configured (AzureAd:ClientCredentials).'
        : `No client credential could be loaded: ${failures.join('; ')}`,
    );
  }
}
