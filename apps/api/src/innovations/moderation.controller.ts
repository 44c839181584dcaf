import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { ModerationService } from '@lc/innovations';
import { CurrentActor, Roles } from '../auth/access.decorators';
import { ModerationNoteDto } from './innovations.dto';
import { InnovationResponse, ModerationQueueResponse } from './innovations.responses';

@ApiTags('moderation')
@Roles('moderator', 'obec_admin')
@Controller('moderation')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get('queue')
  @ApiOperation({ summary: 'Reported and auto-hidden innovations awaiting review' })
  @ApiOkResponse({ type: ModerationQueueResponse })
  queue() {
    return this.moderation.queue();
  }

  @Post('innovations/:id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide: members no longer see it; its author sees why. Audited' })
  @ApiOkResponse({ type: InnovationResponse, description: 'The innovation after the action' })
  hide(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ModerationNoteDto,
  ) {
    return this.moderation.act(actor, id, 'hide', body.note);
  }

  @Post('innovations/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore hidden content; open reports are dismissed. Audited' })
  @ApiOkResponse({ type: InnovationResponse, description: 'The innovation after the action' })
  restore(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ModerationNoteDto,
  ) {
    return this.moderation.act(actor, id, 'restore', body.note);
  }

  @Post('innovations/:id/remove')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Remove for good (kept for the record, shown to nobody but moderators and its author). Audited',
  })
  @ApiOkResponse({ type: InnovationResponse, description: 'The innovation after the action' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ModerationNoteDto,
  ) {
    return this.moderation.act(actor, id, 'remove', body.note);
  }
}
