import type { KeyObject } from 'node:crypto';
import { azureAdConfig, sidecarConfig } from '@app/config';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { compactDecrypt } from 'jose';
import type { Logger } from 'pino';
import { reject } from '../validation.errors';
import { loadDecryptionKey } from './decryption-key-loader';

// Entra encrypts with RSA-OAEP(-256); only these, never direct or symmetric key management (RFC 7518 §4).
const KEY_MANAGEMENT = ['RSA-OAEP', 'RSA-OAEP-256'];
const CONTENT_ENCRYPTION = ['A128GCM', 'A256GCM', 'A128CBC-HS256', 'A256CBC-HS512'];

/** Decrypts inbound JWE tokens with the configured decryption credentials (spec G.6, decisions §2). */
@Injectable()
export class TokenDecryptor {
  private readonly keys: readonly KeyObject[];

  constructor(
    @Inject(azureAdConfig.KEY) azureAd: ConfigType<typeof azureAdConfig>,
    @Inject(sidecarConfig.KEY) private readonly sidecar: ConfigType<typeof sidecarConfig>,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
  ) {
    const log = logger.child({ component: 'token-decryption' });
    this.keys = azureAd.tokenDecryptionCredentials.flatMap((credential, index) => {
      if (credential.skip) return [];
      try {
        return [loadDecryptionKey(credential)];
      } catch (error) {
        // The reason names the file or format, never the password or key material.
        log.error(
          {
            credential: index,
            sourceType: credential.sourceType,
            err: error instanceof Error ? error.message : 'unknown',
          },
          'A token decryption credential could not be loaded; it is skipped',
        );
        return [];
      }
    });
  }

  /** The inner compact JWS of a JWE, or a rejection when no configured key opens it. */
  async decrypt(jwe: string): Promise<string> {
    if (this.keys.length === 0) {
      throw reject('DECRYPTION_FAILED', 'The token is encrypted but no decryption key is configured.');
    }
    const maxLength = this.sidecar.validation.maxTokenLength;
    for (const key of this.keys) {
      try {
        const { plaintext } = await compactDecrypt(jwe, key, {
          keyManagementAlgorithms: KEY_MANAGEMENT,
          contentEncryptionAlgorithms: CONTENT_ENCRYPTION,
          // Compressed payloads inflate at most to the size a token may have.
          maxDecompressedLength: maxLength,
        });
        if (plaintext.byteLength > maxLength) break;
        return Buffer.from(plaintext).toString('utf8');
      } catch {
        // Try the next key; which one failed, and why, is not the caller's business.
      }
    }
    throw reject('DECRYPTION_FAILED', 'The token could not be decrypted.');
  }
}
