import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../apps/sidecar/src/openapi/openapi-document';
import { type RunningSidecar, startSidecar } from '../support/sidecar';

const COMMITTED = resolve(__dirname, '../../openapi/sidecar.openapi.json');

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

  it('should serve exactly the committed document', async () => {
    const served: unknown = await (await fetch(`${development.url}/openapi/v1.json`)).json();
    expect(served).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
  });
});
