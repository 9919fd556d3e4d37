/**
 * OpenAPI decorators with @nestjs/swagger's names and types. They record their metadata and apply it when a
 * document is built, so a Production sidecar never loads @nestjs/swagger.
 */
export {
  ApiDeferred,
  ApiExcludeController,
  ApiExcludeEndpoint,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiSchema,
  ApiTags,
  loadOpenApiMetadata,
} from './deferred-decorators';
