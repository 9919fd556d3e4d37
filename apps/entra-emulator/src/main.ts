import { parseCliArguments } from './cli-arguments';
import { startEmulator } from './emulator';
import { ensureDevelopmentCa } from './tls/development-ca';

// CLI: `main.js [--port 5443] [--mi-port 5444] [--config path] [--certs-dir .certs]` starts the emulator and prints
// one JSON line with its endpoints; `main.js ca [--certs-dir .certs]` only ensures the development CA.
async function main(): Promise<void> {
  const args = parseCliArguments(process.argv.slice(2));
  if (args.command === 'ca') {
    const { caCertPath } = await ensureDevelopmentCa(args.certsDir);
    process.stdout.write(`${JSON.stringify({ caCertPath })}\n`);
    return;
  }
  const emulator = await startEmulator({
    port: args.port,
    managedIdentityPort: args.managedIdentityPort,
    configPath: args.configPath,
    certsDir: args.certsDir,
  });
  process.stdout.write(
    `${JSON.stringify({
      url: emulator.url,
      authority: emulator.authority(),
      knownAuthorities: [emulator.host],
      caCertPath: emulator.caCertPath,
      hint: `export NODE_EXTRA_CA_CERTS=${emulator.caCertPath}`,
      managedIdentity: emulator.managedIdentity,
      control: `${emulator.url}/_emulator/`,
    })}\n`,
  );
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`entra-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
