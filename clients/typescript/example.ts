// The three calls an application makes, through the typed client, against a running sidecar (the demo's profiles:
// `npm run demo`, then a user token from `npm run -s demo:token`). Returns what it saw, one line per step; the
// demo's end-to-end test runs it.
import { createSidecarClient, SidecarProblemError } from './sidecar-client';

export async function runExample(sidecarUrl: string, userToken: string): Promise<string[]> {
  const sidecar = createSidecarClient({ baseUrl: sidecarUrl });
  const seen: string[] = [];

  const validated = await sidecar.validate(userToken);
  const claims = validated.claims as { oid?: string };
  seen.push(`validate: ${validated.protocol} token of user ${claims.oid}`);

  const header = await sidecar.authorizationHeader('DemoApi', { token: userToken });
  seen.push(
    `authorizationHeader: ${header.authorizationHeader.split(' ')[0]} token until ${header.expiresOn}`,
  );

  const weather = await sidecar.downstreamApi('DemoApi', { token: userToken });
  seen.push(`downstreamApi: ${weather.statusCode} ${weather.headers['Content-Type']?.[0]}`);

  try {
    await sidecar.authorizationHeader('NoSuchApi');
    seen.push('problem: none');
  } catch (error) {
    if (!(error instanceof SidecarProblemError)) throw error;
    seen.push(`problem: ${error.status} ${error.problem.detail}`);
  }
  return seen;
}
