import type { CredentialDescription } from '@app/config';
import { readFile } from 'node:fs/promises';
import { parseCertificate } from './certificate-parser';
import { type ClientCredential, ClientCredentialSource } from './client-credential';

/** `SourceType: Path`: a PFX (with `CertificatePassword`) or PEM file, e.g. a mounted Kubernetes secret. */
export class CertificatePathSource extends ClientCredentialSource {
  readonly sourceType = 'Path';

  constructor(private readonly description: CredentialDescription) {
    super();
  }

  async load(): Promise<ClientCredential> {
    const bytes = await readFile(this.description.certificateDiskPath ?? '');
    return parseCertificate(bytes, this.description.certificatePassword);
  }
}
