import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../apps/sidecar/src/openapi/openapi-document';
import { type RunningSidecar, startSidecar } from '../support/sidecar';

const COMMITTED = resolve(__dirname, '../../openapi/sidecar.openapi.json');

/** The parts of an OpenAPI document these tests read. */
interface OpenApiDocument {
  components: { securitySchemes: Record<string, Record<string, unknown>> };
  paths: Record<
    string,
    Record<
      string,
      {
        security?: Record<string, string[]>[];
        parameters: { name: string; in: string; required?: boolean }[];
      }
    >
  >;
}

describe('OpenAPI document', () => {
  let development: RunningSidecar;
  let production: RunningSidecar;

  beforeAll(async () => {
    development = await startSidecar({ env: { ASPNETCORE_ENVIRONMENT: 'Development' } });
    production = await startSidecar({ env: { ASPNETCORE_ENVIRONMENT: 'Production' } });
  });
  afterAll(async () => {
    await development.close();
    await production.close();
  });

  it('should serve /openapi/v1.json in Development', async () => {
    const response = await fetch(`${development.url}/openapi/v1.json`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"openapi"');
  });

  it('should serve Swagger UI in Development', async () => {
    const response = await fetch(`${development.url}/swagger`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger-ui');
  });

  it('should serve neither outside Development', async () => {
    expect((await fetch(`${production.url}/openapi/v1.json`)).status).toBe(404);
    expect((await fetch(`${production.url}/swagger`)).status).toBe(404);
  });

  it('should match the committed openapi/sidecar.openapi.json (run `npm run openapi:sync` after a change)', async () => {
    const generated = `${JSON.stringify(await buildOpenApiDocument(development.app), null, 2)}\n`;
    await expect(generated).toMatchFileSnapshot(COMMITTED);
  });

  it('should declare who may call each route: Bearer where a token is required, Bearer or PoP on /Validate', () => {
    // Arrange
    const document = JSON.parse(readFileSync(COMMITTED, 'utf8')) as OpenApiDocument;
    const securityOf = (path: string, method: string) => document.paths[path][method].security;

    // Assert
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['Bearer', 'PoP']);
    expect(document.components.securitySchemes.PoP).toMatchObject({ type: 'http', scheme: 'PoP' });
    expect(securityOf('/Validate', 'get')).toEqual([{ Bearer: [] }, { PoP: [] }]);
    expect(securityOf('/AuthorizationHeader/{apiName}', 'get')).toEqual([{ Bearer: [] }]);
    expect(securityOf('/DownstreamApi/{apiName}', 'post')).toEqual([{ Bearer: [] }]);
    expect(securityOf('/AuthorizationHeaderUnauthenticated/{apiName}', 'get')).toBeUndefined();
    expect(securityOf('/DownstreamApiUnauthenticated/{apiName}', 'post')).toBeUndefined();
  });

  it("should document /Validate's original-method and original-uri headers for signed requests", () => {
    // Arrange
    const document = JSON.parse(readFileSync(COMMITTED, 'utf8')) as OpenApiDocument;

    // Act
    const headers = document.paths['/Validate'].get.parameters.filter(
      (parameter) => parameter.in === 'header',
    );

    // Assert
    expect(headers.map(({ name, required }) => ({ name, required }))).toEqual([
      { name: 'original-method', required: false },
      { name: 'original-uri', required: false },
    ]);
  });

  it('should serve exactly the committed document', async () => {
    const served: unknown = await (await fetch(`${development.url}/openapi/v1.json`)).json();
    expect(served).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
  });
});
