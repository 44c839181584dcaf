import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { ModerationService } from '@lc/innovations';
import { CurrentActor, Roles } from '../auth/access.decorators';
import { ModerationNoteDto } from './innovations.dto';

@ApiTags('moderation')
@Roles('moderator', 'obec_admin')
@Controller('moderation')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get('queue')
  @ApiOperation({ summary: 'Reported and auto-hidden innovations awaiting review' })
  queue() {
    return this.moderation.queue();
  }

  @Post('innovations/:id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide: members no longer see it; its author sees why. Audited' })
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
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ModerationNoteDto,
  ) {
    return this.moderation.act(actor, id, 'remove', body.note);
  }
}
