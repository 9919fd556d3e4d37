/**
 * OpenAPI decorators with @nestjs/swagger's names and types. They record their metadata and apply it when a
 * document is built, so a Production sidecar never loads @nestjs/swagger.
 */
export {
  ApiBody,
  ApiConsumes,
  ApiDeferred,
  ApiExcludeController,
  ApiExcludeEndpoint,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiSchema,
  ApiSecurity,
  ApiTags,
  loadOpenApiMetadata,
} from './deferred-decorators';
/** Names of the document's security schemes (Bearer, and PoP on /Validate). */
export { BEARER_SCHEME, POP_SCHEME } from './security-schemes';
/** Schema pieces as wide as the reference's for generated code (`JsonNode`, int32 or numeric string). */
export { int32OrNumericString, JSON_NODE, JSON_NODE_REF, JSON_NODE_SCHEMA } from './reference-types';
