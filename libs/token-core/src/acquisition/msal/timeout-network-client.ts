import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { fetchWithin } from '@app/http';

/**
 * msal-node's network module with a hard timeout and without redirects: a token endpoint that hangs must
 * fail the request (500) instead of holding it forever, and a token request is never sent to another host.
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
    const answer = await fetchWithin(
      url,
      {
        method,
        headers: options?.headers,
        body: method === 'POST' ? options?.body : undefined,
      },
      { timeoutMs: Math.min(timeout ?? this.timeoutMs, this.timeoutMs), redirect: 'manual' },
    );
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    return { headers, body: parseBody<T>(answer.text, answer.status), status: answer.status };
  }
}

function parseBody<T>(text: string, status: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    // Not JSON: a proxy page or a broken authority. msal turns the status into its own error.
    throw new Error(`The token endpoint answered ${status} with a body that is not JSON.`);
  }
}
