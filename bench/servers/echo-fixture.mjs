// Shared by the downstream-* scenarios: one echo server (the downstream API) per bench run, and the sidecar
// profile `BenchEcho` that calls it with a cached app token from the shared emulator.
import { join } from 'node:path';
import { validationFixture } from './validate-fixture.mjs';

export const ECHO_BODY = '{"order":42,"items":["a","b","c"],"note":"bench"}';

/** The sidecar request of the downstream-* scenarios: a JSON body for the BenchEcho profile. */
export const SIDECAR_DOWNSTREAM_REQUEST = {
  path: '/DownstreamApiUnauthenticated/BenchEcho',
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: ECHO_BODY,
};
let started;

/** `{ url, sidecarEnv }`, started once however many scenarios ask. */
export function echoFixture(ctx) {
  started ??= start(ctx);
  return started;
}

async function start(ctx) {
  const fixture = await validationFixture(ctx);
  const port = await ctx.freePort();
  await ctx.startServer({
    name: 'echo',
    command: process.execPath,
    args: [join(ctx.root, 'bench', 'servers', 'echo.mjs'), String(port)],
    readyUrl: `http://127.0.0.1:${port}/ready`,
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    sidecarEnv: {
      ...fixture.sidecarEnv,
      AzureAd__ClientCredentials__0__SourceType: 'ClientSecret',
      AzureAd__ClientCredentials__0__ClientSecret: 'demo-sidecar-secret',
      DownstreamApis__BenchEcho__BaseUrl: url,
      DownstreamApis__BenchEcho__RelativePath: 'echo',
      DownstreamApis__BenchEcho__HttpMethod: 'POST',
      DownstreamApis__BenchEcho__RequestAppToken: 'true',
      DownstreamApis__BenchEcho__Scopes__0: 'api://demo-downstream/.default',
    },
  };
}
