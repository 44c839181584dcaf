import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ResearchService } from '@lc/cockpit';
import { Actor } from '@lc/identity';
import { CurrentActor, Roles } from '../auth/access.decorators';
import { ResearchExtractQuery } from './research.dto';
import { ResearchDictionaryResponse } from './research.responses';

@ApiTags('cockpit')
@Controller('cockpit/research-extract')
export class ResearchController {
  constructor(private readonly research: ResearchService) {}

  @Roles('obec_admin')
  @Get('dictionary')
  @ApiOperation({ summary: 'The codebook of the research datasets: every column, in Thai and English' })
  @ApiOkResponse({ type: ResearchDictionaryResponse })
  dictionary() {
    return this.research.dictionary();
  }

  @Roles('obec_admin')
  @Get()
  @ApiOperation({
    summary:
      'A de-identified dataset for a period (CSV): pseudonymous members, no names, e-mail or free text, places of ' +
      'groups under 5 people generalised, counts under 5 written as "<5"; every download is audited',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 CSV with a BOM, one row a line', schema: { type: 'string' } })
  async extract(@CurrentActor() actor: Actor, @Query() query: ResearchExtractQuery) {
    const extract = await this.research.extract(actor, query.dataset, query.from, query.to);
    return new StreamableFile(Readable.from(extract.chunks), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${extract.filename}"`,
    });
  }
}
