import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { parse } from 'csv-parse/sync';
import { DomainError } from '@lc/core';
import { Actor } from '@lc/identity';
import { EndorsementsService, PartnersService, PerksService, RedemptionsService } from '@lc/marketplace';
import { Authenticated, CurrentActor, Public, Roles } from '../auth/access.decorators';
import { CursorQuery } from '../identity/identity.dto';
import {
  CatalogueQuery,
  CreatePartnerDto,
  CreatePerkDto,
  EndorsementDto,
  PartnerRedemptionsQuery,
  RedeemDto,
  RejectDto,
  ReturnPerkDto,
  StatsQuery,
  UpdatePerkDto,
  VerifyVoucherDto,
} from './marketplace.dto';
import {
  CataloguePageResponse,
  CataloguePerkResponse,
  EndorsementPageResponse,
  EndorsementResponse,
  PartnerPageResponse,
  PartnerPerkResponse,
  PartnerResponse,
  PerkPageResponse,
  PerkResponse,
  RedemptionPageResponse,
  RedemptionReceiptResponse,
  RedemptionResponse,
  RedemptionStatsResponse,
  VoucherCodesLoadedResponse,
  VoucherVerificationResponse,
} from './marketplace.responses';

@ApiTags('marketplace')
@Controller()
export class MarketplaceController {
  constructor(
    private readonly perks: PerksService,
    private readonly redemptions: RedemptionsService,
    private readonly partners: PartnersService,
    private readonly endorsements: EndorsementsService,
  ) {}

  // Catalogue (members and guests)
  @Public()
  @Get('perks')
  @ApiOperation({
    summary: 'The perk catalogue: category filter, Thai search, sort by cost or newest, stock left',
  })
  @ApiOkResponse({ type: CataloguePageResponse })
  catalogue(@CurrentActor() actor: Actor | undefined, @Query() query: CatalogueQuery) {
    return this.perks.catalogue(actor, query);
  }

  @Public()
  @Get('perks/:id')
  @ApiOkResponse({ type: CataloguePerkResponse })
  perk(@CurrentActor() actor: Actor | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.perks.detail(actor, id);
  }

