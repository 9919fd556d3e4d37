import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptValue, encryptValue } from './encrypted-value';

describe('encryptValue / decryptValue (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('should round-trip and never store the plaintext', () => {
    // Act
    const stored = encryptValue(key, 'k1', 'secret-token-value');

    // Assert
    expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain('secret-token-value');
    expect(decryptValue(key, 'k1', stored)).toBe('secret-token-value');
  });

  it('should refuse another key, another store key and a tampered value', () => {
    // Arrange
    const stored = encryptValue(key, 'k1', 'value');
    const tampered = Buffer.from(stored, 'base64');
    tampered[tampered.length - 1] ^= 1;

    // Act / Assert
    expect(decryptValue(randomBytes(32), 'k1', stored)).toBeUndefined();
    expect(decryptValue(key, 'k2', stored)).toBeUndefined();
    expect(decryptValue(key, 'k1', tampered.toString('base64'))).toBeUndefined();
  });
});
