import { z } from 'zod';
import { absoluteUrl, flag, optionalText, section, unlessProblemsAt } from './config-values';
import {
  CREDENTIAL_SOURCE_TYPES,
  type CredentialSourceType,
  type CredentialUsage,
  toCredentialSourceType,
  unsupportedSourceTypeReason,
} from './credential-source-type';

/** One entry of `AzureAd:ClientCredentials` or `AzureAd:TokenDecryptionCredentials` (spec B.2). */
export interface CredentialDescription {
  readonly sourceType: CredentialSourceType;
  readonly clientSecret?: string;
  readonly certificateDiskPath?: string;
  readonly certificatePassword?: string;
  readonly base64EncodedValue?: string;
  readonly keyVaultUrl?: string;
  readonly keyVaultCertificateName?: string;
  /** User-assigned managed identity client id; omitted means system-assigned. */
  readonly managedIdentityClientId?: string;
  readonly signedAssertionFileDiskPath?: string;
  /** @default 'api://AzureADTokenExchange' (applied by the token library) */
  readonly tokenExchangeUrl?: string;
  readonly tokenExchangeAuthority?: string;
  readonly certificateStorePath?: string;
  readonly certificateThumbprint?: string;
  readonly certificateDistinguishedName?: string;
  readonly certificateSubjectName?: string;
  readonly customSignedAssertionProviderName?: string;
  /** A skipped credential is kept in the list but never tried. @default false */
  readonly skip: boolean;
}

// Reasons never quote the value: anything under a credential may be a secret.
const sourceType = optionalText().transform((value, ctx): CredentialSourceType => {
  const type = value === undefined ? undefined : toCredentialSourceType(value);
  if (type === undefined) {
    const names = CREDENTIAL_SOURCE_TYPES.map((name, index) => `${name} (${index})`).join(', ');
    ctx.addIssue({
      code: 'custom',
      message: value === undefined ? 'is required' : `must be one of ${names}`,
    });
  }
  // Placeholder only: the issue above keeps the section-level checks and the result from using it.
  return type ?? 'Certificate';
});

/** Documented key names of a credential description, in their reference casing. */
export const credentialShape = {
  SourceType: sourceType,
  ClientSecret: optionalText(),
  CertificateDiskPath: optionalText(),
  CertificatePassword: optionalText(),
  Base64EncodedValue: optionalText(),
  KeyVaultUrl: optionalText(),
  KeyVaultCertificateName: optionalText(),
  ManagedIdentityClientId: optionalText(),
  SignedAssertionFileDiskPath: optionalText(),
  TokenExchangeUrl: optionalText(),
  TokenExchangeAuthority: optionalText(),
  CertificateStorePath: optionalText(),
  CertificateThumbprint: optionalText(),
  CertificateDistinguishedName: optionalText(),
  CertificateSubjectName: optionalText(),
  CustomSignedAssertionProviderName: optionalText(),
  Skip: flag(false),
};

type RawCredential = z.output<z.ZodObject<typeof credentialShape>>;

// Per-type required fields (spec B.2): a credential that can never load is reported at startup.
const REQUIRED_FIELDS: Partial<Record<CredentialSourceType, readonly (keyof RawCredential)[]>> = {
  ClientSecret: ['ClientSecret'],
  Path: ['CertificateDiskPath'],
  Base64Encoded: ['Base64EncodedValue'],
  KeyVault: ['KeyVaultUrl', 'KeyVaultCertificateName'],
};

const REQUIRED_KEYS = [...new Set(Object.values(REQUIRED_FIELDS).flat())];

const keyVaultUrl = absoluteUrl(['https:'], 'https');

/** Schema of one credential description used for `usage`. */
export const credentialSchema = (usage: CredentialUsage) =>
  section(credentialShape)
    .superRefine(
      (raw, ctx) => {
        const unsupported = unsupportedSourceTypeReason(raw.SourceType, usage);
        if (unsupported !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['SourceType'], message: unsupported });
          return;
        }
        if (raw.Skip === true) return;
        for (const field of REQUIRED_FIELDS[raw.SourceType] ?? []) {
          if (raw[field] === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [field],
              message: `is required for SourceType ${raw.SourceType}`,
            });
          }
        }
        if (
          raw.SourceType === 'KeyVault' &&
          raw.KeyVaultUrl !== undefined &&
          !keyVaultUrl.safeParse(raw.KeyVaultUrl).success
        ) {
          ctx.addIssue({ code: 'custom', path: ['KeyVaultUrl'], message: 'must be an absolute https URL' });
        }
      },
      unlessProblemsAt(['SourceType'], ...REQUIRED_KEYS.map((key) => [key])),
    )
    .transform(toCredentialDescription);

function toCredentialDescription(raw: RawCredential): CredentialDescription {
  return {
    sourceType: raw.SourceType,
    clientSecret: raw.ClientSecret,
    certificateDiskPath: raw.CertificateDiskPath,
    certificatePassword: raw.CertificatePassword,
    base64EncodedValue: raw.Base64EncodedValue,
    keyVaultUrl: raw.KeyVaultUrl,
    keyVaultCertificateName: raw.KeyVaultCertificateName,
    managedIdentityClientId: raw.ManagedIdentityClientId,
    signedAssertionFileDiskPath: raw.SignedAssertionFileDiskPath,
    tokenExchangeUrl: raw.TokenExchangeUrl,
    tokenExchangeAuthority: raw.TokenExchangeAuthority,
    certificateStorePath: raw.CertificateStorePath,
    certificateThumbprint: raw.CertificateThumbprint,
    certificateDistinguishedName: raw.CertificateDistinguishedName,
    certificateSubjectName: raw.CertificateSubjectName,
    customSignedAssertionProviderName: raw.CustomSignedAssertionProviderName,
    skip: raw.Skip,
  };
}
