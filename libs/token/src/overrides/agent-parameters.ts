import type { AgentParameters } from '@app/token-core';
import { GUID } from './guid';

const AGENT_KEYS = ['agentidentity', 'agentusername', 'agentuserid'];

/** First value of a query parameter whose name matches case-insensitively (ASP.NET binding). */
function firstValue(query: URLSearchParams, lowerName: string): string | undefined {
  for (const [key, value] of query) {
    if (key.toLowerCase() === lowerName) return value;
  }
  return undefined;
}

/** Whether any of `AgentIdentity`, `AgentUsername`, `AgentUserId` is present, even empty (spec C.3 step 5). */
export function hasAgentParameters(query: URLSearchParams): boolean {
  for (const key of query.keys()) {
    if (AGENT_KEYS.includes(key.toLowerCase())) return true;
  }
  return false;
}

/**
 * The agent flow the query asks for (spec E.1): nothing without a non-blank `AgentIdentity`; then a username
 * wins over a user id; a user id that is not a GUID falls back to the plain agent identity.
 */
export function parseAgentParameters(query: URLSearchParams): AgentParameters | undefined {
  const agentIdentity = firstValue(query, 'agentidentity')?.trim();
  if (!agentIdentity) return undefined;
  const username = firstValue(query, 'agentusername')?.trim();
  if (username) return { kind: 'agentUserByUsername', agentIdentity, username };
  const userId = firstValue(query, 'agentuserid')?.trim();
  if (userId && GUID.test(userId)) {
    // Canonical `D` format, like .NET's Guid.ToString().
    return { kind: 'agentUserById', agentIdentity, userId: userId.replace(/[{}()]/g, '').toLowerCase() };
  }
  return { kind: 'agent', agentIdentity };
}
