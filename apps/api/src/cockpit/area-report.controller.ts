import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AreaReportService } from '@lc/cockpit';
import type { Actor } from '@lc/identity';
import { Authenticated, CurrentActor } from '../auth/access.decorators';
import { AreaReportQuery } from './area-report.dto';

/** The printable area report (seed 004's report of targets against actuals), made by the worker. */
@ApiTags('cockpit')
@Controller('cockpit')
export class AreaReportController {
  constructor(private readonly reports: AreaReportService) {}

  @Authenticated()
  @Get('area-report')
  @ApiOperation({
    summary:
      "An area's report for a fiscal year as a PDF in Thai: targets against actuals by role and the 500-participant " +
      'minimum, budget, supervision visits, indicator 18 with its definition, the KPIs, monthly charts and top ' +
      "innovations. The area's admins and OBEC admins; others 403 COCKPIT_SCOPE_FORBIDDEN; 503 when no worker prints.",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  async report(@CurrentActor() actor: Actor, @Query() query: AreaReportQuery) {
    const file = await this.reports.render(actor, query.areaId, query.fiscalYear);
    return new StreamableFile(file.pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="${file.filename}"`,
      length: file.pdf.length,
    });
  }
}
