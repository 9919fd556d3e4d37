// ASP.NET writes dates in descriptions with DateTime.ToString() under the invariant culture: MM/dd/yyyy HH:mm:ss.
const two = (value: number): string => String(value).padStart(2, '0');

/** `exp`/`nbf` seconds as the reference prints them in `error_description` (UTC). */
export function referenceDate(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  if (Number.isNaN(date.getTime())) return String(epochSeconds);
  return (
    `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`
  );
}
