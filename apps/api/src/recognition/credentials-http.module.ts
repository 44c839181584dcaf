import { Module } from '@nestjs/common';
import { CredentialsModule } from '@lc/recognition';
import { CredentialsController } from './credentials.controller';

@Module({ imports: [CredentialsModule], controllers: [CredentialsController] })
export class CredentialsHttpModule {}
