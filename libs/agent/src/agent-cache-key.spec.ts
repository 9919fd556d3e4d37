import { describe, expect, it } from 'vitest';
import { agentCacheKey } from './agent-cache-key';
import type { AgentRequest } from './agent-request';

const blueprint = { clientId: 'blueprint', instance: 'https://localhost:5443/' };
const base: AgentRequest = {
  flow: 'agent_user',
  agentId: 'agent-1',
  tenant: 'tenant',
  scopes: ['b', 'a'],
  forceRefresh: false,
  extraQueryParameters: {},
  user: { username: 'user@demo' },
};
const key = (changes: Partial<AgentRequest>) => agentCacheKey({ ...base, ...changes }, blueprint);

describe('agentCacheKey', () => {
  it('should ignore scope order and UPN letter case', () => {
    expect(key({ scopes: ['a', 'b'], user: { username: 'USER@DEMO' } })).toBe(key({}));
  });

  it('should separate agents, users, tenants, claims, flows and assertions', () => {
    const keys = [
      key({}),
      key({ agentId: 'agent-2' }),
      key({ user: { username: 'other@demo' } }),
      key({ user: { userObjectId: 'user@demo' } }),
      key({ tenant: 'other' }),
      key({ claims: '{}' }),
      key({ flow: 'agent_obo', user: undefined, assertion: 'a' }),
      key({ flow: 'agent_obo', user: undefined, assertion: 'b' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('should never carry the assertion itself', () => {
    expect(key({ flow: 'agent_obo', assertion: 'secret-assertion' })).not.toContain('secret-assertion');
  });
});
