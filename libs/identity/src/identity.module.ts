import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { MailModule } from '@lc/mail';
import { MessagingModule } from '@lc/messaging';
import { ActorService } from './auth/actor.service';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle.service';
import { RegistrationThrottle } from './auth/registration-throttle.service';
import { RefreshGrace } from './auth/refresh-grace.service';
import { PasswordResetService } from './auth/password-reset.service';
import { TokenService } from './auth/token.service';
import { AuditRepository } from './audit/audit.repository';
import { IdentityEvents } from './identity.events';
import { IdentitySchedules } from './identity.schedules';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { ProfileChangesRepository } from './members/profile-changes.repository';
import { ProfileChangesService } from './members/profile-changes.service';
import { EmailVerificationService } from './members/email-verification.service';
import { OrganisationsRepository } from './organisations/organisations.repository';
import { OrganisationsService } from './organisations/organisations.service';
import { RoleGrantsRepository } from './roles/role-grants.repository';
import { RoleGrantsService } from './roles/role-grants.service';
import { SessionsRepository } from './sessions/sessions.repository';

/** People, organisations, authentication and scoped roles. Other domains use the exported services only. */
@Module({
  imports: [JwtModule.register({}), MessagingModule.forFeature('identity', { events: IdentityEvents })],
  providers: [
    AuditRepository,
    MembersRepository,
    SessionsRepository,
    OrganisationsRepository,
    RoleGrantsRepository,
    TokenService,
    LoginThrottle,
    RegistrationThrottle,
    EmailVerificationService,
    RefreshGrace,
    PasswordResetService,
    AuthService,
    ActorService,
    MembersService,
    ProfileChangesRepository,
    ProfileChangesService,
    OrganisationsService,
    RoleGrantsService,
  ],
  exports: [
    AuditRepository,
    EmailVerificationService,
    PasswordResetService,
    AuthService,
    ActorService,
    MembersService,
    ProfileChangesService,
    OrganisationsService,
    RoleGrantsService,
    TokenService,
  ],
})
export class IdentityModule {}

/** The worker's side: e-mailing the confirmation and password links. */
@Module({ imports: [IdentityModule, MailModule], providers: [IdentitySchedules] })
export class IdentityWorkerModule {}
