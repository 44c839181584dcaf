import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CertificatesService } from '@lc/activities';
import { Actor } from '@lc/identity';
import { Authenticated, CurrentActor, Public } from '../auth/access.decorators';
import { CertificateRevokeDto } from './certificates.dto';
import {
  CertificateMineResponse,
  CertificateProgressResponse,
  CertificateRevokedResponse,
  CertificateVerificationResponse,
} from './certificates.responses';

/** Certificates (เกียรติบัตร) of events: members' own, the public verification, and the organisers' side. */
@ApiTags('activities')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Authenticated()
  @Get('me/certificates')
  @ApiOperation({ summary: 'My certificates, newest first (revoked ones too, marked)' })
  @ApiOkResponse({ type: [CertificateMineResponse] })
  mine(@CurrentActor() actor: Actor) {
    return this.certificates.mine(actor);
  }

  @Authenticated()
  @Get('certificates/:id/pdf')
  @ApiOperation({
    summary: 'A certificate’s PDF as issued: its holder or the event’s organisers (404 to others)',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    const file = await this.certificates.pdf(actor, id);
    return new StreamableFile(file.stream, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file.filename}"`,
      length: file.size,
    });
  }

  @Public()
  @Get('certificates/verify/:code')
  @ApiOperation({
    summary:
      'Public: checks a certificate by the code printed on it: valid, revoked or unknown; the holder’s name and the event',
  })
  @ApiOkResponse({ type: CertificateVerificationResponse })
  verify(@Param('code') code: string) {
    return this.certificates.verify(code.slice(0, 40));
  }

  @Authenticated()
  @Post('events/:id/certificates/issue')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Organisers: issue the certificates now instead of after the configured days (the event must have ended; its ' +
      'completions are decided first); the worker issues them, follow the progress',
  })
  @ApiAcceptedResponse({ type: CertificateProgressResponse })
  issue(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) eventId: string) {
    return this.certificates.issueNow(actor, eventId);
  }

  @Authenticated()
  @Get('events/:id/certificates/progress')
  @ApiOperation({
    summary: 'Organisers: how many completers, issued, revoked and pending, and when they fall due',
  })
  @ApiOkResponse({ type: CertificateProgressResponse })
  progress(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) eventId: string) {
    return this.certificates.progress(actor, eventId);
  }

  @Authenticated()
  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The event’s organisers or OBEC admins: revoke a certificate with a reason (audited; 409 the second time)',
  })
  @ApiOkResponse({ type: CertificateRevokedResponse })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CertificateRevokeDto,
  ) {
    return this.certificates.revoke(actor, id, body.reason);
  }
}
