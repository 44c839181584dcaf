import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CockpitExportService } from '@lc/cockpit';
import type { Actor } from '@lc/identity';
import { Authenticated, CurrentActor } from '../auth/access.decorators';
import { CockpitExportQuery } from './export.dto';

/** Every table of the cockpit as a file people open in Excel. */
@ApiTags('cockpit')
@Controller('cockpit')
export class CockpitExportController {
  constructor(private readonly exports: CockpitExportService) {}

  @Authenticated()
  @Get('export')
  @ApiOperation({
    summary:
      'A cockpit table as CSV or XLSX (Thai headers above English ones, numbers as numbers): report=summary, ' +
      'breakdown, timeseries (with the parameters of that read), activity-plans or indicator-18 (fiscalYear). The same scope ' +
      'rules as the reads: 403 COCKPIT_SCOPE_FORBIDDEN out of scope.',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file, as an attachment', schema: { type: 'string', format: 'binary' } })
  async export(@CurrentActor() actor: Actor, @Query() query: CockpitExportQuery) {
    const file = await this.exports.export(actor, query);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
      length: file.body.length,
    });
  }
}
