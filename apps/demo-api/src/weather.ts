import type { JWTPayload } from 'jose';

/** One day of the forecast. */
export interface ForecastDay {
  readonly date: string;
  readonly temperatureC: number;
  readonly temperatureF: number;
  readonly summary: string;
}

const SUMMARIES = ['Freezing', 'Bracing', 'Chilly', 'Cool', 'Mild', 'Warm', 'Balmy', 'Hot', 'Sweltering'];
const DAY_MS = 86_400_000;

/** A stable three-day forecast from `from`: the same day always gets the same weather. */
export function forecast(from: Date, days = 3): ForecastDay[] {
  const firstDay = Math.floor(from.getTime() / DAY_MS);
  return Array.from({ length: days }, (_, offset) => {
    const day = firstDay + offset + 1;
    const temperatureC = ((day * 7) % 45) - 10;
    return {
      date: new Date(day * DAY_MS).toISOString().slice(0, 10),
      temperatureC,
      temperatureF: 32 + Math.round(temperatureC * 1.8),
      summary: SUMMARIES[Math.min(SUMMARIES.length - 1, Math.floor((temperatureC + 10) / 5))],
    };
  });
}

const CALLER_CLAIMS = [
  'idtyp',
  'oid',
  'name',
  'preferred_username',
  'upn',
  'tid',
  'azp',
  'appid',
  'xms_par_app_azp',
  'scp',
  'roles',
] as const;

/** Who called: the claims that show the token chain (user, calling app, agent blueprint), when present. */
export function describeCaller(claims: JWTPayload): Record<string, unknown> {
  return Object.fromEntries(
    CALLER_CLAIMS.filter((name) => claims[name] !== undefined).map((name) => [name, claims[name]]),
  );
}
