import { describe, expect, it } from 'vitest';
import { ConfigurationTree } from './configuration-tree';

describe('ConfigurationTree', () => {
  it('should look keys up case-insensitively', () => {
    // Arrange
    const tree = ConfigurationTree.fromLayers([[['AzureAd:ClientId', 'abc']]]);

    // Act
    const value = tree.get('AZUREAD:clientid');

    // Assert
    expect(value).toBe('abc');
  });

  it('should let a later layer win while keeping the first-seen casing', () => {
    // Arrange
    const layers = [
      [['DownstreamApis:Graph:BaseUrl', 'https://a']],
      [['DOWNSTREAMAPIS:GRAPH:BASEURL', 'https://b']],
    ] as const;

    // Act
    const tree = ConfigurationTree.fromLayers(layers);

    // Assert
    expect(tree.get('downstreamapis:graph:baseurl')).toBe('https://b');
    expect([...tree]).toEqual([['DownstreamApis:Graph:BaseUrl', 'https://b']]);
  });

  it('should list child keys with indices first in numeric order, then names in source order', () => {
    // Arrange
    const tree = ConfigurationTree.fromLayers([
      [
        ['S:Zeta', '1'],
        ['S:10', 'x'],
        ['S:2', 'y'],
        ['S:alpha:Deep', 'z'],
        ['S:ZETA', 'again'],
      ],
    ]);

    // Act
    const children = tree.childKeys('s');

    // Assert
    expect(children).toEqual(['2', '10', 'Zeta', 'alpha']);
    expect(tree.childKeys()).toEqual(['S']);
  });

  it('should rebuild nested values, turning all-index children into arrays in index order', () => {
    // Arrange
    const tree = ConfigurationTree.fromLayers([
      [
        ['A:List:1:Name', 'second'],
        ['A:List:0:Name', 'first'],
        ['A:Map:Key', 'value'],
        ['A:Empty', ''],
      ],
    ]);

    // Act
    const value = tree.toValue('a');

    // Assert
    expect(value).toEqual({
      List: [{ Name: 'first' }, { Name: 'second' }],
      Map: { Key: 'value' },
      Empty: '',
    });
    expect(tree.toValue('missing')).toBeUndefined();
  });
});
