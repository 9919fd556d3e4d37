import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import {
  DEMO,
  blueprintExchangeToken,
  decodePayload,
  postToken,
  JWT_BEARER_ASSERTION,
} from './support/token-client';

const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const downstreamScope = `${DEMO.downstream.uri}/Weather.Read`;

describe('on-behalf-of and refresh_token grants', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.requests.reset());

  const oboForm = (assertion: string, overrides: Record<string, string> = {}): Record<string, string> => ({
    grant_type: OBO_GRANT,
    requested_token_use: 'on_behalf_of',
    client_id: DEMO.sidecar.clientId,
    client_secret: DEMO.sidecar.secret,
    assertion,
    scope: downstreamScope,
    ...overrides,
  });
  const userToken = (options: Parameters<EntraEmulator['mintAccessToken']>[0] = {}): Promise<string> =>
    emulator.mintAccessToken({ user: 'demo-user', scopes: 'access_as_user', ...options });

  it('should exchange a user token for a delegated downstream token', async () => {
    // Arrange
    const incoming = await userToken();

    // Act
    const { status, body } = await postToken(emulator, oboForm(incoming));

    // Assert
    expect(status).toBe(200);
    expect(body.scope).toBe(downstreamScope);
    expect(body.refresh_token).toBeUndefined();
    expect(decodePayload(body.access_token)).toMatchObject({
      aud: DEMO.downstream.clientId,
      tid: DEMO.tenantId,
      oid: DEMO.user.oid,
      azp: DEMO.sidecar.clientId,
      scp: 'Weather.Read',
      preferred_username: DEMO.user.upn,
      idtyp: 'user',
      ver: '2.0',
    });
    expect(emulator.requests.count({ grantType: OBO_GRANT })).toBe(1);
  });

  it('should add refresh_token, id_token and client_info when msal asks for them', async () => {
    // Act
    const { body } = await postToken(
      emulator,
      oboForm(await userToken(), {
        scope: `${downstreamScope} openid profile offline_access`,
        client_info: '1',
      }),
    );

    // Assert
    expect(body.refresh_token).toBeTypeOf('string');
    expect(decodePayload(body.id_token)).toMatchObject({
      aud: DEMO.sidecar.clientId,
      oid: DEMO.user.oid,
      tid: DEMO.tenantId,
    });
    expect(JSON.parse(Buffer.from(String(body.client_info), 'base64url').toString())).toEqual({
      uid: DEMO.user.oid,
      utid: DEMO.tenantId,
    });
  });

  it('should accept an incoming v1 token whose audience is the api:// identifier URI', async () => {
    // Act
    const { status } = await postToken(
      emulator,
      oboForm(await userToken({ version: '1.0', audience: `api://${DEMO.sidecar.clientId}` })),
    );

    // Assert
    expect(status).toBe(200);
  });

  it('should refuse an assertion issued for another audience with AADSTS50013', async () => {
    // Act
    const { status, body } = await postToken(
      emulator,
      oboForm(await userToken({ audience: DEMO.downstream.clientId })),
    );

    // Assert
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([50013]);
  });

  it('should refuse an expired assertion with AADSTS500133', async () => {
    // Arrange
    const issuedAt = Math.floor(Date.now() / 1000) - 7200;

    // Act
    const { body } = await postToken(emulator, oboForm(await userToken({ issuedAt, expiresIn: 600 })));

    // Assert
    expect(body.error_codes).toEqual([500133]);
  });

  it('should refuse an app-only token and a token signed by an unknown key with AADSTS50013', async () => {
    // Act
    const appOnly = await postToken(
      emulator,
      oboForm(await emulator.mintAccessToken({ audience: DEMO.sidecar.clientId })),
    );
    const forged = await postToken(emulator, oboForm(await userToken({ signWith: 'unpublished' })));

    // Assert
    expect(appOnly.body.error_codes).toEqual([50013]);
    expect(forged.body.error_codes).toEqual([50013]);
  });

  it('should refuse a scope the API does not expose with AADSTS70011', async () => {
    // Act
    const { status, body } = await postToken(
      emulator,
      oboForm(await userToken(), { scope: `${DEMO.downstream.uri}/Nope` }),
    );

    // Assert
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_scope');
    expect(body.error_codes).toEqual([70011]);
  });

  it('should let an agent identity perform OBO with the user token of its blueprint (spec E.5)', async () => {
    // Arrange
    const t1 = await blueprintExchangeToken(emulator, DEMO.agent.id);

    // Act
    const { status, body } = await postToken(emulator, {
      ...oboForm(await userToken()),
      client_id: DEMO.agent.id,
      client_secret: '',
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: t1,
    });

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(body.access_token)).toMatchObject({
      azp: DEMO.agent.id,
      xms_par_app_azp: DEMO.sidecar.clientId,
      oid: DEMO.user.oid,
    });
  });

  describe('refresh_token', () => {
    const refresh = (
      refreshToken: string,
      overrides: Record<string, string> = {},
    ): ReturnType<typeof postToken> =>
      postToken(emulator, {
        grant_type: 'refresh_token',
        client_id: DEMO.sidecar.clientId,
        client_secret: DEMO.sidecar.secret,
        refresh_token: refreshToken,
        scope: `${downstreamScope} offline_access`,
        ...overrides,
      });
    const obtainRefreshToken = async (): Promise<string> =>
      String(
        (
          await postToken(
            emulator,
            oboForm(await userToken(), { scope: `${downstreamScope} offline_access` }),
          )
        ).body.refresh_token,
      );

    it('should redeem an emulator refresh token for a new pair', async () => {
      // Act
      const { status, body } = await refresh(await obtainRefreshToken());

      // Assert
      expect(status).toBe(200);
      expect(body.refresh_token).toBeTypeOf('string');
      expect(decodePayload(body.access_token)).toMatchObject({ oid: DEMO.user.oid, scp: 'Weather.Read' });
      expect(emulator.requests.count({ grantType: 'refresh_token' })).toBe(1);
    });

    it('should refuse an unknown refresh token with AADSTS9002313', async () => {
      // Act
      const { status, body } = await refresh('1.AEMUnot-a-real-token');

      // Assert
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_grant');
      expect(body.error_codes).toEqual([9002313]);
    });

    it('should refuse a refresh token of another client with AADSTS9002313', async () => {
      // Act
      const { body } = await refresh(await obtainRefreshToken(), {
        client_id: DEMO.client.clientId,
        client_secret: DEMO.client.secret,
      });

      // Assert
      expect(body.error_codes).toEqual([9002313]);
    });

    it('should refuse an expired refresh token with AADSTS700082', async () => {
      // Arrange
      const refreshToken = await obtainRefreshToken();
      emulator.expireRefreshTokens();

      // Act
      const { body } = await refresh(refreshToken);

      // Assert
      expect(body.error_codes).toEqual([700082]);
    });
  });
});
