import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, taxonomyCodes, uuidv7 } from '@lc/core';
import { OutboxService } from '@lc/messaging';
import { IdentityEvents } from '../identity.events';
import { AuditRepository } from '../audit/audit.repository';
import { IdentityErrors } from '../identity-errors';
import { MembersRepository } from '../members/members.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import {
  assertAcceptablePassword,
  hashPassword,
  passwordNeedsRehash,
  verifyPassword,
} from '../passwords/password-policy';
import { SessionsRepository } from '../sessions/sessions.repository';
import { LoginThrottle } from './login-throttle.service';
import { RegistrationThrottle } from './registration-throttle.service';
import { EmailVerificationService } from '../members/email-verification.service';
import { RefreshGrace } from './refresh-grace.service';
import { hashRefreshToken, TokenService } from './token.service';

/** The versions of the terms of use and privacy notice a member consents to at registration. */
export const TERMS_VERSION = '2026-11-01';
export const PRIVACY_VERSION = '2026-11-01';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface RegisterCommand {
  email: string;
  password: string;
  displayName: string;
  memberKind: string;
  schoolId?: string;
  acceptTerms: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly sessions: SessionsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly registrationThrottle: RegistrationThrottle,
    private readonly emailVerification: EmailVerificationService,
    private readonly grace: RefreshGrace,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(command: RegisterCommand, client: ClientInfo): Promise<{ memberId: string } & TokenPair> {
    await this.registrationThrottle.take(client.ip);
    if (command.acceptTerms !== true) throw new DomainError(IdentityErrors.AUTH_TERMS_NOT_ACCEPTED);
    const email = command.email.trim().toLowerCase();
    assertAcceptablePassword(command.password, email);
    if (!taxonomyCodes('memberKinds').includes(command.memberKind)) {
      throw new DomainError(
        IdentityErrors.IDENTITY_UNKNOWN_CODE,
        `Unknown memberKind "${command.memberKind}"`,
      );
    }
    const passwordHash = await hashPassword(command.password);
    return this.dataSource.transaction(async (manager) => {
      const school = command.schoolId ? await this.organisations.school(manager, command.schoolId) : null;
      if (command.schoolId && !school) throw new DomainError(IdentityErrors.IDENTITY_SCHOOL_NOT_FOUND);
      const memberId = uuidv7();
      const inserted = await this.members.insert(manager, {
        id: memberId,
        email,
        passwordHash,
        displayName: command.displayName.trim(),
        memberKind: command.memberKind,
        schoolId: school?.id ?? null,
        termsVersion: TERMS_VERSION,
        privacyVersion: PRIVACY_VERSION,
        emailVerified: !this.emailVerification.required,
      });
      if (!inserted) throw new DomainError(IdentityErrors.AUTH_EMAIL_TAKEN);
      if (this.emailVerification.required) await this.emailVerification.requestLink(manager, memberId);
      await this.audit.record(manager, {
        actorId: memberId,
        action: 'member.registered',
        targetType: 'member',
        targetId: memberId,
        details: {
          termsVersion: TERMS_VERSION,
          privacyVersion: PRIVACY_VERSION,
          memberKind: command.memberKind,
        },
      });
      await this.outbox.append(manager, IdentityEvents.memberRegistered, {
        memberId,
        memberKind: command.memberKind,
        schoolId: school?.id ?? null,
        areaId: school?.areaId ?? null,
      });
      return { memberId, ...(await this.startSession(manager, memberId, client)) };
    });
  }

  /** The check behind passport's local strategy. Same answer for an unknown e-mail and a wrong password. */
  async verifyCredentials(email: string, password: string, client: ClientInfo): Promise<string> {
    await this.throttle.take(email, client.ip);
    const member = await this.members.findByEmail(this.dataSource.manager, email.trim());
    const valid = await verifyPassword(member?.passwordHash ?? null, password);
    if (!member || !valid || member.status !== 'active')
      throw new DomainError(IdentityErrors.AUTH_INVALID_CREDENTIALS);
    await this.throttle.succeeded(email, client.ip);
    if (member.passwordHash && passwordNeedsRehash(member.passwordHash)) {
      await this.members.setPassword(this.dataSource.manager, member.id, await hashPassword(password));
    }
    return member.id;
  }

  async login(memberId: string, client: ClientInfo): Promise<TokenPair> {
    return this.dataSource.transaction((manager) => this.startSession(manager, memberId, client));
  }

  /**
   * Rotation: each refresh token works once. Presenting a rotated one again means it was copied:
   * the whole session (the token family) is revoked. Except within REFRESH_REUSE_GRACE_SECONDS of the rotation
   * (two tabs refreshing together, a retry after a lost answer): then the same token gets the same new pair again,
   * as long as that pair's refresh token has not been used itself.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    type Outcome = { error: ErrorCode; tokens?: undefined } | { error?: undefined; tokens: TokenPair };
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const row = await this.sessions.findRefreshTokenForUpdate(manager, hashRefreshToken(refreshToken));
      if (!row) return { error: IdentityErrors.AUTH_REFRESH_INVALID };
      if (row.rotatedAt) {
        const again = await this.withinGrace(manager, refreshToken, row.sessionId);
        if (again) return { tokens: again };
        await this.sessions.revokeSession(manager, row.sessionId, 'refresh_token_reused');
        await this.audit.record(manager, {
          actorId: row.memberId,
          action: 'session.revoked',
          targetType: 'session',
          targetId: row.sessionId,
          reason: 'refresh_token_reused',
        });
        return { error: IdentityErrors.AUTH_REFRESH_REUSED };
      }
      if (row.sessionRevokedAt || row.sessionExpiresAt <= new Date() || row.memberStatus !== 'active') {
        return { error: IdentityErrors.AUTH_REFRESH_INVALID };
      }
      await this.sessions.markRotated(manager, row.id, row.sessionId);
      const next = this.tokens.newRefreshToken();
      await this.sessions.addRefreshToken(manager, {
        id: uuidv7(),
        sessionId: row.sessionId,
        hash: next.hash,
      });
      const tokens = {
        accessToken: this.tokens.signAccessToken(row.memberId, row.sessionId),
        refreshToken: next.token,
      };
      // Before the commit: a second refresh waiting on this row's lock must find the pair once it gets the row.
      await this.grace.remember(refreshToken, tokens);
      return { tokens };
    });
    // The revocation above must commit, so the error is thrown after the transaction.
    if (outcome.tokens === undefined) throw new DomainError(outcome.error);
    return outcome.tokens;
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revokeSession(this.dataSource.manager, sessionId, 'logout');
  }

  /** The current password is checked under the same limits as sign-in (LoginThrottle), before any transaction. */
  async changePassword(
    memberId: string,
    sessionId: string,
    currentPassword: string,
    newPassword: string,
    client: Pick<ClientInfo, 'ip'>,
  ): Promise<void> {
    await this.throttle.takePasswordCheck(memberId, client.ip);
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.findById(manager, memberId, true);
      if (!member) throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
      if (!(await verifyPassword(member.passwordHash, currentPassword)))
        throw new DomainError(IdentityErrors.AUTH_WRONG_PASSWORD);
      await this.throttle.passwordCheckSucceeded(memberId, client.ip);
      assertAcceptablePassword(newPassword, member.email);
      await this.members.setPassword(manager, memberId, await hashPassword(newPassword));
      await this.sessions.revokeAllSessions(manager, memberId, 'password_changed', sessionId);
      await this.audit.record(manager, {
        actorId: memberId,
        action: 'member.password_changed',
        targetType: 'member',
        targetId: memberId,
      });
    });
  }

  /** The pair `refreshToken` was just rotated into, if the grace window lasts and that pair is still unused. */
  private async withinGrace(
    manager: EntityManager,
    refreshToken: string,
    sessionId: string,
  ): Promise<TokenPair | null> {
    const pair = await this.grace.recall(refreshToken);
    if (!pair) return null;
    const successor = await this.sessions.findRefreshTokenForUpdate(
      manager,
      hashRefreshToken(pair.refreshToken),
    );
    const usable =
      successor !== null &&
      successor.sessionId === sessionId &&
      successor.rotatedAt === null &&
      successor.sessionRevokedAt === null &&
      successor.sessionExpiresAt > new Date() &&
      successor.memberStatus === 'active';
    return usable ? pair : null;
  }

  private async startSession(
    manager: EntityManager,
    memberId: string,
    client: ClientInfo,
  ): Promise<TokenPair> {
    const sessionId = uuidv7();
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 24 * 3600 * 1000);
    await this.sessions.createSession(manager, {
      id: sessionId,
      memberId,
      expiresAt,
      userAgent: client.userAgent,
      ip: client.ip,
    });
    const refresh = this.tokens.newRefreshToken();
    await this.sessions.addRefreshToken(manager, { id: uuidv7(), sessionId, hash: refresh.hash });
    return { accessToken: this.tokens.signAccessToken(memberId, sessionId), refreshToken: refresh.token };
  }
}
