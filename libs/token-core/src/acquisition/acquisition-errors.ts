import { azureAdConfig, sidecarConfig } from '@app/config';
import type { SidecarError } from '@app/problem-details';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { toSidecarError } from './msal/msal-errors';
import { explainTenantRefusal } from './msal/tenant-refusal';

/**
 * Spec C.3 step 7 / F.8 for every flow: what a failed acquisition answers. Entra's refusal of the tenant is
 * fetched and answered as a 401 with its AADSTS text; any other Entra answer is a 401 with Entra's message;
 * everything else is a 500 whose cause is kept for the log.
 */
@Injectable()
export class AcquisitionErrors {
  constructor(
    @Inject(azureAdConfig.KEY) private readonly azureAd: ConfigType<typeof azureAdConfig>,
    @Inject(sidecarConfig.KEY) private readonly sidecar: ConfigType<typeof sidecarConfig>,
  ) {}

  /** The answer for `error`, raised while acquiring a token for `tenant` (undefined: the configured tenant). */
  async map(error: unknown, tenant: string | undefined): Promise<SidecarError> {
    const refusal = await explainTenantRefusal(
      error,
      this.azureAd.instance,
      tenant ?? this.azureAd.tenantId,
      this.sidecar.tokenAcquisition.timeoutMs,
    );
    return refusal ?? toSidecarError(error);
  }
}
