import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ActorService } from './auth/actor.service';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle.service';
import { TokenService } from './auth/token.service';
import { AuditRepository } from './audit/audit.repository';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { OrganisationsRepository } from './organisations/organisations.repository';
import { OrganisationsService } from './organisations/organisations.service';
import { RoleGrantsRepository } from './roles/role-grants.repository';
import { RoleGrantsService } from './roles/role-grants.service';
import { SessionsRepository } from './sessions/sessions.repository';

/** People, organisations, authentication and scoped roles. Other domains use the exported services only. */
@Module({
  imports: [JwtModule.register({})],
  providers: [
    AuditRepository,
    MembersRepository,
    SessionsRepository,
    OrganisationsRepository,
    RoleGrantsRepository,
    TokenService,
    LoginThrottle,
    AuthService,
    ActorService,
    MembersService,
    OrganisationsService,
    RoleGrantsService,
  ],
  exports: [
    AuditRepository,
    AuthService,
    ActorService,
    MembersService,
    OrganisationsService,
    RoleGrantsService,
    TokenService,
  ],
})
export class IdentityModule {}
