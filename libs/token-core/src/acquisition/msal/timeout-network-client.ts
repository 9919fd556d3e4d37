import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { fetchWithin } from '@app/http';
import { loadMsal } from './load-msal';

/**
 * msal-node's network module with a hard timeout and without redirects: a token endpoint that hangs must
 * fail the request (500) instead of holding it forever, and a token request is never sent to another host.
 * A failure names the endpoint and the reason (see `unreachable`).
 */
export class TimeoutNetworkClient implements INetworkModule {
  constructor(private readonly timeoutMs: number) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(
    method: string,
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    try {
      return await this.exchange<T>(method, url, options, timeout);
    } catch (error) {
      throw unreachable(method, url, error);
    }
  }

  private async exchange<T>(
    method: string,
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const answer = await fetchWithin(
      url,
      {
        method,
        headers: options?.headers,
        body: method === 'POST' ? options?.body : undefined,
      },
      { timeoutMs: Math.min(timeout ?? this.timeoutMs, this.timeoutMs), redirect: 'manual' },
    );
    return { headers: answer.headers, body: parseBody<T>(answer.text, answer.status), status: answer.status };
  }
}

/**
 * msal-node passes on an AuthError from its network module and replaces any other error with a bare
 * `network_error`, so the sidecar's log could not say which host failed (a regional host that does not resolve,
 * a firewall, a timeout). This one names the method, the endpoint (no query) and the reason, the original as `cause`.
 */
function unreachable(method: string, url: string, error: unknown): Error {
  const { origin, pathname } = new URL(url);
  const failure = new (loadMsal().AuthError)(
    'network_error',
    '',
    `${method} ${origin}${pathname} failed: ${reasonOf(error)}`,
  );
  failure.cause = error;
  return failure;
}

// A refused connection or an unknown host is an `Error` whose message says so (`connect ECONNREFUSED …`); other
// kinds (a `TimeoutError`) keep their name.
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}

function parseBody<T>(text: string, status: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    // Not JSON: a proxy page or a broken authority. msal turns the status into its own error.
    throw new Error(`The token endpoint answered ${status} with a body that is not JSON.`);
  }
}
