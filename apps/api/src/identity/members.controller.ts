import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MembersService } from '@lc/identity';
import { PublicMemberResponse } from './identity.responses';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get(':id')
  @ApiOperation({ summary: "A member's public profile (private fields never appear here)" })
  @ApiOkResponse({ type: PublicMemberResponse })
  profile(@Param('id', ParseUUIDPipe) id: string) {
    return this.members.publicProfile(id);
  }
}
