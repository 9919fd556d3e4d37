import { defineConfig } from 'vitest/config';

// One config, two projects: fast unit specs beside the code, and end-to-end specs under test/ that talk
// HTTP to real servers (the sidecar, the Entra emulator, downstream APIs) on 127.0.0.1.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
