import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { ApiDeferred, ApiOperation, ApiProperty, ApiTags, loadOpenApiMetadata } from './deferred-decorators';

// @nestjs/swagger's own metadata keys, as its document scanner reads them.
const MODEL_PROPERTIES = 'swagger/apiModelPropertiesArray';
const OPERATION = 'swagger/apiOperation';
const TAGS = 'swagger/apiUseTags';

describe('deferred OpenAPI decorators', () => {
  it('should record decorations and apply them, in order, once @nestjs/swagger is loaded', async () => {
    // Arrange
    class Answer {
      @ApiProperty({ description: 'first' })
      first!: string;

      @ApiProperty({ description: 'second' })
      second!: number;
    }
    @ApiTags('things')
    class ThingsController {
      @ApiOperation({ operationId: 'GetThing' })
      get(): void {}
    }
    const recorded = {
      properties: Reflect.getMetadata(MODEL_PROPERTIES, Answer.prototype) as unknown,
      operation: Reflect.getMetadata(OPERATION, ThingsController.prototype.get) as unknown,
    };

    // Act
    await loadOpenApiMetadata();

    // Assert
    expect(recorded).toEqual({ properties: undefined, operation: undefined });
    expect(Reflect.getMetadata(MODEL_PROPERTIES, Answer.prototype)).toEqual([':first', ':second']);
    expect(Reflect.getMetadata(OPERATION, ThingsController.prototype.get)).toMatchObject({
      operationId: 'GetThing',
    });
    expect(Reflect.getMetadata(TAGS, ThingsController)).toEqual(['things']);
  });

  it('should build a deferred decorator from the loaded module', async () => {
    // Arrange
    class Thing {}
    class ThingController {
      @ApiDeferred((swagger) => swagger.ApiOperation({ description: swagger.getSchemaPath(Thing) }))
      get(): void {}
    }

    // Act
    await loadOpenApiMetadata();

    // Assert
    expect(Reflect.getMetadata(OPERATION, ThingController.prototype.get)).toMatchObject({
      description: '#/components/schemas/Thing',
    });
  });
});
