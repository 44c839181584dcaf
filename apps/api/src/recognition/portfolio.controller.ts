import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { PortfolioService } from '@lc/recognition';
import { CurrentActor, Public } from '../auth/access.decorators';
import { PortfolioResponse } from './portfolio.responses';

@ApiTags('recognition')
@Controller('members/:id/portfolio')
export class PortfolioController {
  constructor(private readonly portfolios: PortfolioService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'A member’s portfolio: their innovations and quality, adoptions, endorsements, badges, level, competency ' +
      'radar and teaching profile. As the member chose: public, members (401 signed out) or private (403; the ' +
      'member always sees their own)',
  })
  @ApiOkResponse({ type: PortfolioResponse })
  portfolio(@CurrentActor() actor: Actor | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.portfolios.portfolio(actor, id);
  }
}
