import { describe, expect, it } from 'vitest';
import { credentialSchema, credentialShape } from './credential.schema';
import { parseSection } from './parse-section';

const parseClient = (raw: Record<string, string>) => parseSection(credentialSchema('client'), raw, 'C');
const parseDecryption = (raw: Record<string, string>) =>
  parseSection(credentialSchema('decryption'), raw, 'D');
const problemsOf = (result: ReturnType<typeof parseClient>) => (result.ok ? [] : result.problems);

describe('credentialSchema', () => {
  it('should read SourceType by case-insensitive name or by number', () => {
    // Arrange / Act
    const byName = parseClient({ sourcetype: 'signedassertionfilepath' });
    const byNumber = parseClient({ SourceType: '7' });

    // Assert
    expect(byName.ok && byName.value.sourceType).toBe('SignedAssertionFilePath');
    expect(byNumber.ok && byNumber.value.sourceType).toBe('SignedAssertionFromManagedIdentity');
  });

  it('should map every documented field to camelCase', () => {
    // Arrange
    const raw = Object.fromEntries(Object.keys(credentialShape).map((key) => [key, `${key}-value`]));
    Object.assign(raw, { SourceType: 'SignedAssertionFromManagedIdentity', Skip: 'TRUE' });

    // Act
    const result = parseClient(raw);

    // Assert
    expect(result.ok).toBe(true);
    const value = result.ok ? result.value : undefined;
    expect(value).toMatchObject({ sourceType: 'SignedAssertionFromManagedIdentity', skip: true });
    for (const key of Object.keys(credentialShape).filter((name) => !['SourceType', 'Skip'].includes(name))) {
      expect(value).toHaveProperty(key.charAt(0).toLowerCase() + key.slice(1), `${key}-value`);
    }
  });

  it('should report a missing or unknown SourceType without quoting it', () => {
    // Arrange / Act
    const missing = problemsOf(parseClient({ ClientSecret: 'hunter2' }));
    const unknown = problemsOf(parseClient({ SourceType: 'TopSecretThing' }));

    // Assert
    expect(missing).toEqual([{ key: 'C:SourceType', reason: 'is required' }]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0].key).toBe('C:SourceType');
    expect(unknown[0].reason).toContain('KeyVault (1)');
    expect(unknown[0].reason).not.toContain('TopSecretThing');
  });

  it('should require the per-type fields', () => {
    // Arrange / Act
    const problems = [
      ...problemsOf(parseClient({ SourceType: 'ClientSecret' })),
      ...problemsOf(parseClient({ SourceType: 'Path' })),
      ...problemsOf(parseClient({ SourceType: 'Base64Encoded' })),
      ...problemsOf(parseClient({ SourceType: 'KeyVault' })),
      ...problemsOf(
        parseClient({ SourceType: 'KeyVault', KeyVaultUrl: 'http://vault', KeyVaultCertificateName: 'c' }),
      ),
    ];

    // Assert
    expect(problems).toEqual([
      { key: 'C:ClientSecret', reason: 'is required for SourceType ClientSecret' },
      { key: 'C:CertificateDiskPath', reason: 'is required for SourceType Path' },
      { key: 'C:Base64EncodedValue', reason: 'is required for SourceType Base64Encoded' },
      { key: 'C:KeyVaultUrl', reason: 'is required for SourceType KeyVault' },
      { key: 'C:KeyVaultCertificateName', reason: 'is required for SourceType KeyVault' },
      { key: 'C:KeyVaultUrl', reason: 'must be an absolute https URL' },
    ]);
  });

  it('should not check the fields of a skipped credential', () => {
    // Arrange / Act
    const result = parseClient({ SourceType: 'Path', Skip: 'true' });

    // Assert
    expect(result.ok).toBe(true);
  });

  it('should reject the OS certificate store types', () => {
    // Arrange / Act
    const problems = ['StoreWithThumbprint', 'StoreWithDistinguishedName', 'StoreWithSubjectName'].flatMap(
      (type) => problemsOf(parseClient({ SourceType: type, CertificateThumbprint: 'ab' })),
    );

    // Assert
    expect(problems).toHaveLength(3);
    for (const problem of problems) {
      expect(problem).toEqual({
        key: 'C:SourceType',
        reason:
          'the OS certificate store does not exist on this platform; use Path, Base64Encoded or KeyVault',
      });
    }
  });

  it('should reject the types this sidecar does not support, saying why', () => {
    // Arrange
    const types = [
      'Certificate',
      'ManagedCertificate',
      'AutoDecryptKeys',
      'SignedAssertionFromVault',
      'CustomSignedAssertion',
    ];

    // Act
    const problems = types.flatMap((type) => problemsOf(parseClient({ SourceType: type })));

    // Assert
    expect(problems).toHaveLength(types.length);
    for (const problem of problems) expect(problem.reason).toMatch(/^is not supported by this sidecar: .+/);
  });

  it('should accept only certificates for token decryption', () => {
    // Arrange / Act
    const secret = problemsOf(parseDecryption({ SourceType: 'ClientSecret', ClientSecret: 'x' }));
    const path = parseDecryption({ SourceType: 'Path', CertificateDiskPath: '/certs/decrypt.pfx' });

    // Assert
    expect(secret).toHaveLength(1);
    expect(secret[0].reason).toContain('cannot decrypt tokens');
    expect(path.ok).toBe(true);
  });

  it('should report a bad Skip flag together with the missing per-type fields', () => {
    // Arrange / Act
    const problems = problemsOf(parseClient({ SourceType: 'ClientSecret', Skip: 'maybe' }));

    // Assert
    expect(problems).toEqual([
      { key: 'C:Skip', reason: 'must be true or false' },
      { key: 'C:ClientSecret', reason: 'is required for SourceType ClientSecret' },
    ]);
  });
});
