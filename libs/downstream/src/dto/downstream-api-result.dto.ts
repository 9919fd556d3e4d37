import { ApiProperty, ApiSchema, int32OrNumericString } from '@app/openapi';

/** Body of a successful `/DownstreamApi*` call (spec C.4): the downstream answer, whatever its status. */
@ApiSchema({ name: 'DownstreamApiResult' })
export class DownstreamApiResultDto {
  @ApiProperty({
    ...int32OrNumericString(),
    description: 'The downstream status code (always written as an integer).',
    example: 200,
  })
  statusCode!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description:
      'The downstream content headers (Content-*, Expires, Last-Modified, Allow), values as arrays.',
    example: { 'Content-Type': ['application/json; charset=utf-8'] },
  })
  headers!: Record<string, string[]>;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The downstream body as text; null when it was empty.',
    example: '{"result":"success"}',
  })
  content!: string | null;
}
