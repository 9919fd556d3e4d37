// How the tour prints: tokens abbreviated, noisy claims folded, JSON indented under its request.
import { KNOWN_IDS } from './demo-config.mjs';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
export const bold = paint(1);
export const dim = paint(2);
export const green = paint(32);
export const red = paint(31);
export const cyan = paint(36);

const JWT = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/;
// Claims that are random per token and say nothing to a reader.
const NOISE_CLAIMS = new Set(['aio', 'rh', 'uti', 'sid', 'azpacr', 'appidacr', 'xms_ftd']);

/** `eyJ0eXAi…(1234 chars)`: enough to recognise a JWT, never enough to use it. */
export function abbreviateToken(token) {
  return `${token.slice(0, 8)}…(${token.length} chars)`;
}

function shortenString(value) {
  if (JWT.test(value)) return abbreviateToken(value);
  const scheme = /^(Bearer|PoP|pop) (eyJ\S+)$/.exec(value);
  if (scheme) return `${scheme[1]} ${abbreviateToken(scheme[2])}`;
  return value.length > 100 ? `${value.slice(0, 80)}…(${value.length} chars)` : value;
}

/** A copy for display: tokens abbreviated, long arrays cut, per-token noise claims folded into one line. */
export function shorten(value) {
  if (typeof value === 'string') return shortenString(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, 4).map(shorten);
    return value.length > 4 ? [...shown, `… ${value.length - 4} more`] : shown;
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const noise = entries.filter(([key]) => NOISE_CLAIMS.has(key)).map(([key]) => key);
  const kept = entries.filter(([key]) => !NOISE_CLAIMS.has(key)).map(([key, item]) => [key, shorten(item)]);
  if (noise.length > 0) kept.push(['…', `${noise.join(', ')} not shown`]);
  return Object.fromEntries(kept);
}

const INLINE_WIDTH = 90;

function inline(value) {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value);
}

// Like JSON.stringify(value, null, 2), but nested arrays and objects that fit on one line stay on one line.
function pretty(value, indent, nested) {
  const flat = inline(value);
  if (value === null || typeof value !== 'object' || (nested && flat.length <= INLINE_WIDTH)) return flat;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => inner + pretty(item, inner, true))
    : Object.entries(value).map(
        ([key, item]) => `${inner}${JSON.stringify(key)}: ${pretty(item, inner, true)}`,
      );
  if (items.length === 0) return flat;
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

/** Pretty, shortened JSON, each line indented. */
export function indentJson(value, indent = '    ') {
  return indent + pretty(shorten(value), indent, false);
}

/** The payload of a compact JWT, or undefined. Display only: the sidecar and the demo API do the verifying. */
export function decodeClaims(token) {
  const payload = typeof token === 'string' ? token.replace(/^\S+ /, '').split('.')[1] : undefined;
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `  azp  57e510a2-…  (demo-sidecar, the agent blueprint)` lines for the named claims present. */
export function claimLines(claims, names, indent = '      ') {
  const present = names.filter((name) => claims?.[name] !== undefined);
  const width = Math.max(...present.map((name) => name.length));
  return present.map((name) => {
    const value = claims[name];
    const text = Array.isArray(value)
      ? value.join(', ')
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value);
    const known = KNOWN_IDS[value];
    return `${indent}${name.padEnd(width)}  ${text}${known ? dim(`  (${known})`) : ''}`;
  });
}
