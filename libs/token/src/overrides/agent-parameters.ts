import { isOverrideKeyAllowed } from '@app/config';
import type { AgentParameters, QueryParameters } from '@app/token-core';
import { GUID } from './guid';

// A Map, not an object: the names come from the query, and `constructor` must not find anything.
const AGENT_NAMES: ReadonlyMap<string, string> = new Map([
  ['agentidentity', 'AgentIdentity'],
  ['agentusername', 'AgentUsername'],
  ['agentuserid', 'AgentUserId'],
]);

/**
 * First value of a query parameter whose name matches case-insensitively (ASP.NET binding); never one that
 * `Sidecar:AllowOverrides:Keys` leaves out.
 */
function firstValue(
  query: QueryParameters,
  lowerName: string,
  keys: readonly string[] | undefined,
): string | undefined {
  if (!isOverrideKeyAllowed(keys, lowerName)) return undefined;
  for (const [key, value] of query) {
    if (key.toLowerCase() === lowerName) return value;
  }
  return undefined;
}

/** Whether any of `AgentIdentity`, `AgentUsername`, `AgentUserId` is present, even empty (spec C.3 step 5). */
export function hasAgentParameters(query: QueryParameters): boolean {
  for (const key of query.keys()) {
    if (AGENT_NAMES.has(key.toLowerCase())) return true;
  }
  return false;
}

/** The agent parameters present (even empty) that `Sidecar:AllowOverrides:Keys` leaves out, by name. */
export function agentParametersOutside(
  query: QueryParameters,
  keys: readonly string[] | undefined,
): string[] {
  if (keys === undefined) return [];
  const outside = new Set<string>();
  for (const key of query.keys()) {
    const lower = key.toLowerCase();
    const name = AGENT_NAMES.get(lower);
    if (name !== undefined && !isOverrideKeyAllowed(keys, lower)) outside.add(name);
  }
  return [...outside];
}

/**
 * The agent flow the query asks for (spec E.1): nothing without a non-blank `AgentIdentity`; then a username
 * wins over a user id; a user id that is not a GUID falls back to the plain agent identity. A parameter that
 * `keys` (`Sidecar:AllowOverrides:Keys`) leaves out counts as absent.
 */
export function parseAgentParameters(
  query: QueryParameters,
  keys?: readonly string[],
): AgentParameters | undefined {
  const agentIdentity = firstValue(query, 'agentidentity', keys)?.trim();
  if (!agentIdentity) return undefined;
  const username = firstValue(query, 'agentusername', keys)?.trim();
  if (username) return { kind: 'agentUserByUsername', agentIdentity, username };
  const userId = firstValue(query, 'agentuserid', keys)?.trim();
  if (userId && GUID.test(userId)) {
    // Canonical `D` format, like .NET's Guid.ToString().
    return { kind: 'agentUserById', agentIdentity, userId: userId.replace(/[{}()]/g, '').toLowerCase() };
  }
  return { kind: 'agent', agentIdentity };
}
