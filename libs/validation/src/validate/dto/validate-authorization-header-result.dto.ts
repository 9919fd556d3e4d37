import { ApiProperty } from '@app/openapi';

/** `GET /Validate` 200 body (spec C.2): the credential as received and its raw payload. */
export class ValidateAuthorizationHeaderResult {
  @ApiProperty({ type: String, example: 'Bearer' })
  protocol!: string;

  @ApiProperty({ type: String, description: 'The token exactly as received, without the scheme.' })
  token!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The raw JWT payload (of the decrypted inner token for a JWE).',
  })
  claims!: Record<string, unknown>;
}
