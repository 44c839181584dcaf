/**
 * /admin/campaigns/new (OBEC admins and area admins): the form for POST /api/v1/admin/campaigns. OBEC admins choose
 * national or one area; an area admin only their own area(s). The learning area is offered for the publish goal only
 * (taxonomy labels), the window is typed as Bangkok date-times and sent with +07:00, and the badge is one of those
 * with the criterion "campaign". The form refuses what it can (empty titles, a target or bonus out of range, an end
 * before the start); what the API still refuses (VALIDATION_FAILED, CAMPAIGN_SCOPE_FORBIDDEN,
 * CAMPAIGN_LEARNING_AREA_UNKNOWN, CAMPAIGN_BADGE_INVALID) is shown in the API's words, in the member's language.
 */
import {
  Alert,
  Button,
  Group,
  Input,
  NativeSelect,
  NumberInput,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  getCampaignsControllerListQueryKey,
  useCampaignsControllerCreate,
} from '../../api/generated/activities/activities';
import type { CreateCampaignDto } from '../../api/generated/model';
import { CreateCampaignDtoGoal } from '../../api/generated/model';
import { useBadgesControllerList } from '../../api/generated/recognition/recognition';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { bangkokInstant, formatNumber } from '../../format/format';
import { AreaSelect } from '../admin/parts/pickers';
import { useAdministeredAreas } from '../admin/parts/shared';
import { useTaxonomy } from '../member/parts/taxonomy';
import { pickText } from './campaignParts';

/** The API's bounds (CreateCampaignDto). */
export const TARGET_MIN = 1;
export const TARGET_MAX = 100_000;
export const BONUS_MIN = 0;
export const BONUS_MAX = 1000;
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 5000;

/** Fields at least 44 px high, for a finger. */
const FIELD = { input: { minHeight: 44 } };
const GOALS = Object.values(CreateCampaignDtoGoal);

interface Draft {
  titleTh: string;
  titleEn: string;
  descriptionTh: string;
  descriptionEn: string;
  /** null until chosen: national for OBEC admins, else the area admin's (first) area */
  scope: 'national' | 'area' | null;
  areaId: string | null;
  goal: CreateCampaignDto['goal'];
  learningArea: string;
  target: number | '';
  startsAt: string;
  endsAt: string;
  bonusPoints: number | '';
  badgeCode: string;
}

function wholeIn(value: number | '', min: number, max: number): boolean {
  return value !== '' && Number.isInteger(value) && value >= min && value <= max;
}

export function toBody(draft: Draft & { scope: 'national' | 'area' }): CreateCampaignDto {
  const description = { th: draft.descriptionTh.trim(), en: draft.descriptionEn.trim() };
  return {
    title: { th: draft.titleTh.trim(), en: draft.titleEn.trim() },
    ...(description.th || description.en ? { description } : {}),
    scope: draft.scope,
    areaId: draft.scope === 'area' ? draft.areaId : null,
    goal: draft.goal,
    learningArea: draft.goal === 'publish_innovations' && draft.learningArea ? draft.learningArea : null,
    target: draft.target as number,
    startsAt: bangkokInstant(draft.startsAt),
    endsAt: bangkokInstant(draft.endsAt),
    bonusPoints: draft.bonusPoints as number,
    badgeCode: draft.badgeCode || null,
  };
}

