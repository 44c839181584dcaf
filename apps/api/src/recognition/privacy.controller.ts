import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { PrivacyService } from '@lc/recognition';
import { Authenticated, CurrentActor } from '../auth/access.decorators';
import { PrivacyResponse, UpdatePrivacyDto } from './privacy.dto';

/** What a member shows of their recognition: leaderboards and who sees their portfolio. */
@ApiTags('recognition')
@Controller('me/privacy')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'My choices: on leaderboards or not, and who sees my portfolio' })
  @ApiOkResponse({ type: PrivacyResponse })
  get(@CurrentActor() actor: Actor) {
    return this.privacy.get(actor.memberId);
  }

  @Authenticated()
  @Put()
  @ApiOperation({
    summary:
      'Change them: leaderboards false takes me off every board (and true puts me back); portfolio public, ' +
      'members or private',
  })
  @ApiOkResponse({ type: PrivacyResponse })
  update(@CurrentActor() actor: Actor, @Body() body: UpdatePrivacyDto) {
    return this.privacy.update(actor, body);
  }
}
