import { ApiProperty, ApiPropertyOptional, ApiSchema, int32OrNumericString } from '@app/openapi';

/** RFC 7807 problem details, as the reference writes them, plus our `correlationId` extension. */
@ApiSchema({ name: 'ProblemDetails' })
export class ProblemDetailsDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  })
  type?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Bad Request' })
  title?: string | null;

  @ApiPropertyOptional({ ...int32OrNumericString(), nullable: true, example: 400 })
  status?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: "No scopes found for the API 'graph' or in optionsOverride.",
  })
  detail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  instance?: string | null;

  @ApiProperty({
    type: String,
    required: false,
    description:
      'Correlation id of the request; the same value is in the logs and the x-correlation-id header.',
  })
  correlationId?: string;
}
