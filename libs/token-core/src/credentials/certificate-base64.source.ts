import type { CredentialDescription } from '@app/config';
import { parseCertificate } from './certificate-parser';
import { type ClientCredential, ClientCredentialSource } from './client-credential';

/** `SourceType: Base64Encoded`: the PFX (or PEM) bytes in base64 in configuration. */
export class CertificateBase64Source extends ClientCredentialSource {
  readonly sourceType = 'Base64Encoded';

  constructor(private readonly description: CredentialDescription) {
    super();
  }

  load(): Promise<ClientCredential> {
    const bytes = Buffer.from(this.description.base64EncodedValue ?? '', 'base64');
    return Promise.resolve().then(() => parseCertificate(bytes, this.description.certificatePassword));
  }
}
