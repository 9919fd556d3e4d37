import { describe, expect, it } from 'vitest';
import { loggingSchema } from './logging.schema';
import { parseSection } from './parse-section';

describe('loggingSchema', () => {
  it('should default to info, with request lines at warn like the reference image ships', () => {
    // Arrange / Act
    const result = parseSection(loggingSchema, undefined, 'Logging');

    // Assert
    expect(result.ok && result.value).toEqual({ level: 'info', requestLevel: 'warn' });
  });

  it('should take the request-line level from the Microsoft.AspNetCore category', () => {
    // Arrange / Act
    const result = parseSection(
      loggingSchema,
      { LogLevel: { Default: 'Warning', 'microsoft.aspnetcore': 'Information' } },
      'Logging',
    );

    // Assert
    expect(result.ok && result.value).toEqual({ level: 'warn', requestLevel: 'info' });
  });

  it('should map every ASP.NET level name, in any casing, to pino', () => {
    // Arrange
    const names = ['trace', 'DEBUG', 'Information', 'warning', 'Error', 'critical', 'None'];

    // Act
    const levels = names.map((name) => {
      const result = parseSection(loggingSchema, { LogLevel: { Default: name } }, 'Logging');
      return result.ok ? result.value.level : undefined;
    });

    // Assert
    expect(levels).toEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);
  });

  it('should report an unknown level', () => {
    // Arrange / Act
    const result = parseSection(loggingSchema, { loglevel: { default: 'constructor' } }, 'Logging');

    // Assert
    expect(result.ok ? [] : result.problems).toEqual([
      {
        key: 'Logging:LogLevel:Default',
        reason: "must be one of Trace, Debug, Information, Warning, Error, Critical, None, not 'constructor'",
      },
    ]);
  });
});
