import { applyDecorators } from '@nestjs/common';
import { ApiDeferred, ApiExtraModels } from '@app/openapi';
import { ProblemDetailsDto } from './problem-details.dto';
import { problemTypeFor } from './problem-types';

/** Documents problem+json answers for the given statuses, the way the reference contract declares them. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiDeferred((swagger) =>
        swagger.ApiResponse({
          status,
          description: problemTypeFor(status).title,
          content: {
            'application/problem+json': { schema: { $ref: swagger.getSchemaPath(ProblemDetailsDto) } },
          },
        }),
      ),
    ),
  );
}
