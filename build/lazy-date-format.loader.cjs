// An rspack loader for @nestjs/common's two logger files (rspack.config.mjs). Each builds an Intl.DateTimeFormat
// when it loads, to stamp Nest's console lines; the first Intl object makes V8 read ICU's locale data, about 5 MB
// of the node binary's pages that then stay resident in every sidecar, which never writes such a line (our logger
// is pino's JSON). The loader makes that one formatter lazy: built on the first `format` call, the same options,
// the same output. Nothing else in the files changes; if Nest words the line differently, the build warns.
const EAGER_FORMATTER = /^const dateTimeFormatter = new Intl\.DateTimeFormat\(([^;]*)\);$/m;

module.exports = function lazyDateFormat(source) {
  const match = EAGER_FORMATTER.exec(source);
  if (!match) {
    this.emitWarning(new Error('no eager Intl.DateTimeFormat found: ICU data is loaded at start-up again'));
    return source;
  }
  const lazy =
    'let dateTimeFormatterInstance;\n' +
    'const dateTimeFormatter = { format: (date) => ' +
    `(dateTimeFormatterInstance ??= new Intl.DateTimeFormat(${match[1]})).format(date) };`;
  return source.replace(EAGER_FORMATTER, () => lazy);
};
