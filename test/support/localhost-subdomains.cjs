// Preload (--require) for tests that send a sidecar to a regional host: resolves every `<name>.localhost` to
// 127.0.0.1. RFC 6761 §6.3 makes these loopback names, and systemd-resolved answers them so, but glibc's plain
// `files dns` lookup (this machine, most containers) does not. Only the name lookup is replaced, at the network
// edge; the connection, TLS and HTTP stay real. Other names go to Node's own lookup.
const dns = require('node:dns');

const LOOPBACK_NAME = /\.localhost\.?$/i;
const lookup = dns.lookup;

dns.lookup = function lookupLocalhostSubdomains(hostname, options, callback) {
  if (typeof hostname !== 'string' || !LOOPBACK_NAME.test(hostname)) return lookup.apply(this, arguments);
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all === true;
  process.nextTick(() =>
    all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4),
  );
};
