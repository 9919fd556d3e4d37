import { describe, expect, it } from 'vitest';
import { agentParametersOutside, hasAgentParameters, parseAgentParameters } from './agent-parameters';

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

  it('should count a parameter that Sidecar:AllowOverrides:Keys leaves out as absent, and name it', () => {
    // Arrange
    const query = new URLSearchParams('agentidentity=a&AgentUsername=u@example.com&AgentUserId=nope');

    // Act / Assert
    expect(parseAgentParameters(query, ['agentidentity'])).toEqual({ kind: 'agent', agentIdentity: 'a' });
    expect(parseAgentParameters(query, ['scopes'])).toBeUndefined();
    expect(agentParametersOutside(query, ['agentidentity'])).toEqual(['AgentUsername', 'AgentUserId']);
    expect(agentParametersOutside(query, undefined)).toEqual([]);
  });

  it('should not take constructor or __proto__ for an agent parameter', () => {
    expect(hasAgentParameters(new URLSearchParams('constructor=1&__proto__=2&toString=3'))).toBe(false);
  });
});
