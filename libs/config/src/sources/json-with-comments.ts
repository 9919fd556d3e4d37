// ASP.NET reads appsettings with JsonDocumentOptions { CommentHandling = Skip, AllowTrailingCommas = true },
// so shipped templates often carry `//` comments and trailing commas. Strip both, leaving strings untouched
// and keeping character positions stable for error messages.
//
// Ours rather than jsonc-parser (issue 19 weighed the swap): a build that only loaded jsonc-parser at start-up
// answered cache hits slower for the life of the process. Alternating `npm run bench -- --scenario
// token-app-cache-hit --scenario validate-repeated` with `--sidecar-main` at each build (2026-12-07): cached
// app token 0.61 and 0.65 with it, 0.68 and 0.69 without; /Validate repeated 0.61 and 0.61 with it, 0.69 and
// 0.70 without. The bench sidecar reads no appsettings file, so the parser never ran: loading it was enough
// (an ad-hoc A/B of the older build with and without a preloaded `require('jsonc-parser')` said the same).
// Why loading it costs that is not known; until it is, 40 lines of stripper cost nothing on any request.
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (char === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      out += ' '.repeat(i - out.length);
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      out += text.slice(out.length, i).replace(/[^\n]/g, ' ');
    } else if (char === ',' && /^\s*[}\]]/.test(stripLeadingComments(text.slice(i + 1)))) {
      out += ' ';
      i += 1;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

function stripLeadingComments(rest: string): string {
  return rest.replace(/^(\s*(\/\/[^\n]*\n?|\/\*[\s\S]*?\*\/))*/, '');
}
