import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { type RunningSidecar, startSidecar } from '../support/sidecar';

/** Demo ids of the emulator (briefing). */
export const DEMO_TENANT = '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838';
export const PARTNER_TENANT = '7d36c46d-588a-4e95-a3ac-7fd5892195f4';
export const SIDECAR_CLIENT_ID = '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6';

/** Sidecar configuration pointing at the emulator as its authority. */
export function authorityEnv(emulator: EntraEmulator, tenant = DEMO_TENANT): Record<string, string> {
  return {
    AzureAd__Instance: `${emulator.url}/`,
    AzureAd__TenantId: tenant,
    AzureAd__ClientId: SIDECAR_CLIENT_ID,
  };
}

/** Starts a sidecar against the emulator and waits until its signing keys are loaded. */
export async function startValidatingSidecar(
  emulator: EntraEmulator,
  env: Record<string, string> = {},
): Promise<RunningSidecar> {
  const sidecar = await startSidecar({ env: { ...authorityEnv(emulator), ...env } });
  await waitForReadiness(sidecar.url);
  return sidecar;
}

/** Polls `/healthz/ready` until it answers 200 (signing keys loaded). */
export async function waitForReadiness(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/healthz/ready`);
    await response.arrayBuffer();
    if (response.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('The sidecar did not become ready');
}

/** `GET /Validate` with the given headers; the body is parsed when it is JSON. */
export async function callValidate(
  url: string,
  headers: Record<string, string> | [string, string][] = {},
  path = '/Validate',
): Promise<{
  status: number;
  challenge: string | null;
  contentType: string | null;
  body: unknown;
  text: string;
}> {
  const response = await fetch(`${url}${path}`, { headers });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const body = contentType?.includes('json') ? (JSON.parse(text) as unknown) : undefined;
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    contentType,
    body,
    text,
  };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export { startEmulator, type EntraEmulator };
