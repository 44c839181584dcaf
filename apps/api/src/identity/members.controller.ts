import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MembersService } from '@lc/identity';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get(':id')
  @ApiOperation({ summary: "A member's public profile (private fields never appear here)" })
  profile(@Param('id', ParseUUIDPipe) id: string) {
    return this.members.publicProfile(id);
  }
}
