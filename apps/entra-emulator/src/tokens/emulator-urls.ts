/** Every URL the emulator advertises, built from one canonical host (msal requires issuer host = authority host). */
export class EmulatorUrls {
  constructor(readonly host: string) {}

  get base(): string {
    return `https://${this.host}`;
  }

  authority(tenant: string): string {
    return `${this.base}/${tenant}`;
  }

  /** v2: `https://host/{tid}/v2.0`; v1 mirrors Entra's `https://sts.windows.net/{tid}/` on the emulator host. */
  issuer(tenantId: string, version: '1.0' | '2.0'): string {
    return version === '2.0' ? `${this.base}/${tenantId}/v2.0` : `${this.base}/${tenantId}/`;
  }

  tokenEndpoint(tenant: string, version: '1.0' | '2.0' = '2.0'): string {
    return version === '2.0'
      ? `${this.base}/${tenant}/oauth2/v2.0/token`
      : `${this.base}/${tenant}/oauth2/token`;
  }

  jwksUri(tenant: string, version: '1.0' | '2.0' = '2.0'): string {
    return version === '2.0'
      ? `${this.base}/${tenant}/discovery/v2.0/keys`
      : `${this.base}/${tenant}/discovery/keys`;
  }

  /**
   * The same URLs on `host` when it is this host's regional variant, `<one label>.<this host>`: what msal-node
   * derives for `AzureAd:AzureRegion`. Undefined for any other host.
   */
  regional(host: string | undefined): EmulatorUrls | undefined {
    const suffix = `.${this.host}`;
    if (host === undefined || !host.toLowerCase().endsWith(suffix)) return undefined;
    const label = host.slice(0, -suffix.length);
    return /^[a-z0-9-]{1,63}$/i.test(label) ? new EmulatorUrls(host.toLowerCase()) : undefined;
  }

  /** Recognises an emulator issuer and returns its tenant id and version. */
  parseIssuer(issuer: string): { tenantId: string; version: '1.0' | '2.0' } | undefined {
    if (!issuer.startsWith(`${this.base}/`)) return undefined;
    const rest = issuer.slice(this.base.length + 1);
    const v2 = /^([^/]+)\/v2\.0$/.exec(rest);
    if (v2) return { tenantId: v2[1], version: '2.0' };
    const v1 = /^([^/]+)\/$/.exec(rest);
    return v1 ? { tenantId: v1[1], version: '1.0' } : undefined;
  }
}
