/**
 * Badges (OBEC admins): every badge, active or not (GET /admin/recognition/badges), with its picture, names, how it
 * is earned and what it counts. A badge is created (POST) or edited whole (PUT, the code stays); switching it off
 * stops new awards but keeps those given. The form refuses what the API would (code pattern, empty names, a number
 * outside 1–1,000,000); what the API still refuses (VALIDATION_FAILED, RECOGNITION_BADGE_INVALID,
 * RECOGNITION_BADGE_EXISTS) is shown in the form in the API's words, with the fields it names.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Image,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BadgeFieldsDto, BadgeResponse } from '../../../api/generated/model';
import { BadgeFieldsDtoColour, BadgeFieldsDtoCriterion } from '../../../api/generated/model';
import {
  getBadgesControllerAllQueryKey,
  getBadgesControllerListQueryKey,
  useBadgesControllerAll,
  useBadgesControllerCreate,
  useBadgesControllerUpdate,
} from '../../../api/generated/recognition/recognition';
import { ApiError } from '../../../api/http';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatNumber } from '../../../format/format';
import { pickName, QueryGate } from './shared';
import { badgeImageSrc } from '../../recognition/growth';

/** The API's bounds (CreateBadgeDto / BadgeFieldsDto). */
export const CODE_PATTERN = /^[a-z0-9_]{3,40}$/;
export const REQUIRED_MIN = 1;
export const REQUIRED_MAX = 1_000_000;

/** Fields at least 44 px high, for a finger. */
const FIELD = { input: { minHeight: 44 } };

const CRITERIA = Object.values(BadgeFieldsDtoCriterion);
const COLOURS = Object.values(BadgeFieldsDtoColour);

/** The problems of the API this form explains itself; anything else goes to the generic alert. */
const BADGE_PROBLEMS = new Set([
  'VALIDATION_FAILED',
  'RECOGNITION_BADGE_INVALID',
  'RECOGNITION_BADGE_EXISTS',
]);

interface Draft {
  code: string;
  th: string;
  en: string;
  descriptionTh: string;
  descriptionEn: string;
  criteriaTh: string;
  criteriaEn: string;
  criterion: string;
  required: number | '';
  colour: string;
  active: boolean;
}

const EMPTY: Draft = {
  code: '',
  th: '',
  en: '',
  descriptionTh: '',
  descriptionEn: '',
  criteriaTh: '',
  criteriaEn: '',
  criterion: 'innovations_published',
  required: 1,
  colour: 'teal',
  active: true,
};

function draftOf(badge: BadgeResponse): Draft {
  return {
    code: badge.code,
    th: badge.th,
    en: badge.en,
    descriptionTh: badge.description.th,
    descriptionEn: badge.description.en,
    criteriaTh: badge.criteria.th,
    criteriaEn: badge.criteria.en,
    criterion: badge.criterion,
    required: badge.required,
    colour: badge.colour,
    active: badge.active,
  };
}

/** The fields of a PUT (all but the code), from a draft that passed the checks. */
export function fieldsOf(draft: Draft): BadgeFieldsDto {
  return {
    th: draft.th.trim(),
    en: draft.en.trim(),
    description: { th: draft.descriptionTh.trim(), en: draft.descriptionEn.trim() },
    criteria: { th: draft.criteriaTh.trim(), en: draft.criteriaEn.trim() },
    criterion: draft.criterion as BadgeFieldsDto['criterion'],
    required: draft.required as number,
    colour: draft.colour as BadgeFieldsDto['colour'],
    active: draft.active,
  };
}

/** Invalidate both the admin list and the members' catalogue: a badge's change shows on /badges too. */
function useRefreshBadges() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: getBadgesControllerAllQueryKey() }),
      queryClient.invalidateQueries({ queryKey: getBadgesControllerListQueryKey() }),
    ]);
}

