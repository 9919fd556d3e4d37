import type { CredentialDescription } from '@app/config';
import { readFile } from 'node:fs/promises';
import { type ClientCredential, ClientCredentialSource } from './client-credential';

/**
 * `SourceType: SignedAssertionFilePath` (workload identity): the federated token file is re-read for every
 * assertion, so a rotated file is picked up (spec B.2). Path: `SignedAssertionFileDiskPath`, else the
 * `AZURE_FEDERATED_TOKEN_FILE` the AKS webhook injects (resolved by the caller from configuration).
 */
export class SignedAssertionFileSource extends ClientCredentialSource {
  readonly sourceType = 'SignedAssertionFilePath';

  constructor(
    private readonly description: CredentialDescription,
    private readonly federatedTokenFile: string | undefined,
  ) {
    super();
  }

  async load(): Promise<ClientCredential> {
    const path = this.description.signedAssertionFileDiskPath ?? this.federatedTokenFile;
    if (path === undefined) {
      throw new Error('No SignedAssertionFileDiskPath and no AZURE_FEDERATED_TOKEN_FILE.');
    }
    // Fail at load time when the file is missing, then read it again on every assertion.
    await readAssertion(path);
    return { kind: 'assertion', clientAssertion: () => readAssertion(path) };
  }
}

async function readAssertion(path: string): Promise<string> {
  const assertion = (await readFile(path, 'utf8')).trim();
  if (assertion === '') throw new Error('The federated token file is empty.');
  return assertion;
}
