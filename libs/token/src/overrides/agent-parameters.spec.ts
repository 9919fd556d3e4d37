import { describe, expect, it } from 'vitest';
import { hasAgentParameters, parseAgentParameters } from './agent-parameters';

const parse = (query: string) => parseAgentParameters(new URLSearchParams(query));

describe('parseAgentParameters (spec E.1)', () => {
  it('should read a plain agent identity, whatever the parameter casing', () => {
    expect(parse('agentidentity=test-agent-id')).toEqual({ kind: 'agent', agentIdentity: 'test-agent-id' });
  });

  it('should prefer the username over a user id', () => {
    expect(
      parse('AgentIdentity=a&agentUserId=d75c4739-595d-44ed-a0b8-5176ca033c23&agentUsername=u@example.com'),
    ).toEqual({
      kind: 'agentUserByUsername',
      agentIdentity: 'a',
      username: 'u@example.com',
    });
  });

  it('should read a GUID user id in canonical form', () => {
    expect(parse('AgentIdentity=a&AgentUserId={D75C4739-595D-44ED-A0B8-5176CA033C23}')).toEqual({
      kind: 'agentUserById',
      agentIdentity: 'a',
      userId: 'd75c4739-595d-44ed-a0b8-5176ca033c23',
    });
  });

  it('should fall back to the plain agent identity for a user id that is not a GUID', () => {
    expect(parse('AgentIdentity=a&AgentUserId=nope')).toEqual({ kind: 'agent', agentIdentity: 'a' });
  });

  it('should ignore user parameters without an agent identity', () => {
    expect(parse('AgentUsername=u@example.com&AgentIdentity=%20')).toBeUndefined();
  });

  it('should see agent parameters even when empty', () => {
    expect(hasAgentParameters(new URLSearchParams('agentusername='))).toBe(true);
    expect(hasAgentParameters(new URLSearchParams('other=1'))).toBe(false);
  });
});
