/** A parsed token-endpoint request with its tenant resolved. */
export interface TokenRequest {
  /** The tenant path segment as sent. */
  readonly tenantSegment: string;
  /** The tenant id the request runs in. */
  readonly tenantId: string;
  readonly form: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
}

export const GRANT_TYPES = {
  clientCredentials: 'client_credentials',
  jwtBearer: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  refreshToken: 'refresh_token',
  userFic: 'user_fic',
} as const;

/** The JSON body of a successful token response. */
export interface TokenResponseFields {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly tokenType?: 'Bearer' | 'pop';
  readonly scope?: string;
  readonly refreshToken?: string;
  readonly idToken?: string;
  readonly clientInfo?: string;
}

export function tokenResponseBody(fields: TokenResponseFields): Record<string, unknown> {
  const body: Record<string, unknown> = {
    token_type: fields.tokenType ?? 'Bearer',
    scope: fields.scope,
    expires_in: fields.expiresIn,
    ext_expires_in: fields.expiresIn,
    access_token: fields.accessToken,
    refresh_token: fields.refreshToken,
    id_token: fields.idToken,
    client_info: fields.clientInfo,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
