import { join } from 'node:path';
import { validationFixture } from '../servers/validate-fixture.mjs';

// The shared emulator (started once for every scenario that needs an authority) issues the app token;
// after the first call the sidecar serves it from its cache, so the load measures the outbound call.
const BODY = '{"order":42,"items":["a","b","c"],"note":"bench"}';
let echoUrl;

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'downstream-unauthenticated',
  description:
    'POST /DownstreamApiUnauthenticated/BenchEcho (cached app token, body forwarded to a node:http echo) vs the same POST straight to the echo.',
  // The sidecar serves a request and makes one (two HTTP exchanges on the server CPU); the echo only serves.
  targetRatio: 0.35,
  async prepare(ctx) {
    const fixture = await validationFixture(ctx);
    const port = await ctx.freePort();
    await ctx.startServer({
      name: 'echo',
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'echo.mjs'), String(port)],
      readyUrl: `http://127.0.0.1:${port}/ready`,
    });
    echoUrl = `http://127.0.0.1:${port}`;
    return {
      env: {
        ...fixture.sidecarEnv,
        AzureAd__ClientCredentials__0__SourceType: 'ClientSecret',
        AzureAd__ClientCredentials__0__ClientSecret: 'demo-sidecar-secret',
        DownstreamApis__BenchEcho__BaseUrl: echoUrl,
        DownstreamApis__BenchEcho__RelativePath: 'echo',
        DownstreamApis__BenchEcho__HttpMethod: 'POST',
        DownstreamApis__BenchEcho__RequestAppToken: 'true',
        DownstreamApis__BenchEcho__Scopes__0: 'api://demo-downstream/.default',
      },
    };
  },
  target: () => ({
    path: '/DownstreamApiUnauthenticated/BenchEcho',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  }),
  baseline: () => ({
    url: echoUrl,
    path: '/echo',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  }),
};
