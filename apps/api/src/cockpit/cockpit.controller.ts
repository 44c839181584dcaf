import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CockpitService } from '@lc/cockpit';
import type { Actor } from '@lc/identity';
import { Authenticated, CurrentActor } from '../auth/access.decorators';
import {
  CockpitBreakdownQuery,
  CockpitIndicator18Query,
  CockpitPeriodQuery,
  CockpitTimeseriesQuery,
} from './cockpit.dto';
import {
  CockpitBreakdownResponse,
  CockpitIndicator18Response,
  CockpitSummaryResponse,
  CockpitTimeseriesResponse,
} from './cockpit.responses';

const SCOPE_NOTE =
  'OBEC admins see every scope, area admins their area and its schools, school admins their school; anyone else ' +
  '403 COCKPIT_SCOPE_FORBIDDEN.';

/**
 * The cockpit's reads (ค็อกพิท): KPIs with their definitions, breakdowns, time series and indicator 18. Signed-in
 * members reach the service, which decides the scope (so a member without an admin role gets the cockpit's own 403).
 */
@ApiTags('cockpit')
@Controller('cockpit')
export class CockpitController {
  constructor(private readonly cockpit: CockpitService) {}

  @Authenticated()
  @Get('summary')
  @ApiOkResponse({ type: CockpitSummaryResponse })
  @ApiOperation({
    summary: `Every KPI for a scope and period (default: this fiscal year to date), with the previous period of the same length and each KPI's definition. ${SCOPE_NOTE}`,
  })
  async summary(@CurrentActor() actor: Actor, @Query() query: CockpitPeriodQuery) {
    const scope = await this.cockpit.authorise(actor, query.scope);
    return this.cockpit.summary(scope, query);
  }

  @Authenticated()
  @Get('breakdown')
  @ApiOkResponse({ type: CockpitBreakdownResponse })
  @ApiOperation({
    summary: `One KPI by region, province, area, school or a category (learning area, competency, technique, member kind, partner, perk category). ${SCOPE_NOTE}`,
  })
  async breakdown(@CurrentActor() actor: Actor, @Query() query: CockpitBreakdownQuery) {
    const scope = await this.cockpit.authorise(actor, query.scope);
    return this.cockpit.breakdown(scope, query);
  }

  @Authenticated()
  @Get('timeseries')
  @ApiOkResponse({ type: CockpitTimeseriesResponse })
  @ApiOperation({
    summary: `One KPI by day, week (from Monday), month or Thai fiscal year over a period. ${SCOPE_NOTE}`,
  })
  async timeseries(@CurrentActor() actor: Actor, @Query() query: CockpitTimeseriesQuery) {
    const scope = await this.cockpit.authorise(actor, query.scope);
    return this.cockpit.timeseries(scope, query);
  }

  @Authenticated()
  @Get('indicator-18')
  @ApiOkResponse({ type: CockpitIndicator18Response })
  @ApiOperation({
    summary: `Indicator 18 per area for a fiscal year: target and actual participants of the activity plans (areas under 500 flagged) and the teachers able to run Active Learning. ${SCOPE_NOTE}`,
  })
  async indicator18(@CurrentActor() actor: Actor, @Query() query: CockpitIndicator18Query) {
    const scope = await this.cockpit.authorise(actor, query.scope);
    return this.cockpit.indicator18(scope, query.fiscalYear);
  }
}
