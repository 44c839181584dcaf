import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AttendanceService, CompletionService, EventsService, RegistrationsService } from '@lc/activities';
import { DomainError } from '@lc/core';
import { Actor } from '@lc/identity';
import { Authenticated, CurrentActor, Roles } from '../auth/access.decorators';
import {
  AttendanceCorrectionDto,
  AttendanceImportQuery,
  CancelEventDto,
  CheckInCodeQuery,
  EventCheckInDto,
  CreateEventDto,
  EvaluationDto,
  EventCursorQuery,
  EventsQuery,
} from './events.dto';
import {
  AttendanceCorrectionResponse,
  AttendanceImportResponse,
  CheckInCodeResponse,
  CheckInResponse,
  EventCompletionPageResponse,
  EventPageResponse,
  EventProgressResponse,
  EventRegistrationResponse,
  EventResponse,
  MyEventPageResponse,
  MyEventResponse,
} from './events.responses';

const ORGANISER_NOTE =
  'For the event’s organisers: OBEC admins; area admins of its area; school admins of its school; partner staff of ' +
  'its partner; its creator (403 EVENT_ORGANISER_FORBIDDEN otherwise).';

/** Events, registrations, check-ins, attendance, evaluations and completions (issue 18). */
@ApiTags('activities')
@Controller()
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly attendance: AttendanceService,
    private readonly completion: CompletionService,
  ) {}

  @Roles('obec_admin', 'area_admin', 'school_admin', 'partner_staff')
  @Post('events')
  @ApiOperation({
    summary:
      'Create an event of one or more sessions (Bangkok times, online with a join link or on site with a venue), ' +
      'organised by OBEC (OBEC admins), an area (its area admins), a school (its school admins or its area’s) or a ' +
      'partner (its staff); capacity and waitlist, registration window, completion rule, certificate, and ' +
      'optionally the area activity plan it belongs to.',
  })
  @ApiCreatedResponse({ type: EventResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateEventDto) {
    return this.events.create(actor, body);
  }

  @Authenticated()
  @Get('events')
  @ApiOperation({ summary: 'Events by start, filtered by kind, area and dates; 20 a page' })
  @ApiOkResponse({ type: EventPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: EventsQuery) {
    return this.events.list(actor, query);
  }

  @Authenticated()
  @Get('events/:id')
  @ApiOperation({ summary: 'An event with its sessions and the member’s registration' })
  @ApiOkResponse({ type: EventResponse })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.events.get(actor, id);
  }

  @Authenticated()
  @Post('events/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: `Cancel an event that has not ended, with a reason (audited). ${ORGANISER_NOTE}` })
  @ApiOkResponse({ type: EventResponse })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelEventDto) {
    return this.events.cancel(actor, id, body.reason);
  }

  @Authenticated()
  @Post('events/:id/registrations')
  @ApiOperation({
    summary:
      'Register: a seat while there is one, else a place on the waitlist (409 EVENT_FULL when the event keeps no ' +
      'waitlist); sent again, the registration as it stands (200)',
  })
  @ApiCreatedResponse({ type: EventRegistrationResponse })
  async register(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, ...outcome } = await this.registrations.register(actor, id);
    if (!created) reply.status(200);
    return outcome;
  }

  @Authenticated()
  @Delete('events/:id/registrations/me')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Give up a seat or a place on the waitlist; a freed seat goes to the first waitlisted',
  })
  @ApiNoContentResponse()
  async unregister(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.registrations.cancel(actor, id);
  }

  @Authenticated()
  @Get('events/:id/sessions/:sessionId/check-in-code')
  @ApiOperation({
    summary:
      'The code to show now for a session’s checkpoint and its QR (the check-in link); it changes every minute ' +
      `and a member’s phone accepts it during the session (15 minutes either side). ${ORGANISER_NOTE}`,
  })
  @ApiOkResponse({ type: CheckInCodeResponse })
  code(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query() query: CheckInCodeQuery,
  ) {
    return this.attendance.code(actor, id, sessionId, query.checkpoint ?? 1);
  }

  @Authenticated()
  @Post('events/:id/sessions/:sessionId/check-ins')
  @ApiOperation({
    summary:
      'Check in with the code on screen (registered members): 422 CHECK_IN_CODE_INVALID for a wrong, old or ' +
      'another session’s code, 422 CHECK_IN_OUTSIDE_WINDOW outside the session; a code sent again counts once',
  })
  @ApiCreatedResponse({ type: CheckInResponse })
  checkIn(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: EventCheckInDto,
  ) {
    return this.attendance.checkIn(actor, id, sessionId, body.code);
  }

  @Authenticated()
  @Post('events/:id/attendance/import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiOperation({
    summary:
      'Import a meeting tool’s attendance of a session: CSV with the columns email and minutes (header row). ' +
      `Unknown or unregistered members are reported back. ${ORGANISER_NOTE}`,
  })
  @ApiOkResponse({ type: AttendanceImportResponse })
  importAttendance(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AttendanceImportQuery,
    @Body() body: unknown,
  ) {
    if (typeof body !== 'string')
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv');
    return this.attendance.import(actor, id, query.sessionId, body);
  }

  @Authenticated()
  @Put('events/:id/sessions/:sessionId/attendance/:memberId')
  @ApiOperation({
    summary: `Correct a registered member’s attendance of a session, with a reason (audited). ${ORGANISER_NOTE}`,
  })
  @ApiOkResponse({ type: AttendanceCorrectionResponse })
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Body() body: AttendanceCorrectionDto,
  ) {
    return this.attendance.correct(actor, id, sessionId, memberId, body);
  }

  @Authenticated()
  @Post('events/:id/evaluations')
  @ApiOperation({ summary: 'The evaluation form: a rating 1–5 and comments, once, from the event’s start' })
  @ApiCreatedResponse({ type: EventProgressResponse })
  evaluate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EvaluationDto,
  ) {
    return this.completion.evaluate(actor, id, body.rating, body.comments);
  }

  @Authenticated()
  @Get('me/events')
  @ApiOperation({ summary: 'My events (registered or waitlisted), latest first, with what each still needs' })
  @ApiOkResponse({ type: MyEventPageResponse })
  mine(@CurrentActor() actor: Actor, @Query() query: EventCursorQuery) {
    return this.completion.mine(actor, query.cursor);
  }

  @Authenticated()
  @Get('me/events/:id')
  @ApiOperation({
    summary: 'One event as I see it, with what I still need (no progress unless I hold a seat)',
  })
  @ApiOkResponse({ type: MyEventResponse })
  myEvent(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.completion.myEvent(actor, id);
  }

  @Authenticated()
  @Get('events/:id/completions')
  @ApiOperation({
    summary: `Every registered member’s attendance and completion, by name. ${ORGANISER_NOTE}`,
  })
  @ApiOkResponse({ type: EventCompletionPageResponse })
  completions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: EventCursorQuery,
  ) {
    return this.completion.completions(actor, id, query.cursor);
  }
}
