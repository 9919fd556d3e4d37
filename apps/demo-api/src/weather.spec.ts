import { describe, expect, it } from 'vitest';
import { describeCaller, forecast } from './weather';

describe('forecast', () => {
  it('should give the same three days for the same date, starting tomorrow', () => {
    // Arrange
    const today = new Date('2026-11-26T10:00:00Z');

    // Act
    const days = forecast(today);

    // Assert
    expect(days.map((day) => day.date)).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
    expect(forecast(new Date('2026-11-26T23:00:00Z'))).toEqual(days);
    for (const day of days) expect(day.temperatureF).toBe(32 + Math.round(day.temperatureC * 1.8));
  });
});

describe('describeCaller', () => {
  it('should keep only the claims that tell who called', () => {
    // Act
    const caller = describeCaller({ oid: 'o', azp: 'a', xms_par_app_azp: 'b', aud: 'x', aio: 'noise' });

    // Assert
    expect(caller).toEqual({ oid: 'o', azp: 'a', xms_par_app_azp: 'b' });
  });
});
