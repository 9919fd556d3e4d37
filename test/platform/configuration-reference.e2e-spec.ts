import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_FILE,
  renderConfigReference,
  renderConfigReferenceFromFile,
  SCHEMA_FILE,
} from '../../scripts/lib/config-reference.mjs';

// docs/configuration-keys.md is generated from appsettings.schema.json, which a unit test holds to the
// configuration code (libs/config/src/appsettings-schema.spec.ts): so the reference lists what the code reads.
describe('the configuration key reference (docs/configuration-keys.md)', () => {
  it('should be what `npm run docs:config` renders from appsettings.schema.json', () => {
    // Act
    const rendered = renderConfigReferenceFromFile();

    // Assert
    expect(readFileSync(REFERENCE_FILE, 'utf8')).toBe(rendered);
  });

  it('should list every key with its environment form and default, and change when the schema does', () => {
    // Arrange
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
      properties: { Sidecar: { properties: Record<string, unknown> } };
    };

    // Act
    const before = renderConfigReference(schema);
    schema.properties.Sidecar.properties.NewSwitch = { type: 'boolean', default: true, description: 'New.' };
    const after = renderConfigReference(schema);

    // Assert
    expect(before).toContain(
      '| `Kestrel:Limits:KeepAliveTimeout` | `Kestrel__Limits__KeepAliveTimeout` | `00:02:10` |',
    );
    expect(before).toContain('| `urls` | `ASPNETCORE_URLS` | — |');
    expect(before).toContain('| `DownstreamApis:<Name>:BaseUrl` | `DownstreamApis__<Name>__BaseUrl` | — |');
    expect(after).toContain('| `Sidecar:NewSwitch` | `Sidecar__NewSwitch` | `true` | New. |');
  });
});
