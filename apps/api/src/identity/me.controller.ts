import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AuthService, MembersService } from '@lc/identity';
import { CurrentActor } from '../auth/access.decorators';
import { ChangePasswordDto, ErasureDto, UpdateProfileDto } from './identity.dto';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly members: MembersService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in member, with roles and school' })
  me(@CurrentActor() actor: Actor) {
    return this.members.me(actor);
  }

  @Patch()
  @ApiOperation({ summary: 'Edit the profile' })
  update(@CurrentActor() actor: Actor, @Body() body: UpdateProfileDto) {
    return this.members.updateProfile(actor, body);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password; every other session ends' })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor.memberId, actor.sessionId, body.currentPassword, body.newPassword);
  }

  @Get('export')
  @ApiOperation({ summary: 'All personal data held about me, as JSON (PDPA right of access)' })
  export(@CurrentActor() actor: Actor) {
    return this.members.export(actor);
  }

  @Post('erasure')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase my personal data (PDPA); content stays, attributed to a deleted member' })
  async erase(@CurrentActor() actor: Actor, @Body() body: ErasureDto): Promise<void> {
    await this.members.erase(actor, body.password);
  }
}
