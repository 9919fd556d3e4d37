import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DownstreamTransportError } from '../downstream.errors';
import {
  DownstreamHttpClient,
  type OutboundLimits,
  type OutboundRequest,
  type OutboundResponse,
} from './downstream-http-client';
import { Deadline } from './deadline';
import { exchange } from './exchange';
import { MAX_REDIRECTS, redirectTarget } from './redirects';

// Node's Agents keep one pool of keep-alive sockets per origin (host:port + TLS options). LIFO reuse
// keeps the hottest sockets busy and lets idle ones expire; idle sockets close after 30 s at most
// (earlier when the server's `Keep-Alive: timeout=` hint says so).
const AGENT_OPTIONS = { keepAlive: true, scheduling: 'lifo', maxFreeSockets: 256, timeout: 30_000 } as const;

/**
 * The downstream HTTP client on `node:http`/`node:https`: keep-alive pools per origin, byte-exact
 * bodies, no automatic decompression, raw header casing, and no redirect following unless asked.
 */
@Injectable()
export class NodeDownstreamHttpClient extends DownstreamHttpClient implements OnModuleDestroy {
  private readonly httpAgent = new HttpAgent(AGENT_OPTIONS);
  private readonly httpsAgent = new HttpsAgent(AGENT_OPTIONS);

  async send(request: OutboundRequest, limits: OutboundLimits): Promise<OutboundResponse> {
    const deadline = new Deadline(limits.requestTimeoutMs, () => {
      const message = `no complete answer within Sidecar:Downstream:RequestTimeout (${limits.requestTimeoutMs} ms)`;
      return new DownstreamTransportError('timeout', message);
    });
    try {
      let current = request;
      for (let hop = 0; ; hop++) {
        const agent = current.url.protocol === 'https:' ? this.httpsAgent : this.httpAgent;
        const response = await exchange(current, agent, limits, deadline);
        const next =
          limits.followRedirects && hop < MAX_REDIRECTS ? redirectTarget(current, response) : undefined;
        if (next === undefined) return response;
        current = next;
      }
    } finally {
      deadline.clear();
    }
  }

  /** Closes pooled sockets so the process can exit promptly on shutdown. */
  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