export default function CampaignEditor() {
  const { t, i18n } = useTranslation('campaigns');
  const language = i18n.language;
  const { hasRole } = useAuth();
  const isObec = hasRole('obec_admin');
  const areas = useAdministeredAreas();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const taxonomy = useTaxonomy(language);
  const badges = useBadgesControllerList({ query: { staleTime: 60_000 } });
  const campaignBadges = (badges.data?.data ?? []).filter((badge) => badge.criterion === 'campaign');
  const create = useCampaignsControllerCreate();

  const [chosen, setDraft] = useState<Draft>(() => ({
    titleTh: '',
    titleEn: '',
    descriptionTh: '',
    descriptionEn: '',
    scope: null,
    areaId: null,
    goal: 'publish_innovations',
    learningArea: '',
    target: 3,
    startsAt: '',
    endsAt: '',
    bonusPoints: 10,
    badgeCode: '',
  }));
  // The roles arrive with the session: the defaults follow them until the admin chooses.
  const scope = chosen.scope ?? (isObec ? 'national' : 'area');
  const draft = { ...chosen, scope, areaId: chosen.areaId ?? (isObec ? null : (areas[0] ?? null)) };
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((old) => ({ ...old, [key]: value }));

  const problems: Partial<Record<keyof Draft, string>> = {};
  if (!draft.titleTh.trim()) problems.titleTh = t('editor.required');
  if (!draft.titleEn.trim()) problems.titleEn = t('editor.required');
  if (draft.scope === 'area' && !draft.areaId) problems.areaId = t('editor.areaRequired');
  const range = (min: number, max: number) => ({
    min: formatNumber(min, language),
    max: formatNumber(max, language),
  });
  if (!wholeIn(draft.target, TARGET_MIN, TARGET_MAX))
    problems.target = t('editor.targetRange', range(TARGET_MIN, TARGET_MAX));
  if (!wholeIn(draft.bonusPoints, BONUS_MIN, BONUS_MAX))
    problems.bonusPoints = t('editor.bonusRange', range(BONUS_MIN, BONUS_MAX));
  if (!draft.startsAt) problems.startsAt = t('editor.dateRequired');
  if (!draft.endsAt) problems.endsAt = t('editor.dateRequired');
  else if (draft.startsAt && draft.endsAt <= draft.startsAt) problems.endsAt = t('editor.endBeforeStart');
  const shown = (key: keyof Draft) => (submitted ? problems[key] : undefined);

  if (!hasRole('obec_admin', 'area_admin'))
    return (
      <Page title={t('editor.title')}>
        <Alert color="orange">{t('editor.noRights')}</Alert>
      </Page>
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    create.mutate(
      { data: toBody(draft) },
      {
        onSuccess: (response) => {
          void queryClient.invalidateQueries({ queryKey: getCampaignsControllerListQueryKey() });
          notifications.show({ color: 'teal', message: t('editor.created') });
          void navigate(`/campaigns/${response.data.id}`);
        },
      },
    );
  };

  const text = (key: 'titleTh' | 'titleEn', label: string) => (
    <TextInput
      label={label}
      required
      size="md"
      styles={FIELD}
      maxLength={TITLE_MAX}
      value={draft[key]}
      onChange={(event) => set(key, event.currentTarget.value)}
      error={shown(key)}
    />
  );
  const area = (
    <AreaSelect
      label={t('editor.area')}
      required
      size="md"
      styles={FIELD}
      value={draft.areaId}
      onChange={(value) => set('areaId', value)}
      only={isObec ? undefined : areas}
      error={shown('areaId')}
    />
  );

  return (
    <Page title={t('editor.title')} size="sm">
      <Text c="gray.7">{t('editor.intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text('titleTh', t('editor.titleTh'))}
            {text('titleEn', t('editor.titleEn'))}
            <Textarea
              label={t('editor.descriptionTh')}
              autosize
              minRows={2}
              size="md"
              maxLength={DESCRIPTION_MAX}
              value={draft.descriptionTh}
              onChange={(event) => set('descriptionTh', event.currentTarget.value)}
            />
            <Textarea
              label={t('editor.descriptionEn')}
              autosize
              minRows={2}
              size="md"
              maxLength={DESCRIPTION_MAX}
              value={draft.descriptionEn}
              onChange={(event) => set('descriptionEn', event.currentTarget.value)}
            />
          </SimpleGrid>

          {isObec ? (
            <Stack gap={6}>
              <Input.Label size="md" id="campaign-scope">
                {t('editor.scope')}
              </Input.Label>
              <SegmentedControl
                aria-labelledby="campaign-scope"
                fullWidth
                size="md"
                value={draft.scope}
                onChange={(value) => set('scope', value as Draft['scope'])}
                data={[
                  { value: 'national', label: t('editor.scopeNational') },
                  { value: 'area', label: t('editor.scopeArea') },
                ]}
              />
              {draft.scope === 'area' ? area : null}
            </Stack>
          ) : (
            area
          )}

          <Radio.Group
            label={t('editor.goal')}
            size="md"
            value={draft.goal}
            onChange={(value) => set('goal', value as Draft['goal'])}
          >
            <Stack gap="sm" mt={6}>
              {GOALS.map((goal) => (
                <Radio key={goal} value={goal} label={t(`goalKind.${goal}`)} />
              ))}
            </Stack>
          </Radio.Group>

          {draft.goal === 'publish_innovations' ? (
            <NativeSelect
              label={t('editor.learningArea')}
              description={t('editor.learningAreaHint')}
              size="md"
              styles={FIELD}
              value={draft.learningArea}
              onChange={(event) => set('learningArea', event.currentTarget.value)}
              data={[{ value: '', label: t('editor.learningAreaAny') }, ...taxonomy.options('learningAreas')]}
            />
          ) : null}

          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              label={t('editor.target')}
              description={t('editor.targetHint', range(TARGET_MIN, TARGET_MAX))}
              required
              min={TARGET_MIN}
              max={TARGET_MAX}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              thousandSeparator=","
              hideControls
              inputMode="numeric"
              size="md"
              styles={FIELD}
              value={draft.target}
              onChange={(value) => set('target', value === '' ? '' : Number(value))}
              error={shown('target')}
            />
            <NumberInput
              label={t('editor.bonus')}
              description={t('editor.bonusHint', range(BONUS_MIN, BONUS_MAX))}
              required
              min={BONUS_MIN}
              max={BONUS_MAX}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              hideControls
              inputMode="numeric"
              size="md"
              styles={FIELD}
              value={draft.bonusPoints}
              onChange={(value) => set('bonusPoints', value === '' ? '' : Number(value))}
              error={shown('bonusPoints')}
            />
            <TextInput
              type="datetime-local"
              label={t('editor.startsAt')}
              required
              size="md"
              styles={FIELD}
              value={draft.startsAt}
              onChange={(event) => set('startsAt', event.currentTarget.value)}
              error={shown('startsAt')}
            />
            <TextInput
              type="datetime-local"
              label={t('editor.endsAt')}
              description={t('editor.endsAtHint')}
              required
              size="md"
              styles={FIELD}
              value={draft.endsAt}
              onChange={(event) => set('endsAt', event.currentTarget.value)}
              error={shown('endsAt')}
            />
          </SimpleGrid>

          <Stack gap={4}>
            <NativeSelect
              label={t('editor.badge')}
              description={t('editor.badgeHint')}
              size="md"
              styles={FIELD}
              value={draft.badgeCode}
              onChange={(event) => set('badgeCode', event.currentTarget.value)}
              data={[
                { value: '', label: t('editor.badgeNone') },
                ...campaignBadges.map((badge) => ({ value: badge.code, label: pickText(badge, language) })),
              ]}
            />
            {badges.isSuccess && campaignBadges.length === 0 ? (
              <Text size="sm" c="gray.7">
                {t('editor.noCampaignBadges')}
              </Text>
            ) : null}
          </Stack>

          <ProblemAlert error={create.error} title={t('editor.errorTitle')} />
          <Group justify="flex-end" gap="sm">
            <Button component={Link} to="/campaigns" variant="default" h={44}>
              {t('editor.cancel')}
            </Button>
            <Button type="submit" h={44} loading={create.isPending}>
              {t('editor.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
