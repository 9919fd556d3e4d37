import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-arguments';

describe('parseCliArguments', () => {
  it("should default to docker-compose.yml's port and the emulator's demo tenant", () => {
    // Act
    const args = parseCliArguments([]);

    // Assert
    expect(args).toEqual({
      port: 5080,
      authority: 'https://localhost:5443/60ff808b-9e0d-4853-bd0c-ae6ac7c0b838/v2.0',
      audiences: ['api://c50b640e-e5f1-4e72-b3bf-1745d6e4be00', 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00'],
    });
  });

  it('should let flags win over the environment and add /v2.0 to a tenant authority', () => {
    // Arrange
    const env = {
      DEMO_API_PORT: '6000',
      DEMO_API_AUTHORITY: 'https://localhost:1/env',
      DEMO_API_AUDIENCE: 'a,b',
    };

    // Act
    const args = parseCliArguments(
      ['--port', '7000', '--authority', 'https://localhost:2/t/', '--audience', 'c'],
      env,
    );

    // Assert
    expect(args).toEqual({ port: 7000, authority: 'https://localhost:2/t/v2.0', audiences: ['c'] });
  });

  it.each([
    [['--port', 'x'], /--port must be a port number/],
    [['--port', '70000'], /--port must be a port number/],
    [['--authority', 'not a url'], /--authority must be an absolute URL/],
    [['--audience', ' , '], /at least one audience/],
    [['--colour', 'blue'], /Unknown option --colour/],
    [['--port'], /--port needs a value/],
  ])('should refuse %j with a usage message', (argv, message) => {
    // Act / Assert
    expect(() => parseCliArguments(argv)).toThrow(message);
  });
});
