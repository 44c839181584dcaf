import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { IdentityModule } from '@lc/identity';
import { AccessGuard, LocalAuthGuard } from '../auth/access.guard';
import { JwtStrategy } from '../auth/jwt.strategy';
import { LocalStrategy } from '../auth/local.strategy';
import { AdminController } from './admin.controller';
import { AuthController } from './auth.controller';
import { MeController } from './me.controller';
import { MembersController } from './members.controller';
import { OrganisationsController } from './organisations.controller';

@Module({
  imports: [IdentityModule, PassportModule.register({ session: false })],
  controllers: [AuthController, MeController, MembersController, OrganisationsController, AdminController],
  providers: [JwtStrategy, LocalStrategy, LocalAuthGuard, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class IdentityHttpModule {}
