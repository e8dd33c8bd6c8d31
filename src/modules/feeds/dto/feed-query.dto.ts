import { PickType } from '@nestjs/swagger';
import { TextField, UuidField } from '../../../common/dto/fields';
import { SearchQueryDto } from '../../search/dto/search-query.dto';

export class SessionFeedQueryDto {
  @UuidField({ optional: true, description: 'Only the sessions of this committee' })
  committee?: string;
}

export class DocumentFeedQueryDto {
  @UuidField({ optional: true, description: 'Only documents this committee consults, authored or is in charge of' })
  committee?: string;

  @TextField({ optional: true, max: 200, description: 'Only documents of this type', example: 'Antrag' })
  document_type?: string;
}

/** A saved search: the words and filters of `GET /v1/bodies/{body}/search`; the newest hits come first. */
export class SearchFeedQueryDto extends PickType(SearchQueryDto, ['q', 'type', 'committee', 'document_type'] as const) {}
