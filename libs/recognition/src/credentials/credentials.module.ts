import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { CREDENTIAL_PROOFS, CredentialProofs, issuerSeed } from './credential-proofs';
import { IssuerUrls } from './credential-shape';
import { CredentialsRepository } from './credentials.repository';
import { CredentialsService } from './credentials.service';

/** The public base URL every credential id, issuer id and status list URL is made from. */
export function credentialBaseUrl(config: Pick<AppConfig, 'PUBLIC_URL' | 'WEB_URL'>): string {
  return (config.PUBLIC_URL ?? config.WEB_URL).replace(/\/+$/, '');
}

/**
 * Verifiable badges (Open Badges 3.0 credentials): issuing, revoking, serving and verifying them. The issuer's key
 * comes from CREDENTIAL_ISSUER_SECRET; a process that imports this module refuses to start in production without it.
 */
@Module({
  providers: [
    {
      provide: CREDENTIAL_PROOFS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const { seed, derived } = issuerSeed(config);
        const proofs = await CredentialProofs.create(seed, new IssuerUrls(credentialBaseUrl(config)));
        if (derived) {
          new Logger('Credentials').warn(
            { publicKeyMultibase: proofs.publicKeyMultibase },
            'CREDENTIAL_ISSUER_SECRET is not set: badges are signed with a key derived from JWT_SECRET',
          );
        }
        return proofs;
      },
    },
    CredentialsRepository,
    CredentialsService,
  ],
  exports: [CredentialsService],
})
export class CredentialsModule {}
