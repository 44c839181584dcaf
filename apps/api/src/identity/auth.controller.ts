import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor, AuthService, EmailVerificationService, MembersService } from '@lc/identity';
import { ClientIp, CurrentActor, Public } from '../auth/access.decorators';
import { LocalAuthGuard } from '../auth/access.guard';
import { LoginDto, RefreshDto, RegisterDto, VerifyEmailDto } from './identity.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly verification: EmailVerificationService,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({
    summary:
      'Join as a member (records consent to the terms and privacy notice); 429 past REGISTRATION_LIMIT_PER_IP sign-ups from one address in 10 minutes. Where confirmation is required, a link is e-mailed',
  })
  async register(@Body() body: RegisterDto, @ClientIp() client: { ip: string; userAgent: string | null }) {
    const { memberId, accessToken, refreshToken } = await this.auth.register(body, client);
    const user = await this.members.publicProfile(memberId);
    return { user: { ...user, email: body.email.trim().toLowerCase() }, accessToken, refreshToken };
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with e-mail and password; 429 past the limits per account and address and per address, slowed down past the limit per account',
  })
  async login(
    @Body() _body: LoginDto,
    @Req() request: FastifyRequest & { user: { memberId: string } },
    @ClientIp() client: { ip: string; userAgent: string | null },
  ) {
    const tokens = await this.auth.login(request.user.memberId, client);
    const user = await this.members.publicProfile(request.user.memberId);
    return { user: { ...user, email: _body.email.trim().toLowerCase() }, ...tokens };
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Rotate the refresh token; the same token again within the grace window gets the same pair, later it revokes the whole session',
  })
  refresh(@Body() body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('verify-email')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm the e-mail address with the token of the link sent by e-mail: works once (410 when used or expired)',
  })
  verifyEmail(@Body() body: VerifyEmailDto) {
    return this.verification.confirm(body.token);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor.sessionId);
  }
}
