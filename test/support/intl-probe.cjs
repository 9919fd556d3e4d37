// A `--require` preload for the built sidecar (test/platform/memory.e2e-spec.ts): reports on stderr, once per
// kind, every Intl object the process builds. The first one makes V8 read ICU's locale data, about 5 MB that
// stays resident, so an idle sidecar should build none.
const reported = new Set();
for (const name of Object.getOwnPropertyNames(Intl)) {
  const Original = Intl[name];
  if (typeof Original !== 'function') continue;
  const report = () => {
    if (reported.has(name)) return;
    reported.add(name);
    process._rawDebug(`intl-probe: Intl.${name} built\n${new Error().stack}`);
  };
  Intl[name] = new Proxy(Original, {
    construct: (target, args, newTarget) => (report(), Reflect.construct(target, args, newTarget)),
    apply: (target, self, args) => (report(), Reflect.apply(target, self, args)),
  });
}
