// What other code imports from @lc/identity; everything else in this folder is the library's own.

// Module
export { IdentityModule, IdentityWorkerModule } from './identity.module';

// Services
export { AuthService } from './auth/auth.service';
export type { TokenPair } from './auth/auth.service';
export { ActorService } from './auth/actor.service';
export { ACCESS_TOKEN_ALGORITHM, TokenService } from './auth/token.service';
export {
  PASSWORD_RESET_PER_EMAIL,
  PASSWORD_RESET_PER_IP,
  PasswordResetService,
} from './auth/password-reset.service';
export { MembersService } from './members/members.service';
export { ProfileChangesService } from './members/profile-changes.service';
export { EmailVerificationService } from './members/email-verification.service';
export { OrganisationsService } from './organisations/organisations.service';
export { RoleGrantsService } from './roles/role-grants.service';
export { AuditRepository } from './audit/audit.repository';

// Errors and events
export { IdentityErrors } from './identity-errors';
export { IdentityEvents } from './identity.events';

// Who is acting
export { administeredAreas, hasRole, isObecAdmin, partnerOf } from './actor';
export type { Actor, Role } from './actor';
