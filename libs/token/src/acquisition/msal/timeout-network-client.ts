import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

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
    const ms = Math.min(timeout ?? this.timeoutMs, this.timeoutMs);
    // A timer cleared with the answer, not AbortSignal.timeout: that one stays pending after the response until
    // it fires, so a burst of token requests (cache priming, a restart) left thousands of live timers that all
    // fired, each creating its abort error, one timeout later.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError()), ms);
    try {
      const response = await fetch(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? options?.body : undefined,
        redirect: 'manual',
        signal: controller.signal,
      });
      const text = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      return { headers, body: parseBody<T>(text, response.status), status: response.status };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The reason AbortSignal.timeout gives, so callers see the same error either way. */
const timeoutError = (): DOMException =>
  new DOMException('The operation was aborted due to timeout', 'TimeoutError');

function parseBody<T>(text: string, status: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    // Not JSON: a proxy page or a broken authority. msal turns the status into its own error.
    throw new Error(`The token endpoint answered ${status} with a body that is not JSON.`);
  }
}
