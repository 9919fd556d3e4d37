import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import {
  DEMO,
  JWT_BEARER_ASSERTION,
  blueprintExchangeToken,
  decodePayload,
  postToken,
} from './support/token-client';

describe('user_fic grant (agent user identity, spec E.4)', () => {
  let emulator: EntraEmulator;
  let t1: string;
  let t2: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    t1 = await blueprintExchangeToken(emulator, DEMO.agent.id);
    const leg2 = await postToken(emulator, {
      grant_type: 'client_credentials',
      client_id: DEMO.agent.id,
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: t1,
      scope: DEMO.exchangeScope,
    });
    t2 = String(leg2.body.access_token);
  });
  afterAll(() => emulator.close());

  const userFic = (overrides: Record<string, string> = {}): ReturnType<typeof postToken> =>
    postToken(emulator, {
      grant_type: 'user_fic',
      client_id: DEMO.agent.id,
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: t1,
      user_federated_identity_credential: t2,
      username: DEMO.agent.userUpn,
      scope: `${DEMO.downstream.uri}/Weather.Read openid profile offline_access`,
      client_info: '1',
      ...overrides,
    });

  it('should give T2 the agent as subject and the blueprint as parent', () => {
    // Assert
    expect(decodePayload(t2)).toMatchObject({
      aud: 'api://AzureADTokenExchange',
      sub: DEMO.agent.id,
      azp: DEMO.agent.id,
      xms_par_app_azp: DEMO.sidecar.clientId,
    });
  });

  it('should issue the agent user a delegated token with agent facets, by UPN', async () => {
    // Act
    const { status, body } = await userFic();

    // Assert
    expect(status).toBe(200);
    expect(body.refresh_token).toBeTypeOf('string');
    expect(body.id_token).toBeTypeOf('string');
    expect(decodePayload(body.access_token)).toMatchObject({
      oid: DEMO.agent.userOid,
      preferred_username: DEMO.agent.userUpn,
      azp: DEMO.agent.id,
      xms_par_app_azp: DEMO.sidecar.clientId,
      xms_sub_fct: '13',
      scp: 'Weather.Read',
      idtyp: 'user',
    });
  });

  it('should identify the agent user by user_id as well', async () => {
    // Act
    const { status, body } = await userFic({ username: '', user_id: DEMO.agent.userOid });

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(body.access_token).oid).toBe(DEMO.agent.userOid);
  });

  it('should refuse a user who is not an agent user of this agent with AADSTS50034', async () => {
    // Act
    const { status, body } = await userFic({ username: DEMO.user.upn });

    // Assert
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([50034]);
  });

  it('should refuse T1 in place of T2 (T2 must be issued to the agent)', async () => {
    // Act
    const { body } = await userFic({ user_federated_identity_credential: t1 });

    // Assert
    expect(body.error_codes).toEqual([50013]);
  });

  it('should refuse user_fic from a client that is not an agent identity', async () => {
    // Act
    const { status, body } = await userFic({
      client_id: DEMO.sidecar.clientId,
      client_assertion_type: '',
      client_assertion: '',
      client_secret: DEMO.sidecar.secret,
    });

    // Assert
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });
});
