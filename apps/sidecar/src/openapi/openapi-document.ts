import type { INestApplication } from '@nestjs/common';
import { BEARER_SCHEME, JSON_NODE, JSON_NODE_SCHEMA, loadOpenApiMetadata, POP_SCHEME } from '@app/openapi';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Where the document is served in Development (the reference's path), and the Swagger UI. */
export const OPENAPI_JSON_PATH = 'openapi/v1.json';
export const SWAGGER_UI_PATH = 'swagger';

/**
 * The sidecar's contract, generated from its controllers. Keys are sorted so the committed copy
 * (`openapi/sidecar.openapi.json`) diffs cleanly and drift is caught by a test.
 */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  const { DocumentBuilder, SwaggerModule } = await loadOpenApiMetadata();
  const config = new DocumentBuilder()
    .setTitle('Entra Identity Sidecar | v1')
    .setDescription(
      'Validates inbound Microsoft Entra ID tokens, acquires tokens for configured downstream APIs and calls them. ' +
        'Wire-compatible with the Microsoft Entra SDK sidecar (Microsoft.Identity.Web.Sidecar).',
    )
    .setVersion('1.0.0')
    .addSecurity(BEARER_SCHEME, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurity(POP_SCHEME, {
      type: 'http',
      scheme: 'PoP',
      description:
        'A signed HTTP request (SHR) over a proof-of-possession token, sent with the original-method and ' +
        'original-uri headers of the request it was signed for. Accepted by /Validate only.',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Referenced by `claims` but declared by no class: Nest only declares the schemas of classes.
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [JSON_NODE]: JSON_NODE_SCHEMA },
  };
  return sortKeys(document);
}

/** Serves the document and Swagger UI; only ever called in Development (reference H.2). */
export async function mountOpenApi(app: INestApplication, document: OpenAPIObject): Promise<void> {
  const { SwaggerModule } = await loadOpenApiMetadata();
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, raw: ['json'] });
}

/** Deep copy with object keys in code-point order; arrays keep their order (it carries meaning). */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeys(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted as T;
}
