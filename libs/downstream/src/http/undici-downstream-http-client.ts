import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Agent } from 'undici';
import { DownstreamTransportError } from '../downstream.errors';
import { Deadline } from './deadline';
import {
  DownstreamHttpClient,
  type OutboundLimits,
  type OutboundRequest,
  type OutboundResponse,
} from './downstream-http-client';
import { exchange } from './exchange';
import { loadUndici } from './load-undici';
import { MAX_REDIRECTS, redirectTarget } from './redirects';

// undici keeps a pool of keep-alive connections per origin. Idle connections close after 30 s at most,
// earlier when the server's `Keep-Alive: timeout=` hint says so (undici honours it, minus a margin).
const KEEP_ALIVE_MS = 30_000;

/**
 * The downstream HTTP client on undici: keep-alive pools per origin, byte-exact bodies, no automatic
 * decompression, raw header names as the downstream sent them, and no redirect following unless asked.
 * The connect timeout (TLS handshake included) is an agent setting, so there is one agent per value.
 */
@Injectable()
export class UndiciDownstreamHttpClient extends DownstreamHttpClient implements OnModuleDestroy {
  private readonly agents = new Map<number, Agent>();

  async send(request: OutboundRequest, limits: OutboundLimits): Promise<OutboundResponse> {
    const deadline = new Deadline(limits.requestTimeoutMs, requestTimeout);
    const agent = this.agentFor(limits.connectTimeoutMs);
    try {
      let current = request;
      for (let hop = 0; ; hop++) {
        let response: OutboundResponse;
        try {
          response = await exchange(current, agent, limits, deadline);
        } catch (error) {
          throw connectTimeout(error, limits.connectTimeoutMs) ?? error;
        }
        const next =
          limits.followRedirects && hop < MAX_REDIRECTS ? redirectTarget(current, response) : undefined;
        if (next === undefined) return response;
        current = next;
      }
    } finally {
      deadline.clear();
    }
  }

  /** Closes pooled connections so the process can exit promptly on shutdown. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.destroy()));
    this.agents.clear();
  }

  private agentFor(connectTimeoutMs: number): Agent {
    let agent = this.agents.get(connectTimeoutMs);
    if (agent === undefined) {
      agent = new (loadUndici().Agent)({
        connect: { timeout: connectTimeoutMs },
        keepAliveTimeout: KEEP_ALIVE_MS,
        keepAliveMaxTimeout: KEEP_ALIVE_MS,
        // The whole-call deadline governs; undici's own header/body timers would only race it.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      this.agents.set(connectTimeoutMs, agent);
    }
    return agent;
  }
}

const requestTimeout = (ms: number): DownstreamTransportError =>
  new DownstreamTransportError(
    'timeout',
    `no complete answer within Sidecar:Downstream:RequestTimeout (${ms} ms)`,
  );

// undici reports a connect (or TLS handshake) that outlived `connect.timeout` with its own code.
function connectTimeout(error: unknown, ms: number): DownstreamTransportError | undefined {
  if (!(error instanceof DownstreamTransportError)) return undefined;
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  if (cause?.code !== 'UND_ERR_CONNECT_TIMEOUT') return undefined;
  return new DownstreamTransportError(
    'timeout',
    `no connection within Sidecar:Downstream:ConnectTimeout (${ms} ms)`,
    { cause },
  );
}
