import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Actor,
  AuthService,
  EmailVerificationService,
  MembersService,
  ProfileChangesService,
} from '@lc/identity';
import { ClientIp, CurrentActor } from '../auth/access.decorators';
import { ChangePasswordDto, ErasureDto, UpdateProfileDto } from './identity.dto';
import { MeResponse, PersonalDataExportResponse } from './identity.responses';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly members: MembersService,
    private readonly auth: AuthService,
    private readonly verification: EmailVerificationService,
    private readonly profileChanges: ProfileChangesService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The signed-in member, with roles and school, and the change of school or kind awaiting confirmation',
  })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor) {
    return this.profileChanges.me(actor);
  }

  @Post('verify-email')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Send a new link to confirm the e-mail address (a few an hour; 429 past that, 409 once confirmed). Until it is confirmed, the member earns and gives no points',
  })
  @ApiAcceptedResponse({ description: 'A new link is on its way (no body)' })
  async requestVerificationEmail(@CurrentActor() actor: Actor): Promise<void> {
    await this.verification.resend(actor);
  }

  @Patch()
  @ApiOperation({
    summary:
      'Edit the profile. Other fields change at once (200); a new school or member kind is only requested (202, shown as pendingChange) until an admin of that school or its area confirms it',
  })
  @ApiOkResponse({ type: MeResponse, description: 'Changed at once' })
  @ApiAcceptedResponse({
    type: MeResponse,
    description:
      'A change of school or member kind is requested (see pendingChange); the rest changed at once',
  })
  async update(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateProfileDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { profile, changeRequested } = await this.profileChanges.updateProfile(actor, body);
    if (changeRequested) void reply.status(202);
    return profile;
  }

  @Delete('pending-change')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw my change of school or member kind awaiting confirmation' })
  @ApiNoContentResponse({ description: 'The request is withdrawn' })
  async cancelPendingChange(@CurrentActor() actor: Actor): Promise<void> {
    await this.profileChanges.cancel(actor);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the password; every other session ends; throttled per account and per IP like sign-in',
  })
  @ApiNoContentResponse({ description: 'The password is changed' })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @ClientIp() client: { ip: string },
  ): Promise<void> {
    await this.auth.changePassword(
      actor.memberId,
      actor.sessionId,
      body.currentPassword,
      body.newPassword,
      client,
    );
  }

  @Get('export')
  @ApiOperation({ summary: 'All personal data held about me, as JSON (PDPA right of access)' })
  @ApiOkResponse({ type: PersonalDataExportResponse })
  export(@CurrentActor() actor: Actor) {
    return this.members.export(actor);
  }

  @Post('erasure')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Erase my personal data (PDPA); content stays, attributed to a deleted member; the password check is throttled like sign-in',
  })
  @ApiNoContentResponse({ description: 'The personal data is erased and every session ended' })
  async erase(
    @CurrentActor() actor: Actor,
    @Body() body: ErasureDto,
    @ClientIp() client: { ip: string },
  ): Promise<void> {
    await this.members.erase(actor, body.password, client);
  }
}
