import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@app/openapi';

/** Body of a successful `GET /AuthorizationHeader*` (spec C.3 step 8, decisions §2). */
@ApiSchema({ name: 'AuthorizationHeaderResult' })
export class AuthorizationHeaderResultDto {
  @ApiProperty({
    description: 'The header value to send downstream: `<scheme> <token>`.',
    example: 'Bearer eyJ0eXAi…',
  })
  authorizationHeader!: string;

  @ApiPropertyOptional({ description: 'When the token expires (ISO 8601).', format: 'date-time' })
  expiresOn?: string;

  @ApiPropertyOptional({
    description:
      'The long-running OBO session key the sidecar allocated for `AllocateForMe`; pass it on later calls.',
  })
  longRunningWebApiSessionKey?: string;
}
