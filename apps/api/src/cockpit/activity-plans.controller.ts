import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActivityEvidenceService, ActivityPlansService, EVIDENCE_TYPES, evidenceError } from '@lc/cockpit';
import { Actor } from '@lc/identity';
import { attachmentDisposition } from '@lc/innovations';
import { CurrentActor, Roles } from '../auth/access.decorators';
import { receiveUpload } from '../innovations/multipart-upload';
import {
  ActivityPlanSummaryQuery,
  ActivityPlansQuery,
  CreateActivityPlanDto,
  CursorOnlyQuery,
  ReportActivityPlanDto,
  UpdateActivityPlanDto,
} from './activity-plans.dto';
import {
  ActivityEvidenceResponse,
  ActivityPlanPageResponse,
  ActivityPlanResponse,
  ActivityPlanSummaryResponse,
  ActivityReportPageResponse,
} from './activity-plans.responses';

const SCOPE_NOTE =
  'Area admins of the plan’s area and OBEC admins; another area → 403 COCKPIT_SCOPE_FORBIDDEN';

/** Area activity plans and reports (seed 000, 004): what an area office plans, then reports, with evidence. */
@ApiTags('cockpit')
@Controller()
export class ActivityPlansController {
  constructor(
    private readonly plans: ActivityPlansService,
    private readonly evidence: ActivityEvidenceService,
  ) {}

  @Roles('area_admin', 'obec_admin')
  @Post('areas/:id/activity-plans')
  @ApiOperation({
    summary:
      'Plan an Active Learning exchange activity of the area for a fiscal year: title, level (area, or school with ' +
      'a school of the area), dates within the fiscal year, target participants by role, budget in baht. ' +
      SCOPE_NOTE,
  })
  @ApiCreatedResponse({ type: ActivityPlanResponse })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) areaId: string,
    @Body() body: CreateActivityPlanDto,
  ) {
    return this.plans.create(actor, areaId, body);
  }

  @Roles('area_admin', 'obec_admin')
  @Get('areas/:id/activity-plans')
  @ApiOperation({ summary: `The area's plans of a fiscal year, by start date. ${SCOPE_NOTE}` })
  @ApiOkResponse({ type: ActivityPlanPageResponse })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) areaId: string,
    @Query() query: ActivityPlansQuery,
  ) {
    return this.plans.list(actor, areaId, query.fiscalYear, query.cursor);
  }

  @Roles('area_admin', 'obec_admin')
  @Get('activity-plans/summary')
  @ApiOperation({
    summary:
      'Target against actual participants per area and in total for a fiscal year, flagging areas below 500 ' +
      '(scope=national for OBEC admins, scope=area:<id> for its area admins)',
  })
  @ApiOkResponse({ type: ActivityPlanSummaryResponse })
  summary(@CurrentActor() actor: Actor, @Query() query: ActivityPlanSummaryQuery) {
    return this.plans.summary(actor, query.scope, query.fiscalYear);
  }

  @Roles('area_admin', 'obec_admin')
  @Get('activity-plans/:id')
  @ApiOperation({ summary: `A plan with its current report and evidence. ${SCOPE_NOTE}` })
  @ApiOkResponse({ type: ActivityPlanResponse })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.get(actor, id);
  }

  @Roles('area_admin', 'obec_admin')
  @Patch('activity-plans/:id')
  @ApiOperation({ summary: `Change a plan; the whole plan is checked again. Audited. ${SCOPE_NOTE}` })
  @ApiOkResponse({ type: ActivityPlanResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateActivityPlanDto,
  ) {
    return this.plans.update(actor, id, body);
  }

  @Roles('area_admin', 'obec_admin')
  @Delete('activity-plans/:id')
  @HttpCode(204)
  @ApiOperation({
    summary: `Delete a plan not yet reported, with its evidence (409 ACTIVITY_PLAN_REPORTED once reported). ${SCOPE_NOTE}`,
  })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.plans.remove(actor, id);
  }

  @Roles('area_admin', 'obec_admin')
  @Post('activity-plans/:id/report')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Report the actuals (participants by role, classroom supervision visits, budget spent, notes), or correct ' +
      'them: the report is replaced whole and every earlier one kept in its history. Audited. ' +
      SCOPE_NOTE,
  })
  @ApiOkResponse({ type: ActivityPlanResponse })
  report(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReportActivityPlanDto,
  ) {
    return this.plans.report(actor, id, body);
  }

  @Roles('area_admin', 'obec_admin')
  @Get('activity-plans/:id/report/revisions')
  @ApiOperation({ summary: `Every report of a plan, the current one first. ${SCOPE_NOTE}` })
  @ApiOkResponse({ type: ActivityReportPageResponse })
  revisions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CursorOnlyQuery,
  ) {
    return this.plans.revisions(actor, id, query.cursor);
  }

  @Roles('area_admin', 'obec_admin')
  @Post('activity-plans/:id/evidence')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary:
      'Attach an evidence file: a PDF, JPEG or PNG of at most 10 MB, its type read from the content ' +
      '(415 ACTIVITY_EVIDENCE_UNSUPPORTED_TYPE, 413 ACTIVITY_EVIDENCE_TOO_LARGE), at most 20 a plan. ' +
      SCOPE_NOTE,
  })
  @ApiCreatedResponse({ type: ActivityEvidenceResponse })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // Refused before a byte of the file is read.
    await this.evidence.assertMayUpload(actor, id);
    const { file } = await receiveUpload(
      request,
      reply,
      this.evidence.limits,
      (stream, fileName) => this.evidence.stage(stream, fileName),
      (staged) => this.evidence.discard(staged),
    ).catch((error: unknown) => {
      throw evidenceError(error);
    });
    return this.evidence.record(actor, id, file);
  }

  @Roles('area_admin', 'obec_admin')
  @Get('activity-plans/:id/evidence/:evidenceId')
  @ApiOperation({
    summary: `Download an evidence file (always as a file, never shown inline). ${SCOPE_NOTE}`,
  })
  @ApiProduces(...EVIDENCE_TYPES)
  @ApiOkResponse({ description: 'The file, as an attachment', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.evidence.open(actor, id, evidenceId);
    // The bytes with their recognised type; browsers must neither guess another type nor run them.
    void reply
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-cache');
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: attachmentDisposition(file.fileName),
      length: file.size,
    });
  }

  @Roles('area_admin', 'obec_admin')
  @Delete('activity-plans/:id/evidence/:evidenceId')
  @HttpCode(204)
  @ApiOperation({ summary: `Remove an evidence file. Audited. ${SCOPE_NOTE}` })
  @ApiNoContentResponse()
  async removeEvidence(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
  ) {
    await this.evidence.remove(actor, id, evidenceId);
  }
}
