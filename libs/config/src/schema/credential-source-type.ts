/** Spec B.2: credential source types; the array index is the enum number .NET accepts in configuration. */
export const CREDENTIAL_SOURCE_TYPES = [
  'Certificate',
  'KeyVault',
  'Base64Encoded',
  'Path',
  'StoreWithThumbprint',
  'StoreWithDistinguishedName',
  'ClientSecret',
  'SignedAssertionFromManagedIdentity',
  'SignedAssertionFilePath',
  'SignedAssertionFromVault',
  'AutoDecryptKeys',
  'CustomSignedAssertion',
  'ManagedCertificate',
  'StoreWithSubjectName',
] as const;

/** Where a credential comes from (`SourceType`), by its .NET enum name. */
export type CredentialSourceType = (typeof CREDENTIAL_SOURCE_TYPES)[number];

/** .NET binds enums from a case-insensitive name or from the number. */
export function toCredentialSourceType(raw: string): CredentialSourceType | undefined {
  const value = raw.trim();
  if (/^\d+$/.test(value)) return CREDENTIAL_SOURCE_TYPES[Number(value)];
  return CREDENTIAL_SOURCE_TYPES.find((name) => name.toLowerCase() === value.toLowerCase());
}

const STORE_TYPES = new Set<CredentialSourceType>([
  'StoreWithThumbprint',
  'StoreWithDistinguishedName',
  'StoreWithSubjectName',
]);
const CERTIFICATE_TYPES = new Set<CredentialSourceType>(['KeyVault', 'Base64Encoded', 'Path']);

/** What a credential list is for: signing in to Entra, or decrypting inbound tokens (spec G.6). */
export type CredentialUsage = 'client' | 'decryption';

/** Why a source type cannot be used for `usage` here, or undefined when it can. */
export function unsupportedSourceTypeReason(
  type: CredentialSourceType,
  usage: CredentialUsage,
): string | undefined {
  if (STORE_TYPES.has(type)) {
    return 'the OS certificate store does not exist on this platform; use Path, Base64Encoded or KeyVault';
  }
  switch (type) {
    case 'Certificate':
      return 'is not supported by this sidecar: a Certificate credential can only be given in code; use Path, Base64Encoded or KeyVault';
    case 'ManagedCertificate':
      return 'is not supported by this sidecar: ManagedCertificate is a Microsoft-internal credential type';
    case 'SignedAssertionFromVault':
      return 'is not supported by this sidecar: remote signing in Key Vault is not implemented; use KeyVault';
    case 'CustomSignedAssertion':
      return 'is not supported by this sidecar: custom assertion providers are a code extension point of the .NET library';
    case 'AutoDecryptKeys':
      return 'is not supported by this sidecar: automatic decryption-key retrieval is not implemented; use Path, Base64Encoded or KeyVault';
  }
  if (usage === 'decryption' && !CERTIFICATE_TYPES.has(type)) {
    return 'cannot decrypt tokens: a decryption credential must be a certificate with a private key (Path, Base64Encoded or KeyVault)';
  }
  return undefined;
}
