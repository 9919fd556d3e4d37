import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** One RS256 key pair the emulator signs with. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** What a caller may learn about the published keys. */
export interface SigningKeysInfo {
  readonly currentKid: string;
  /** Every kid in the JWKS, current first. */
  readonly publishedKids: readonly string[];
}

// Keys older than this many rotations leave the JWKS, as Entra retires old keys after an overlap period.
const MAX_PUBLISHED_KEYS = 3;

async function createSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  // Entra's kids look like base64url SHA-1 thumbprints; random bytes of the same length keep the shape.
  const kid = randomBytes(20).toString('base64url');
  const jwk = await exportJWK(publicKey);
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, use: 'sig', alg: 'RS256', x5t: kid } };
}

/** The current signing key plus the previous ones still published for tokens issued before a rotation. */
export class SigningKeyRing {
  private constructor(private keys: SigningKey[]) {}

  static async create(): Promise<SigningKeyRing> {
    return new SigningKeyRing([await createSigningKey()]);
  }

  /** A key that is never published: tokens signed with it must fail validation. */
  static createUnpublishedKey(): Promise<SigningKey> {
    return createSigningKey();
  }

  get current(): SigningKey {
    return this.keys[0];
  }

  find(kid: string): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  all(): readonly SigningKey[] {
    return this.keys;
  }

  info(): SigningKeysInfo {
    return { currentKid: this.current.kid, publishedKids: this.keys.map((key) => key.kid) };
  }

  async rotate(options: { retainPrevious?: boolean } = {}): Promise<SigningKeysInfo> {
    const next = await createSigningKey();
    const retained = options.retainPrevious === false ? [] : this.keys.slice(0, MAX_PUBLISHED_KEYS - 1);
    this.keys = [next, ...retained];
    return this.info();
  }
}
