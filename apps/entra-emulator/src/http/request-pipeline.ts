import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorContext } from '../emulator-context';
import { buildEntraErrorBody, newTrace } from './entra-error-body';
import { EntraError, entraErrors } from './entra-error';
import { answerWithFault } from './fault-responses';
import type { Route } from './handler-result';
import { BodyTooLargeError, flattenHeaders, parseForm, readBody, sendJson } from './http-io';

function tenantIdOf(context: EmulatorContext, tenant: string | undefined): string | undefined {
  return tenant ? context.directory.findTenant(tenant)?.id : undefined;
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  if (request.method !== 'POST') return {};
  return parseForm(await readBody(request));
}

/**
 * Every emulated endpoint runs through here: read the bounded body, record the request, apply injected faults,
 * then answer — Entra-shaped errors for EntraError, `server_error` for anything unexpected.
 */
export async function runRoute(
  context: EmulatorContext,
  route: Route,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const headers = flattenHeaders(request);
  const trace = newTrace(headers['client-request-id']);
  let form: Record<string, string>;
  try {
    form = await readForm(request);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const tooLarge = new EntraError(
      90004,
      'invalid_request',
      413,
      'Malformed request: the body is too large.',
    );
    sendJson(response, 413, buildEntraErrorBody(tooLarge, trace, context.urls.base), { connection: 'close' });
    return;
  }
  const query = Object.fromEntries(url.searchParams);
  const recorded = context.requests.record({
    kind: route.kind,
    method: request.method ?? 'GET',
    host: headers.host ?? '',
    path: url.pathname,
    query,
    tenant: route.tenant,
    tenantId: tenantIdOf(context, route.tenant),
    grantType: form.grant_type ?? route.grantType,
    clientId: form.client_id ?? query.client_id,
    form: request.method === 'POST' ? form : undefined,
    headers,
  });
  const { latencyMs, fault } = context.faults.take(recorded);
  if (latencyMs > 0) await sleep(latencyMs);
  if (fault) {
    recorded.status = answerWithFault(request, response, fault, trace, context.urls.base);
    return;
  }
  try {
    const result = await route.handle({ url, form, headers });
    sendJson(response, result.status, result.body, result.headers);
    recorded.status = result.status;
  } catch (error) {
    const entraError = error instanceof EntraError ? error : entraErrors.serverError();
    if (!(error instanceof EntraError)) reportBug(error);
    sendJson(response, entraError.status, buildEntraErrorBody(entraError, trace, context.urls.base));
    recorded.status = entraError.status;
  }
}

/** A bug in the emulator: say so on stderr (name and message only; messages never carry tokens). */
export function reportBug(error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
  process.stderr.write(`entra-emulator: unexpected error: ${message}\n`);
}

/** Last resort when even the pipeline failed: answer 500 if nothing was sent yet. */
export function answerUnexpected(context: EmulatorContext, response: ServerResponse, error: unknown): void {
  reportBug(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = buildEntraErrorBody(entraErrors.serverError(), newTrace(undefined), context.urls.base);
  sendJson(response, 500, body);
}