function BadgeForm({
  badge,
  opened,
  onClose,
}: {
  /** null: a new badge. */
  badge: BadgeResponse | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('recognition');
  const language = i18n.language;
  const phone = useMediaQuery('(max-width: 36em)');
  const refresh = useRefreshBadges();
  const create = useBadgesControllerCreate();
  const update = useBadgesControllerUpdate();
  const mutation = badge ? update : create;
  const [draft, setDraft] = useState<Draft>(badge ? draftOf(badge) : EMPTY);
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));

  const needed = t('adminBadges.form.needed');
  const problems: Partial<Record<keyof Draft, string>> = {};
  if (!badge && !CODE_PATTERN.test(draft.code)) problems.code = t('adminBadges.form.codeRule');
  for (const key of ['th', 'en', 'descriptionTh', 'descriptionEn', 'criteriaTh', 'criteriaEn'] as const)
    if (!draft[key].trim()) problems[key] = needed;
  if (
    draft.required === '' ||
    !Number.isInteger(draft.required) ||
    draft.required < REQUIRED_MIN ||
    draft.required > REQUIRED_MAX
  )
    problems.required = t('adminBadges.form.requiredRange', {
      min: formatNumber(REQUIRED_MIN, language),
      max: formatNumber(REQUIRED_MAX, language),
    });
  const invalid = Object.keys(problems).length > 0;
  const shown = (key: keyof Draft) => (touched ? (problems[key] ?? null) : null);

  const error = mutation.error;
  // On a phone the refusal is below the fold: bring it into view when it arrives.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) alertRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  const known = error instanceof ApiError && error.code && BADGE_PROBLEMS.has(error.code) ? error : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (invalid) return;
    try {
      if (badge) await update.mutateAsync({ code: badge.code, data: fieldsOf(draft) });
      else await create.mutateAsync({ data: { code: draft.code, ...fieldsOf(draft) } });
    } catch {
      return; // shown in the form
    }
    await refresh();
    onClose();
    notifications.show({
      color: 'lc',
      message: t(badge ? 'adminBadges.form.saved' : 'adminBadges.form.created', {
        name: pickName(language, draft.th.trim(), draft.en.trim()),
      }),
    });
  };

  const text = (key: keyof Draft, label: string, long = false) => {
    const props = {
      label,
      required: true,
      value: draft[key] as string,
      error: shown(key),
      size: 'md' as const,
      styles: FIELD,
      onChange: (event: { currentTarget: { value: string } }) => set(key, event.currentTarget.value as never),
    };
    return long ? <Textarea {...props} autosize minRows={2} maxRows={6} /> : <TextInput {...props} />;
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        badge
          ? t('adminBadges.form.editTitle', { name: pickName(language, badge.th, badge.en) })
          : t('adminBadges.form.createTitle')
      }
      fullScreen={phone}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common:actions.close'), size: 44 }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {badge ? (
            <Text size="sm" c="dimmed">
              {t('adminBadges.form.codeFixed', { code: badge.code })}
            </Text>
          ) : (
            <TextInput
              label={t('adminBadges.form.code')}
              description={t('adminBadges.form.codeRule')}
              required
              size="md"
              styles={FIELD}
              value={draft.code}
              onChange={(event) => set('code', event.currentTarget.value)}
              error={shown('code')}
              data-autofocus
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text('th', t('adminBadges.form.nameTh'))}
            {text('en', t('adminBadges.form.nameEn'))}
            {text('descriptionTh', t('adminBadges.form.descriptionTh'), true)}
            {text('descriptionEn', t('adminBadges.form.descriptionEn'), true)}
            {text('criteriaTh', t('adminBadges.form.criteriaTh'), true)}
            {text('criteriaEn', t('adminBadges.form.criteriaEn'), true)}
          </SimpleGrid>
          <NativeSelect
            label={t('adminBadges.form.criterion')}
            size="md"
            styles={FIELD}
            value={draft.criterion}
            onChange={(event) => set('criterion', event.currentTarget.value)}
            data={CRITERIA.map((code) => ({ value: code, label: t(`adminBadges.criteria.${code}`) }))}
          />
          <NumberInput
            label={t('adminBadges.form.required')}
            description={t('adminBadges.form.requiredHint', {
              min: formatNumber(REQUIRED_MIN, language),
              max: formatNumber(REQUIRED_MAX, language),
            })}
            required
            min={REQUIRED_MIN}
            max={REQUIRED_MAX}
            allowDecimal={false}
            allowNegative={false}
            // Said, not silently corrected: a 0 typed stays 0 and the field tells the range.
            clampBehavior="none"
            thousandSeparator=","
            hideControls
            inputMode="numeric"
            size="md"
            styles={FIELD}
            value={draft.required}
            onChange={(value) =>
              set('required', value === '' ? '' : typeof value === 'number' ? value : Number(value))
            }
            error={shown('required')}
          />
          <NativeSelect
            label={t('adminBadges.form.colour')}
            size="md"
            styles={FIELD}
            value={draft.colour}
            onChange={(event) => set('colour', event.currentTarget.value)}
            data={COLOURS.map((code) => ({ value: code, label: t(`adminBadges.colours.${code}`) }))}
          />
          <Switch
            size="md"
            label={t('adminBadges.form.active')}
            description={t('adminBadges.form.activeHint')}
            checked={draft.active}
            onChange={(event) => set('active', event.currentTarget.checked)}
          />
          {touched && invalid ? (
            <Text size="sm" c="red.9" role="alert">
              {t('adminBadges.form.fix')}
            </Text>
          ) : null}
          <div ref={alertRef}>
            {known ? (
              <Alert color="red" role="alert" variant="light" title={t('adminBadges.form.refused')}>
                <Text size="sm">
                  {known.code === 'RECOGNITION_BADGE_EXISTS'
                    ? t('adminBadges.form.exists', { code: draft.code })
                    : (known.problem.title ?? '')}
                </Text>
                {(known.problem.errors ?? [])
                  .filter((item) => item.message)
                  .map((item, index) => (
                    <Text size="sm" key={index}>
                      {item.field ? `${item.field}: ` : ''}
                      {item.message}
                    </Text>
                  ))}
                {known.code === 'RECOGNITION_BADGE_INVALID' && known.problem.detail ? (
                  <Text size="sm">{known.problem.detail}</Text>
                ) : null}
              </Alert>
            ) : (
              <ProblemAlert error={error} title={t('adminBadges.form.refused')} />
            )}
          </div>
          <Group justify="flex-end" gap="sm">
            <Button h={44} variant="default" onClick={onClose} disabled={mutation.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button h={44} type="submit" loading={mutation.isPending} data-testid="badge-save">
              {badge ? t('adminBadges.form.save') : t('adminBadges.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function BadgeCard({ badge, onEdit }: { badge: BadgeResponse; onEdit: () => void }) {
  const { t, i18n } = useTranslation('recognition');
  const language = i18n.language;
  const refresh = useRefreshBadges();
  const toggle = useBadgesControllerUpdate();
  const name = pickName(language, badge.th, badge.en);
  const other = language === 'en' ? badge.th : badge.en;
  const setActive = async () => {
    try {
      await toggle.mutateAsync({
        code: badge.code,
        data: fieldsOf({ ...draftOf(badge), active: !badge.active }),
      });
    } catch {
      return; // shown on the card
    }
    await refresh();
    notifications.show({
      color: 'lc',
      message: t(badge.active ? 'adminBadges.deactivated' : 'adminBadges.activated', { name }),
    });
  };
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-label={name}
      data-testid="admin-badge"
      data-code={badge.code}
      style={badge.active ? undefined : { background: 'var(--mantine-color-gray-0)' }}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Image
            src={badgeImageSrc(badge.image)}
            alt={t('adminBadges.picture', { name })}
            w={56}
            h={56}
            fit="contain"
            style={{ flexShrink: 0, opacity: badge.active ? 1 : 0.55 }}
          />
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {other}
            </Text>
            <Group gap={6}>
              <Badge
                size="sm"
                variant={badge.active ? 'light' : 'outline'}
                // Dark text on the light fill, for 4.5:1 contrast.
                color={badge.active ? 'teal' : 'gray'}
                c={badge.active ? 'teal.9' : 'gray.8'}
                tt="none"
              >
                {badge.active ? t('adminBadges.active') : t('adminBadges.inactive')}
              </Badge>
              <Text size="xs" c="dimmed" ff="monospace">
                {badge.code}
              </Text>
            </Group>
          </Stack>
        </Group>
        <Text size="sm">{pickName(language, badge.description.th, badge.description.en)}</Text>
        <Text size="sm">
          <Text span fw={600}>
            {t('adminBadges.how')}
          </Text>{' '}
          {pickName(language, badge.criteria.th, badge.criteria.en)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('adminBadges.counts', {
            criterion: t(`adminBadges.criteria.${badge.criterion}`, { defaultValue: badge.criterion }),
            required: formatNumber(badge.required, language),
          })}
        </Text>
        <ProblemAlert error={toggle.error} title={t('adminBadges.toggleFailed')} />
        <SimpleGrid cols={2} spacing="sm">
          <Button
            h={44}
            variant="default"
            leftSection={<IconPencil size={18} aria-hidden />}
            onClick={onEdit}
            aria-label={t('adminBadges.editNamed', { name })}
          >
            {t('adminBadges.edit')}
          </Button>
          <Button
            h={44}
            variant={badge.active ? 'default' : 'light'}
            color={badge.active ? 'red.9' : undefined}
            c={badge.active ? 'red.9' : undefined}
            onClick={() => void setActive()}
            loading={toggle.isPending}
            aria-label={t(badge.active ? 'adminBadges.deactivateNamed' : 'adminBadges.activateNamed', {
              name,
            })}
          >
            {badge.active ? t('adminBadges.deactivate') : t('adminBadges.activate')}
          </Button>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

export function BadgesPanel() {
  const { t } = useTranslation('recognition');
  const view = useBadgesControllerAll({ query: { staleTime: 30_000 } });
  // undefined: closed; null: a new badge; a badge: editing it.
  const [editing, setEditing] = useState<BadgeResponse | null | undefined>(undefined);
  const badges = view.data?.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ flex: 1, minWidth: 220 }}>
          <Title order={2} size="h3">
            {t('adminBadges.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('adminBadges.intro')}
          </Text>
        </div>
        <Button h={44} leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing(null)}>
          {t('adminBadges.new')}
        </Button>
      </Group>
      <QueryGate query={view} errorTitle={t('admin:loadError')}>
        {badges.length === 0 ? (
          <Text c="dimmed">{t('adminBadges.none')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
            {badges.map((badge) => (
              <BadgeCard key={badge.code} badge={badge} onEdit={() => setEditing(badge)} />
            ))}
          </SimpleGrid>
        )}
      </QueryGate>
      {editing !== undefined ? (
        <BadgeForm
          // A new form for each badge: the draft starts from what is stored.
          key={editing?.code ?? 'new'}
          badge={editing}
          opened
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </Stack>
  );
}
