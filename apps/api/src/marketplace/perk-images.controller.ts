import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@lc/identity';
import { PERK_IMAGE_TYPES, PerkImagesService } from '@lc/marketplace';
import { CurrentActor, Public, Roles } from '../auth/access.decorators';
import { receiveUpload } from '../innovations/multipart-upload';
import { PerkImageResponse } from './marketplace.responses';

@ApiTags('marketplace')
@Controller()
export class PerkImagesController {
  constructor(private readonly images: PerkImagesService) {}

  @Roles('partner_staff')
  @Post('partner/perk-images')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary:
      "Upload a picture for the partner's perks (partner staff): a JPEG, PNG or WebP image of at most 5 MB, its " +
      'type read from the content (415 PERK_IMAGE_UNSUPPORTED_TYPE otherwise, 413 when larger, 422 past ' +
      "IMAGE_MAX_PIXELS). Put the answer's url in a perk's images",
  })
  @ApiCreatedResponse({ type: PerkImageResponse })
  async upload(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // Refused before a byte of the file is read.
    this.images.assertMayUpload(actor);
    const { file } = await receiveUpload(
      request,
      reply,
      this.images.limits,
      (stream, fileName) => this.images.stage(stream, fileName),
      (staged) => this.images.discard(staged),
    );
    return this.images.record(actor, file);
  }

  @Public()
  @Get('perk-images/:id')
  @ApiOperation({ summary: 'A perk picture, shown inline with its recognised type and cached for a year' })
  @ApiProduces(...PERK_IMAGE_TYPES)
  @ApiOkResponse({ description: 'The picture', schema: { type: 'string', format: 'binary' } })
  async image(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const image = await this.images.open(id);
    // A picture never changes under its id; browsers must neither guess another type nor run it.
    void reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox");
    return new StreamableFile(image.stream, {
      type: image.contentType,
      disposition: 'inline',
      length: image.size,
    });
  }
}