  @Authenticated()
  @Post('perks/:id/redemptions')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'The same key with the same body returns the first answer. 1–200 characters: none is 400 ' +
      'IDEMPOTENCY_KEY_REQUIRED, a longer one 400 IDEMPOTENCY_KEY_TOO_LONG',
  })
  @ApiOperation({ summary: 'Redeem: stock taken, points held, a voucher reserved, in one transaction' })
  @ApiCreatedResponse({ type: RedemptionReceiptResponse })
  redeem(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RedeemDto,
  ) {
    return this.redemptions.redeem(actor, id, key, { ...(body ?? {}) });
  }

  @Authenticated()
  @Get('me/redemptions')
  @ApiOkResponse({ type: RedemptionPageResponse })
  mine(@CurrentActor() actor: Actor, @Query() query: CursorQuery) {
    return this.redemptions.mine(actor, query.cursor);
  }

  @Authenticated()
  @Post('me/redemptions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel before the partner fulfils it: points and stock come back' })
  @ApiOkResponse({ type: RedemptionResponse })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.redemptions.cancel(actor, id);
  }

  // Partner tools
  @Roles('partner_staff')
  @Get('partner/perks')
  @ApiOkResponse({ type: PerkPageResponse })
  partnerPerks(@CurrentActor() actor: Actor) {
    return this.perks.partnerPerks(actor);
  }

  @Roles('partner_staff')
  @Post('partner/perks')
  @ApiOperation({ summary: 'Create a perk (a draft)' })
  @ApiCreatedResponse({ type: PartnerPerkResponse })
  createPerk(@CurrentActor() actor: Actor, @Body() body: CreatePerkDto) {
    return this.perks.create(actor, body);
  }

  @Roles('partner_staff')
  @Get('partner/perks/:id')
  @ApiOkResponse({ type: PartnerPerkResponse })
  partnerPerk(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.perks.forPartner(actor, id);
  }

  @Roles('partner_staff')
  @Patch('partner/perks/:id')
  @ApiOkResponse({ type: PartnerPerkResponse })
  updatePerk(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePerkDto,
  ) {
    return this.perks.update(actor, id, body);
  }

  @Roles('partner_staff')
  @Post('partner/perks/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send for OBEC approval' })
  @ApiOkResponse({ type: PartnerPerkResponse })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.perks.transition(actor, id, 'pending_approval');
  }

  @Roles('partner_staff')
  @Post('partner/perks/:id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: PartnerPerkResponse })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.perks.transition(actor, id, 'paused');
  }

  @Roles('partner_staff')
  @Post('partner/perks/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: PartnerPerkResponse })
  end(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.perks.transition(actor, id, 'ended');
  }

  @Roles('partner_staff')
  @Post('partner/perks/:id/voucher-codes')
  @ApiConsumes('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Load voucher codes: JSON {codes: [...]} or CSV (one code per line, optional header "code")',
  })
  @ApiCreatedResponse({ type: VoucherCodesLoadedResponse })
  addCodes(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: unknown) {
    return this.perks.addCodes(actor, id, codesFrom(body));
  }

  @Roles('partner_staff')
  @Get('partner/redemptions')
  @ApiOkResponse({ type: RedemptionPageResponse })
  partnerRedemptions(@CurrentActor() actor: Actor, @Query() query: PartnerRedemptionsQuery) {
    return this.redemptions.forPartner(actor, query);
  }

  @Roles('partner_staff')
  @Get('partner/redemptions.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="redemptions.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 CSV with a BOM, one redemption a line', schema: { type: 'string' } })
  exportCsv(@CurrentActor() actor: Actor) {
    return this.redemptions.csv(actor);
  }

  @Roles('partner_staff')
  @Post('partner/redemptions/:id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: RedemptionResponse })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.redemptions.confirm(actor, id);
  }

  @Roles('partner_staff')
  @Post('partner/redemptions/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RedemptionResponse })
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RejectDto) {
    return this.redemptions.reject(actor, id, body.reason);
  }

  @Roles('partner_staff')
  @Post('partner/vouchers/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a code a teacher presents: valid (now marked used), used, or unknown' })
  @ApiOkResponse({ type: VoucherVerificationResponse })
  verify(@CurrentActor() actor: Actor, @Body() body: VerifyVoucherDto) {
    return this.redemptions.verifyVoucher(actor, body.code);
  }

  @Roles('partner_staff')
  @Get('partner/stats')
  @ApiOkResponse({ type: RedemptionStatsResponse })
  stats(@CurrentActor() actor: Actor, @Query() query: StatsQuery) {
    return this.redemptions.stats(actor, query.days ?? 30);
  }

  // OBEC
  @Roles('obec_admin')
  @Post('admin/partners')
  @ApiCreatedResponse({ type: PartnerResponse })
  createPartner(@CurrentActor() actor: Actor, @Body() body: CreatePartnerDto) {
    return this.partners.create(actor, body);
  }

  @Public()
  @Get('partners')
  @ApiOkResponse({ type: PartnerPageResponse })
  partnerList() {
    return this.partners.list();
  }

  @Roles('obec_admin')
  @Get('admin/perks/pending')
  @ApiOkResponse({ type: PerkPageResponse })
  pending() {
    return this.perks.pendingApproval();
  }

  @Roles('obec_admin')
  @Post('admin/perks/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a perk: it goes live' })
  @ApiOkResponse({ type: PerkResponse })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.perks.transition(actor, id, 'live', true);
  }

  @Roles('obec_admin')
  @Post('admin/perks/:id/return')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send a pending perk back to its partner: it becomes a draft with the note, until the partner submits it again',
  })
  @ApiOkResponse({ type: PerkResponse })
  returnPerk(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReturnPerkDto,
  ) {
    return this.perks.returnForChanges(actor, id, body.reason);
  }

  // Endorsements
  @Roles('partner_staff')
  @Post('innovations/:id/endorsements')
  @ApiOperation({ summary: 'A partner vouches for a published innovation (once per partner)' })
  @ApiCreatedResponse({ type: EndorsementResponse })
  endorse(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EndorsementDto,
  ) {
    return this.endorsements.endorse(actor, id, body.statement);
  }

  @Public()
  @Get('innovations/:id/endorsements')
  @ApiOkResponse({ type: EndorsementPageResponse })
  endorsementsOf(@CurrentActor() actor: Actor | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.endorsements.list(actor, id);
  }
}

function codesFrom(body: unknown): string[] {
  if (typeof body === 'string') {
    const rows = parse(body, {
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    }) as string[][];
    const codes = rows.map((row) => row[0] ?? '').filter(Boolean);
    return codes[0]?.toLowerCase() === 'code' ? codes.slice(1) : codes;
  }
  const list = (body as { codes?: unknown } | null)?.codes;
  if (!Array.isArray(list) || !list.every((c) => typeof c === 'string') || list.length > 100_000) {
    throw new DomainError('VALIDATION_FAILED', 'Send {"codes": ["…"]} or a CSV file', {
      errors: [{ field: 'codes', message: 'codes must be a list of strings' }],
    });
  }
  return list as string[];
}
