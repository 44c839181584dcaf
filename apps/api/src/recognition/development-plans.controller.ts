import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { DevelopmentPlansService } from '@lc/recognition';
import { Authenticated, CurrentActor } from '../auth/access.decorators';
import {
  CheckInDto,
  CreateDevelopmentPlanDto,
  DevelopmentPlanFieldsDto,
  DevelopmentPlanResponse,
  FiscalYearQuery,
  MyDevelopmentPlansResponse,
  PlanCommentDto,
  SharePlanDto,
} from './development-plans.dto';

/** ID PLANs (แผนพัฒนาตนเองรายบุคคล): the member's own, and those shared with a supervisor or director. */
@ApiTags('recognition')
@Controller()
export class DevelopmentPlansController {
  constructor(private readonly plans: DevelopmentPlansService) {}

  @Authenticated()
  @Post('me/development-plans')
  @ApiOperation({
    summary:
      'My ID PLAN for a fiscal year: goals (competencies with a target level) and activities (a training perk, an ' +
      'innovation to try, or other) with due dates; one per fiscal year (409 RECOGNITION_PLAN_EXISTS)',
  })
  @ApiCreatedResponse({ type: DevelopmentPlanResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDevelopmentPlanDto) {
    return this.plans.create(actor, { ...body, goals: body.goals ?? [], activities: body.activities ?? [] });
  }

  @Authenticated()
  @Get('me/development-plans')
  @ApiOperation({
    summary: 'My ID PLAN of a fiscal year (the current one by default), as a list of none or one',
  })
  @ApiOkResponse({ type: MyDevelopmentPlansResponse })
  async mine(@CurrentActor() actor: Actor, @Query() query: FiscalYearQuery) {
    const plan = await this.plans.mine(actor, query.fiscalYear);
    return { items: plan ? [plan] : [] };
  }

  @Authenticated()
  @Patch('me/development-plans/:id')
  @ApiOperation({
    summary: 'Change my plan: title, portfolio display, goals or activities (each list replaced whole)',
  })
  @ApiOkResponse({ type: DevelopmentPlanResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DevelopmentPlanFieldsDto,
  ) {
    return this.plans.update(actor, id, body);
  }

  @Authenticated()
  @Post('me/development-plans/:id/check-ins')
  @ApiOperation({ summary: 'A check-in on my plan: progress (per cent) and reflection' })
  @ApiCreatedResponse({ type: DevelopmentPlanResponse })
  checkIn(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CheckInDto) {
    return this.plans.checkIn(actor, id, body);
  }

  @Authenticated()
  @Post('me/development-plans/:id/share')
  @ApiOperation({
    summary: 'Share my plan with a supervisor (ศึกษานิเทศก์) or a school director, who may comment',
  })
  @ApiCreatedResponse({ type: DevelopmentPlanResponse })
  share(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SharePlanDto) {
    return this.plans.share(actor, id, body.memberId);
  }

  @Authenticated()
  @Get('development-plans/shared-with-me')
  @ApiOperation({ summary: 'Plans shared with me (supervisors and school directors), latest change first' })
  @ApiOkResponse({ type: MyDevelopmentPlansResponse })
  async shared(@CurrentActor() actor: Actor) {
    return { items: await this.plans.sharedWithMe(actor) };
  }

  @Authenticated()
  @Get('development-plans/:id')
  @ApiOperation({ summary: 'A plan, for its owner and those it is shared with (404 for anyone else)' })
  @ApiOkResponse({ type: DevelopmentPlanResponse })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.get(actor, id);
  }

  @Authenticated()
  @Post('development-plans/:id/comments')
  @ApiOperation({ summary: 'Comment on a plan (its owner, or a supervisor or director it is shared with)' })
  @ApiCreatedResponse({ type: DevelopmentPlanResponse })
  comment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PlanCommentDto,
  ) {
    return this.plans.comment(actor, id, body.body);
  }
}
