// How `nest build <app>` bundles an app (nest-cli.json: builder rspack). Nest's default leaves every package in
// node_modules; at start-up Node then resolves, reads and compiles several hundred files, most of the sidecar's
// time to ready. Here the packages go into the bundle too, so an app is dist/apps/<app>/main.js plus, for the
// sidecar, a few files that are loaded only when a feature needs them (docs/deployment.md, Start-up).
import { createRequire, isBuiltin } from 'node:module';
import { dirname, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Packages the sidecar loads on first use (a `require` inside a function: see load-undici.ts, load-msal.ts,
 * redis-token.store.ts, the certificate parsers). Each becomes a file of its own beside main.js, so a sidecar that
 * never needs it neither reads nor parses it.
 */
const LOADED_ON_DEMAND = {
  sidecar: ['undici', '@azure/msal-node', 'node-forge', 'ioredis'],
};

/**
 * The sidecar's main.ts is a small launcher that turns Node's compile cache on and only then loads the rest of
 * the app (`require('./bootstrap')`), which is therefore a bundle of its own, sidecar.js.
 */
const LAUNCHED = {
  sidecar: { request: './bootstrap', file: 'sidecar' },
};

/**
 * @nestjs/common's logger files build an Intl.DateTimeFormat when they load, which keeps ICU's locale data resident
 * (about 5 MB) in a sidecar that never writes Nest's console lines; the loader makes it lazy (docs/performance.md,
 * Memory).
 */
const NEST_LOGGER_FILES = /[\\/]@nestjs[\\/]common[\\/]services[\\/](console-logger|logger)\.service\.js$/;

/** Packages that stay in node_modules, and why. */
const KEPT_IN_NODE_MODULES = new Set([
  // Swagger UI (Development only) serves the files of this package from its own folder.
  'swagger-ui-dist',
]);

export default (defaults, rspack) => {
  const outputDir = dirname(defaults.output.filename);
  const app = outputDir.split('/').at(-1);
  const onDemand = LOADED_ON_DEMAND[app] ?? [];
  const launched = LAUNCHED[app];
  const entry = defaults.entry;
  return {
    ...defaults,
    entry: {
      main: entry,
      ...(launched && { [launched.file]: new URL(launched.request, `file://${entry}`).pathname + '.ts' }),
      ...Object.fromEntries(onDemand.map((name) => [fileNameOf(name), name])),
    },
    output: {
      ...defaults.output,
      // The app's folder is the output root, so a bundle finds its chunks beside itself wherever it is copied.
      path: resolve('dist', outputDir),
      filename: '[name].js',
      chunkFilename: '[name].chunk.js',
    },
    module: {
      ...defaults.module,
      rules: [
        ...(defaults.module?.rules ?? []).map(withTsconfigClassFields),
        {
          test: NEST_LOGGER_FILES,
          loader: resolve(import.meta.dirname, 'build/lazy-date-format.loader.cjs'),
        },
      ],
    },
    externals: [
      ({ request, contextInfo }, callback) => {
        if (launched && request === launched.request && contextInfo?.issuer === entry)
          return callback(null, `commonjs ./${launched.file}.js`);
        if (!request || /^[./]|^@app\/|^node:/.test(request) || isBuiltin(request)) return callback();
        // From main.js (or another on-demand file), the package is its file; the entry itself is bundled.
        if (onDemand.includes(request) && contextInfo?.issuer)
          return callback(null, `commonjs ./${fileNameOf(request)}.js`);
        if (KEPT_IN_NODE_MODULES.has(packageName(request))) return callback(null, `commonjs ${request}`);
        return callback();
      },
    ],
    optimization: {
      ...defaults.optimization,
      // Less to read and parse at every start: no comments or indentation, short names for local variables, and
      // ASCII only (a file with other characters is decoded more slowly). Function and class names stay (Nest,
      // error names and stack traces use them) and the code is not rewritten (no compress); the .js.map files
      // map stack traces back to the sources (node --enable-source-maps).
      minimize: true,
      minimizer: [
        new rspack.SwcJsMinimizerRspackPlugin({
          minimizerOptions: {
            compress: false,
            mangle: { keep_classnames: true, keep_fnames: true },
            format: { comments: false, asciiOnly: true },
          },
        }),
      ],
    },
    plugins: [
      // Nest's own list of such packages, which misses the `.js` paths Nest 12 imports them by.
      ...defaults.plugins.filter((plugin) => !(plugin instanceof rspack.IgnorePlugin)),
      // Optional peers that a package loads only for a feature it offers (@nestjs/microservices, @fastify/view,
      // class-validator, ...) and that are not installed: their load fails at once, as it would unbundled, and
      // without looking for them on disk at every start.
      new rspack.IgnorePlugin({
        checkResource: (request) =>
          !/^[./]|^@app\/|^node:/.test(request) && !isBuiltin(request) && !installed(packageName(request)),
      }),
      // ESM packages (Nest 12) locate optional peers with createRequire(import.meta.url). Left to the bundler,
      // import.meta.url would be the build machine's path to the package; it must be the bundle's own file,
      // found at run time. (`require` itself may be shadowed there by `const require = createRequire(...)`.)
      new rspack.DefinePlugin({
        'import.meta.url': 'process.getBuiltinModule("node:url").pathToFileURL(__filename).href',
        'import.meta.dirname': '__dirname',
      }),
    ],
  };
};

/**
 * Nest's swc rule compiles class fields with define semantics whatever tsconfig.json says
 * (`useDefineForClassFields: false`): every field, parameter properties included, became an
 * `Object.defineProperty` helper call per instance, on the per-call objects too. swc follows the same
 * setting as tsc when told, so the bundle assigns fields as the type-checked code assumes.
 */
function withTsconfigClassFields(rule) {
  const use = rule.use?.map((entry) =>
    entry.loader === 'builtin:swc-loader'
      ? {
          ...entry,
          options: {
            ...entry.options,
            jsc: {
              ...entry.options.jsc,
              transform: { ...entry.options.jsc.transform, useDefineForClassFields: false },
            },
          },
        }
      : entry,
  );
  return use ? { ...rule, use } : rule;
}

/** `@azure/msal-node` → `azure-msal-node`. */
function fileNameOf(name) {
  return name.replace(/^@/, '').replace(/\//g, '-');
}

function packageName(request) {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function installed(name) {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch (error) {
    // A package whose `exports` hide package.json is there all the same.
    return error.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
  }
}
