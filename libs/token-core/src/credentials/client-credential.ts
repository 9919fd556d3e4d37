import type { ClientAssertionCallback } from '@azure/msal-node';

/** A loaded credential, in the shape msal-node's `auth` options take it. */
export type ClientCredential =
  | { readonly kind: 'secret'; readonly clientSecret: string }
  | {
      readonly kind: 'certificate';
      readonly thumbprintSha256: string;
      /** PKCS#8 PEM. */
      readonly privateKey: string;
      /** PEM of the certificate, sent as x5c when `SendX5C` is on. */
      readonly certificatePem: string;
    }
  | { readonly kind: 'assertion'; readonly clientAssertion: ClientAssertionCallback };

/** One `AzureAd:ClientCredentials` entry's loader (spec B.2). */
export abstract class ClientCredentialSource {
  /** `SourceType` name, for logs. */
  abstract readonly sourceType: string;
  /** Loads the credential; throws when it cannot (the loader then tries the next one). */
  abstract load(): Promise<ClientCredential>;
}
