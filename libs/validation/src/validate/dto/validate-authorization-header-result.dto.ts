import { ApiProperty, JSON_NODE_REF } from '@app/openapi';

/** `GET /Validate` 200 body (spec C.2, G.7): the credential as received (or a PoP request's token) and its raw payload. */
export class ValidateAuthorizationHeaderResult {
  @ApiProperty({
    type: String,
    example: 'Bearer',
    description: '`Bearer`, or `PoP` for a signed HTTP request.',
  })
  protocol!: string;

  @ApiProperty({
    type: String,
    description:
      'The token exactly as received, without the scheme; for a signed HTTP request, the access token it carries.',
  })
  token!: string;

  // Typed as the reference's JsonNode (any JSON value); the sidecar always answers the payload object.
  @ApiProperty({
    allOf: [{ $ref: JSON_NODE_REF }],
    description: 'The raw JWT payload (of the decrypted inner token for a JWE).',
  })
  claims!: Record<string, unknown>;
}
