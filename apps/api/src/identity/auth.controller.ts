import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import {
  Actor,
  AuthService,
  EmailVerificationService,
  IdentityErrors,
  MembersService,
  PasswordResetService,
  TokenPair,
} from '@lc/identity';
import { ClientIp, CurrentActor, Public } from '../auth/access.decorators';
import { LocalAuthGuard } from '../auth/access.guard';
import {
  AUTH_TRANSPORT_HEADER,
  clearRefreshCookie,
  refreshTokenFromCookie,
  setRefreshCookie,
  wantsCookie,
} from './auth-cookie';
import {
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  VerifyEmailDto,
} from './identity.dto';
import {
  AuthSessionResponse,
  AuthTokensResponse,
  EmailVerifiedResponse,
  PasswordResetAcceptedResponse,
} from './identity.responses';

const COOKIE_TRANSPORT = ApiHeader({
  name: AUTH_TRANSPORT_HEADER,
  required: false,
  description:
    '`cookie`: the refresh token travels in the HttpOnly `lc_refresh` cookie (Path=/api/v1/auth, SameSite=Strict) instead of the JSON body',
});

/** Same answer for every address, known or not. */
const PASSWORD_RESET_ACCEPTED = {
  status: 'accepted',
  message: {
    th: 'หากอีเมลนี้เป็นของสมาชิก เราได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปแล้ว ลิงก์ใช้ได้ 30 นาที',
    en: 'If this address belongs to a member, a link to set a new password is on its way; it works for 30 minutes',
  },
} as const;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly verification: EmailVerificationService,
    private readonly passwordResets: PasswordResetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** With the cookie transport, the refresh token goes into the cookie and out of the JSON answer. */
  private deliver<T extends { refreshToken: string }>(
    request: FastifyRequest,
    reply: FastifyReply,
    answer: T,
  ): T | Omit<T, 'refreshToken'> {
    if (!wantsCookie(request)) return answer;
    const { refreshToken, ...rest } = answer;
    setRefreshCookie(reply, this.config, refreshToken);
    return rest;
  }

  @Public()
  @Post('register')
  @ApiOperation({
    summary:
      'Join as a member (records consent to the terms and privacy notice); 429 past REGISTRATION_LIMIT_PER_IP sign-ups from one address in 10 minutes. Where confirmation is required, a link is e-mailed',
  })
  @COOKIE_TRANSPORT
  @ApiCreatedResponse({ type: AuthSessionResponse })
  async register(
    @Body() body: RegisterDto,
    @ClientIp() client: { ip: string; userAgent: string | null },
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { memberId, accessToken, refreshToken } = await this.auth.register(body, client);
    const user = await this.members.publicProfile(memberId);
    return this.deliver(request, reply, {
      user: { ...user, email: body.email.trim().toLowerCase() },
      accessToken,
      refreshToken,
    });
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with e-mail and password; 429 past the limits per account and address and per address, slowed down past the limit per account',
  })
  @COOKIE_TRANSPORT
  @ApiOkResponse({ type: AuthSessionResponse })
  async login(
    @Body() _body: LoginDto,
    @Req() request: FastifyRequest & { user: { memberId: string } },
    @ClientIp() client: { ip: string; userAgent: string | null },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const tokens = await this.auth.login(request.user.memberId, client);
    const user = await this.members.publicProfile(request.user.memberId);
    return this.deliver(request, reply, {
      user: { ...user, email: _body.email.trim().toLowerCase() },
      ...tokens,
    });
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Rotate the refresh token; the same token again within the grace window gets the same pair, later it revokes the whole session. With `X-Auth-Transport: cookie`, the token is read from and rotated in the `lc_refresh` cookie (no body needed)',
  })
  @COOKIE_TRANSPORT
  @ApiOkResponse({ type: AuthTokensResponse })
  async refresh(
    @Body() body: RefreshDto | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPair | Omit<TokenPair, 'refreshToken'>> {
    if (!wantsCookie(request)) {
      if (typeof body?.refreshToken !== 'string')
        throw new DomainError('VALIDATION_FAILED', 'refreshToken must be a string', {
          errors: [{ field: 'refreshToken', message: 'refreshToken must be a string' }],
        });
      return this.auth.refresh(body.refreshToken);
    }
    const token = refreshTokenFromCookie(request);
    try {
      if (!token) throw new DomainError(IdentityErrors.AUTH_REFRESH_INVALID);
      return this.deliver(request, reply, await this.auth.refresh(token));
    } catch (error) {
      // A cookie that can never work again is dropped; a passing fault (503) leaves it for the next try.
      if (
        error instanceof DomainError &&
        (error.code === IdentityErrors.AUTH_REFRESH_INVALID ||
          error.code === IdentityErrors.AUTH_REFRESH_REUSED)
      )
        clearRefreshCookie(reply, this.config);
      throw error;
    }
  }

  @Public()
  @Post('verify-email')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm the e-mail address with the token of the link sent by e-mail: works once (410 when used or expired)',
  })
  @ApiOkResponse({ type: EmailVerifiedResponse })
  verifyEmail(@Body() body: VerifyEmailDto) {
    return this.verification.confirm(body.token);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End this session (with `X-Auth-Transport: cookie`, the `lc_refresh` cookie is cleared)',
  })
  @COOKIE_TRANSPORT
  @ApiNoContentResponse({ description: 'The session ended' })
  async logout(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(actor.sessionId);
    if (wantsCookie(request)) clearRefreshCookie(reply, this.config);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Forgot password: e-mails a single-use link (WEB_URL `/reset-password?token=…`, 30 minutes) if an active member has this address; the same 202 either way. 429 past 3 requests per address an hour, or 30 per client address',
  })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedResponse })
  async requestPasswordReset(
    @Body() body: PasswordResetRequestDto,
    @ClientIp() client: { ip: string; userAgent: string | null },
  ) {
    await this.passwordResets.request(body.email, client.ip);
    return PASSWORD_RESET_ACCEPTED;
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Set a new password with the token of the reset link: works once (400 unknown, 410 used or expired) and ends every session of the member',
  })
  @ApiNoContentResponse({ description: 'The password is set; every session of the member ended' })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.passwordResets.confirm(body.token, body.password);
  }
}
