import { parseCliArguments } from './cli-arguments';
import { startDemoApi } from './demo-api';

// CLI: `main.js [--port 5080] [--authority <url>] [--audience <aud>]` serves the demo downstream API on
// 127.0.0.1, prints one JSON line with its URL, then one JSON line per request.
async function main(): Promise<void> {
  const args = parseCliArguments(process.argv.slice(2), process.env);
  const api = await startDemoApi({
    port: args.port,
    authority: args.authority,
    audiences: args.audiences,
    log: (entry) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`),
  });
  process.stdout.write(
    `${JSON.stringify({ url: api.url, authority: args.authority, audiences: args.audiences })}\n`,
  );
  const stop = (): void => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
