import { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PageLinksDto {
  @ApiProperty({ example: 'http://localhost:3000/v1/bodies/musterstadt/sessions?limit=20' })
  self!: string;

  @ApiPropertyOptional({ description: 'Absent on the last page', example: 'http://localhost:3000/v1/bodies/musterstadt/sessions?limit=20&cursor=WyIyMDI1…' })
  next?: string;
}

export interface Page<T> {
  data: T[];
  links: { self: string; next?: string };
}

/** Declares `{ data: Item[], links }` for OpenAPI under a stable name. */
export function PageOf<T>(item: Type<T>, name: string): Type<Page<T>> {
  class PageDto {
    @ApiProperty({ type: [item] })
    data!: T[];

    @ApiProperty({ type: PageLinksDto })
    links!: PageLinksDto;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
