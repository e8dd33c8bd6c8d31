import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateIf } from 'class-validator';
import { FieldKey, Params, validatorMessage } from '../../../common/http/problem-texts';

const MAX_PROPERTIES_BYTES = 4096;
const FEATURE_KEYS = new Set(['type', 'geometry', 'properties', 'id']);
const GEOMETRY_KEYS = new Set(['type', 'coordinates']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why `value` is not a GeoJSON Feature with a Point geometry at `[lon, lat]`, or null when it
 * is one. Foreign members are refused so that only what readers can rely on is stored.
 */
export function geoJsonPointProblem(value: unknown): { text: FieldKey; params?: Params } | null {
  if (!isPlainObject(value)) return { text: 'geojson_not_feature' };
  const unknown = Object.keys(value).filter((key) => !FEATURE_KEYS.has(key));
  if (unknown.length) return { text: 'geojson_unknown_members', params: { names: unknown.join(', ') } };
  if (value.type !== 'Feature') return { text: 'geojson_type' };
  if (value.id !== undefined && typeof value.id !== 'string' && typeof value.id !== 'number') return { text: 'geojson_id' };
  if (value.properties !== undefined && value.properties !== null) {
    if (!isPlainObject(value.properties)) return { text: 'geojson_properties' };
    if (Buffer.byteLength(JSON.stringify(value.properties)) > MAX_PROPERTIES_BYTES) return { text: 'geojson_properties_size', params: { max: MAX_PROPERTIES_BYTES } };
  }
  const geometry = value.geometry;
  if (!isPlainObject(geometry)) return { text: 'geojson_geometry' };
  if (Object.keys(geometry).some((key) => !GEOMETRY_KEYS.has(key))) return { text: 'geojson_geometry_members' };
  if (geometry.type !== 'Point') return { text: 'geojson_point' };
  const coordinates = geometry.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length !== 2 || !coordinates.every((c) => typeof c === 'number' && Number.isFinite(c))) {
    return { text: 'geojson_coordinates' };
  }
  const [lon, lat] = coordinates as [number, number];
  if (lon < -180 || lon > 180) return { text: 'geojson_longitude' };
  if (lat < -90 || lat > 90) return { text: 'geojson_latitude' };
  return null;
}

const EXAMPLE = { type: 'Feature', geometry: { type: 'Point', coordinates: [7.4653, 51.5136] }, properties: { name: 'Rathaus Musterstadt' } };

/** A GeoJSON Feature with a Point geometry, validated and documented; null clears it. */
export function GeoJsonPointField(options: { optional?: boolean; nullable?: boolean } = {}): PropertyDecorator {
  const api = options.optional ? ApiPropertyOptional : ApiProperty;
  return applyDecorators(
    api({
      type: 'object',
      nullable: options.nullable || undefined,
      description: 'GeoJSON Feature with a Point geometry; coordinates are [lon, lat] (WGS 84)',
      example: EXAMPLE,
      required: ['type', 'geometry'],
      properties: {
        type: { type: 'string', enum: ['Feature'] },
        geometry: {
          type: 'object',
          required: ['type', 'coordinates'],
          properties: {
            type: { type: 'string', enum: ['Point'] },
            coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[longitude, latitude]' },
          },
        },
        properties: { type: 'object', nullable: true, additionalProperties: true },
        id: { oneOf: [{ type: 'string' }, { type: 'number' }] },
      },
    }),
    // Kept as sent: class-transformer would otherwise rebuild the object.
    Transform(({ value }: { value: unknown }) => value),
    options.nullable ? ValidateIf((_, v) => v !== undefined && v !== null) : IsOptional(),
    ValidateBy({
      name: 'isGeoJsonPoint',
      validator: {
        validate: (value: unknown) => geoJsonPointProblem(value) === null,
        defaultMessage: (args) => {
          const problem = geoJsonPointProblem(args?.value);
          return problem ? validatorMessage(problem.text, problem.params) : validatorMessage('invalid_value');
        },
      },
    }),
  );
}
