import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@lc/identity';
import {
  AttachmentDownload,
  AttachmentIntake,
  AttachmentsService,
  attachmentDisposition,
} from '@lc/innovations';
import { Authenticated, CurrentActor, Public } from '../auth/access.decorators';
import { InnovationAttachmentListResponse, InnovationAttachmentResponse } from './innovations.responses';
import { receiveUpload } from './multipart-upload';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary' },
      purpose: { type: 'string', enum: ['attachment', 'cover'], default: 'attachment' },
    },
  },
};

/** The types an attachment may have (content-sniffer.ts), as downloads are served. */
const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.ms-word.document.macroEnabled.12',
  'application/vnd.ms-excel.sheet.macroEnabled.12',
  'application/vnd.ms-powerpoint.presentation.macroEnabled.12',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];

@ApiTags('attachments')
@Controller('innovations/:id')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly intake: AttachmentIntake,
  ) {}

  @Authenticated()
  @Post('attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({
    summary:
      'Attach a PDF, Office document or image (the author; 25 MB by default). The type is read from the ' +
      'content (415 otherwise); purpose=cover makes an image the cover. An image declaring more than ' +
      'IMAGE_MAX_PIXELS is refused (422); a body not received whole within UPLOAD_TIMEOUT_MS gets 408',
  })
  @ApiCreatedResponse({ type: InnovationAttachmentResponse })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // Refused before a byte of the file is read.
    await this.attachments.assertMayAttach(actor, id);
    const { file, fields } = await this.receive(request, reply);
    return this.attachments.attach(actor, id, file, fields.purpose);
  }

  @Public()
  @Get('attachments')
  @ApiOperation({ summary: "The innovation's attachments, for whoever can see it" })
  @ApiOkResponse({ type: InnovationAttachmentListResponse })
  list(@CurrentActor() actor: Actor | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.attachments.list(actor, id);
  }

  @Public()
  @Get('attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attachment (always as a file, never shown inline)' })
  @ApiProduces(...ATTACHMENT_TYPES)
  @ApiOkResponse({ description: 'The file, as an attachment', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentActor() actor: Actor | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.attachments.open(actor, id, attachmentId, 'file');
    return send(reply, file, attachmentDisposition(file.fileName));
  }

  @Public()
  @Get('attachments/:attachmentId/thumbnail')
  @ApiOperation({ summary: "An image attachment's thumbnail, 320 px wide at most (404 when it has none)" })
  @ApiProduces('image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The thumbnail image', schema: { type: 'string', format: 'binary' } })
  async thumbnail(
    @CurrentActor() actor: Actor | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.attachments.open(actor, id, attachmentId, 'thumbnail'), 'inline');
  }

  @Authenticated()
  @Delete('attachments/:attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an attachment (the author; evidence: its reporter)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
  ) {
    await this.attachments.remove(actor, id, attachmentId);
  }

  @Authenticated()
  @Post('adoptions/:adoptionId/evidence')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: UPLOAD_BODY.schema.properties.file } },
  })
  @ApiOperation({ summary: 'Attach the evidence file of my adoption report (replaces earlier evidence)' })
  @ApiCreatedResponse({
    type: InnovationAttachmentResponse,
    description: 'The evidence file (purpose evidence)',
  })
  async evidence(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('adoptionId', ParseUUIDPipe) adoptionId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.attachments.assertMayAddEvidence(actor, id, adoptionId);
    const { file } = await this.receive(request, reply);
    return this.attachments.attachEvidence(actor, id, adoptionId, file);
  }

  private receive(request: FastifyRequest, reply: FastifyReply) {
    return receiveUpload(
      request,
      reply,
      { maxBytes: this.intake.maxBytes, timeoutMs: this.intake.timeoutMs },
      (stream, fileName) => this.intake.receive(stream, fileName),
      (file) => this.intake.discard(file),
    );
  }
}

/** The stored bytes with their recognised type; browsers must neither guess another type nor run them. */
function send(reply: FastifyReply, file: AttachmentDownload, disposition: string): StreamableFile {
  void reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache');
  return new StreamableFile(file.stream, { type: file.contentType, disposition, length: file.size });
}
