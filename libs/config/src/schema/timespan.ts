// .NET TimeSpan text `[d.]hh:mm[:ss[.fffffff]]`; a plain number is taken as seconds (our extension).
const TIMESPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
const SECONDS = /^\d+(\.\d+)?$/;

/** Milliseconds for a TimeSpan or seconds text, or undefined when it is neither. */
export function parseDurationMs(text: string): number | undefined {
  const value = text.trim();
  if (SECONDS.test(value)) return Math.round(Number(value) * 1000);
  const match = TIMESPAN.exec(value);
  if (!match) return undefined;
  const [, days = '0', hours, minutes, seconds = '0', fraction = '0'] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  const totalSeconds = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
  return totalSeconds * 1000 + Math.round(Number(`0.${fraction}`) * 1000);
}
