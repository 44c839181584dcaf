import { Injectable } from '@nestjs/common';
import { Schedule } from '@lc/messaging';
import { CertificateIssuer } from './certificate-issuer';

/** How often the worker looks for events whose certificates are due. */
export const CERTIFICATES_EVERY_MS = 60_000;
/** The schedule's name: the api asks for a run at once under it when organisers issue now. */
export const CERTIFICATES_SCHEDULE = 'activities.certificates';

/** Certificates go out when due; a worker that starts continues a bulk issue that a stopped one left. */
@Injectable()
export class CertificatesSchedules {
  constructor(private readonly issuer: CertificateIssuer) {}

  @Schedule({
    name: CERTIFICATES_SCHEDULE,
    every: CERTIFICATES_EVERY_MS,
    runAtStart: { afterMs: 1000 },
    failureMessage: 'certificate issue failed',
  })
  async issue(): Promise<void> {
    await this.issuer.issueDue();
  }
}
