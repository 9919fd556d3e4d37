import { describe, expect, it } from 'vitest';
import { readCommandLineSource } from './command-line.source';

describe('readCommandLineSource', () => {
  it('should accept every ASP.NET argument form and __ as a separator', () => {
    // Arrange
    const argv = [
      '--A:One=1',
      '--A:Two',
      '2',
      '/A:Three=3',
      '/A:Four',
      '4',
      'A:Five=5',
      '--A__Six=6',
      'bare',
    ];

    // Act
    const result = readCommandLineSource(argv);

    // Assert
    expect(result.entries).toEqual([
      ['A:One', '1'],
      ['A:Two', '2'],
      ['A:Three', '3'],
      ['A:Four', '4'],
      ['A:Five', '5'],
      ['A:Six', '6'],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('should keep everything after the first = as the value and ignore a trailing key without value', () => {
    // Arrange
    const argv = ['--Query=a=b', '--Dangling'];

    // Act
    const result = readCommandLineSource(argv);

    // Assert
    expect(result.entries).toEqual([['Query', 'a=b']]);
  });

  it('should report a short switch with a value, which .NET rejects without switch mappings', () => {
    // Arrange
    const argv = ['-k=v', '-x', 'ignored'];

    // Act
    const result = readCommandLineSource(argv);

    // Assert
    expect(result.entries).toEqual([]);
    expect(result.problems).toEqual([
      { key: '-k', reason: 'short switches are not supported; write --Section:Key=value' },
    ]);
  });
});
