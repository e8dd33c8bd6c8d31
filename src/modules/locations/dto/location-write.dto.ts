import { PublishField, TextField } from '../../../common/dto/fields';
import { GeoJsonPointField } from './geojson.field';

export class CreateLocationDto {
  @TextField({ optional: true, nullable: true, multiline: true, max: 500, example: 'Rathaus, Ratssaal' })
  description?: string | null;

  @TextField({ optional: true, nullable: true, max: 300, example: 'Marktplatz 1' })
  streetAddress?: string | null;

  @TextField({ optional: true, nullable: true, max: 100, example: 'Raum 101' })
  room?: string | null;

  @TextField({ optional: true, nullable: true, max: 20, example: '12345' })
  postalCode?: string | null;

  @TextField({ optional: true, nullable: true, max: 200, example: 'Altstadt' })
  subLocality?: string | null;

  @TextField({ optional: true, nullable: true, max: 200, example: 'Musterstadt' })
  locality?: string | null;

  @GeoJsonPointField({ optional: true, nullable: true })
  geojson?: Record<string, unknown> | null;

  @PublishField()
  publish?: boolean;
}

export class UpdateLocationDto {
  @TextField({ optional: true, nullable: true, multiline: true, max: 500 })
  description?: string | null;

  @TextField({ optional: true, nullable: true, max: 300 })
  streetAddress?: string | null;

  @TextField({ optional: true, nullable: true, max: 100 })
  room?: string | null;

  @TextField({ optional: true, nullable: true, max: 20 })
  postalCode?: string | null;

  @TextField({ optional: true, nullable: true, max: 200 })
  subLocality?: string | null;

  @TextField({ optional: true, nullable: true, max: 200 })
  locality?: string | null;

  @GeoJsonPointField({ optional: true, nullable: true })
  geojson?: Record<string, unknown> | null;
}
