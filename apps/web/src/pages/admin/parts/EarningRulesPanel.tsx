/**
 * Earning rules: how many points each action earns, the caps per day, week and month, and whether the rule is on.
 * Every change takes a reason (UpdateRuleDto.reason, audited).
 */
import {
  Badge,
  Button,
  Card,
  DataList,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EarningRuleResponse, UpdateRuleDto } from '../../../api/generated/model';
import {
  getWalletControllerRulesQueryKey,
  useWalletControllerRules,
  useWalletControllerUpdateRule,
} from '../../../api/generated/points/points';
import { EmptyState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate, formatNumber } from '../../../format/format';
import { pickName, QueryGate, REASON_MAX, REASON_MIN } from './shared';

const CAPS = ['capDay', 'capWeek', 'capMonth'] as const;
type Cap = (typeof CAPS)[number];

interface RuleDraft {
  points: number | '';
  capDay: number | '';
  capWeek: number | '';
  capMonth: number | '';
  enabled: boolean;
  reason: string;
}

function toNumber(value: string | number): number | '' {
  if (value === '' || value === null) return '';
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : '';
}

function RuleEditor({ rule, onDone }: { rule: EarningRuleResponse; onDone: () => void }) {
  const { t, i18n } = useTranslation('admin');
  const queryClient = useQueryClient();
  const update = useWalletControllerUpdateRule();
  const [touched, setTouched] = useState(false);
  const [draft, setDraft] = useState<RuleDraft>({
    points: rule.points,
    capDay: rule.capDay ?? '',
    capWeek: rule.capWeek ?? '',
    capMonth: rule.capMonth ?? '',
    enabled: rule.enabled,
    reason: '',
  });
  const reason = draft.reason.trim();
  const problems = {
    points:
      draft.points === '' || !Number.isInteger(draft.points) || draft.points < 1 || draft.points > 100_000
        ? t('rules.errors.points')
        : null,
    ...Object.fromEntries(
      CAPS.map((cap) => {
        const value = draft[cap];
        return [
          cap,
          value !== '' && (!Number.isInteger(value) || value < 1 || value > 1_000_000)
            ? t('rules.errors.cap')
            : null,
        ];
      }),
    ),
    reason:
      reason.length < REASON_MIN
        ? t('reason.tooShort')
        : reason.length > REASON_MAX
          ? t('reason.tooLong')
          : null,
  } as Record<'points' | Cap | 'reason', string | null>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.values(problems).some(Boolean)) return;
    const body = {
      points: draft.points as number,
      capDay: draft.capDay === '' ? null : draft.capDay,
      capWeek: draft.capWeek === '' ? null : draft.capWeek,
      capMonth: draft.capMonth === '' ? null : draft.capMonth,
      enabled: draft.enabled,
      reason,
    };
    try {
      // The generated model types the nullable caps as objects; the API takes whole numbers or null.
      await update.mutateAsync({ code: rule.code, data: body as unknown as UpdateRuleDto });
    } catch {
      return;
    }
    notifications.show({
      color: 'lc',
      message: t('rules.saved', { name: pickName(i18n.language, rule.nameTh, rule.nameEn) }),
    });
    void queryClient.invalidateQueries({ queryKey: getWalletControllerRulesQueryKey() });
    onDone();
  };

  const error = (name: keyof typeof problems) => (touched ? problems[name] : null);

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Switch
          label={t('rules.enabled')}
          description={t('rules.enabledHint')}
          checked={draft.enabled}
          onChange={(event) => {
            const enabled = event.currentTarget.checked;
            setDraft((previous) => ({ ...previous, enabled }));
          }}
          size="md"
        />
        <NumberInput
          label={t('rules.points')}
          required
          min={1}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          value={draft.points}
          onChange={(value) => setDraft((previous) => ({ ...previous, points: toNumber(value) }))}
          error={error('points')}
          size="md"
          data-autofocus
        />
        <Fieldset legend={t('rules.caps')} variant="unstyled">
          <Text size="xs" c="dimmed" mb="xs">
            {t('rules.capsHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            {CAPS.map((cap) => (
              <NumberInput
                key={cap}
                label={t(`rules.${cap}`)}
                placeholder={t('rules.noCap')}
                min={1}
                max={1_000_000}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                value={draft[cap]}
                onChange={(value) => setDraft((previous) => ({ ...previous, [cap]: toNumber(value) }))}
                error={error(cap)}
                size="md"
              />
            ))}
          </SimpleGrid>
        </Fieldset>
        <Textarea
          label={t('rules.reason')}
          description={t('reason.hint')}
          required
          autosize
          minRows={2}
          value={draft.reason}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setDraft((previous) => ({ ...previous, reason: value }));
          }}
          error={error('reason')}
        />
        <ProblemAlert error={update.error} />
        <Group justify="flex-end" gap="sm">
          <Button h={44} variant="default" onClick={onDone} disabled={update.isPending}>
            {t('common:actions.cancel')}
          </Button>
          <Button h={44} type="submit" loading={update.isPending} data-testid="rule-save">
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RuleCard({ rule, onEdit }: { rule: EarningRuleResponse; onEdit: () => void }) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const name = pickName(lang, rule.nameTh, rule.nameEn);
  const cap = (value: number | null) => (value == null ? t('rules.noCap') : formatNumber(value, lang));
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      data-testid="earning-rule"
      data-code={rule.code}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {rule.code} · {t(`rules.beneficiary.${rule.beneficiary}`)}
            </Text>
          </div>
          <Badge
            variant={rule.enabled ? 'light' : 'outline'}
            color={rule.enabled ? 'lc' : 'gray'}
            style={{ flexShrink: 0 }}
          >
            {rule.enabled ? t('rules.on') : t('rules.off')}
          </Badge>
        </Group>
        <Text fw={700} size="xl">
          {t('common:points', { count: rule.points, formatted: formatNumber(rule.points, lang) })}
        </Text>
        <DataList orientation="horizontal" size="sm" gap={4} labelWidth={110}>
          {CAPS.map((key) => (
            <DataList.Item key={key}>
              <DataList.ItemLabel>{t(`rules.${key}`)}</DataList.ItemLabel>
              <DataList.ItemValue>{cap(rule[key])}</DataList.ItemValue>
            </DataList.Item>
          ))}
          {rule.activeFrom || rule.activeUntil ? (
            <DataList.Item>
              <DataList.ItemLabel>{t('rules.period')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {formatDate(rule.activeFrom, lang) || '…'} – {formatDate(rule.activeUntil, lang) || '…'}
              </DataList.ItemValue>
            </DataList.Item>
          ) : null}
        </DataList>
        <Text size="xs" c="dimmed">
          {t('rules.updated', { date: formatDate(rule.updatedAt, lang) })}
        </Text>
        <Button
          h={44}
          variant="light"
          leftSection={<IconPencil size={18} aria-hidden />}
          onClick={onEdit}
          aria-label={t('rules.editNamed', { name })}
          data-testid="rule-edit"
        >
          {t('common:actions.edit')}
        </Button>
      </Stack>
    </Card>
  );
}

export function EarningRulesPanel() {
  const { t, i18n } = useTranslation('admin');
  const phone = useMediaQuery('(max-width: 36em)');
  const rules = useWalletControllerRules();
  const [editing, setEditing] = useState<EarningRuleResponse | null>(null);
  const items = rules.data?.data.items ?? [];
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('rules.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('rules.intro')}
        </Text>
      </div>
      <QueryGate query={rules} errorTitle={t('loadError')}>
        {items.length === 0 ? (
          <EmptyState title={t('rules.empty')} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {items.map((rule) => (
              <RuleCard key={rule.code} rule={rule} onEdit={() => setEditing(rule)} />
            ))}
          </SimpleGrid>
        )}
      </QueryGate>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing
            ? t('rules.editTitle', { name: pickName(i18n.language, editing.nameTh, editing.nameEn) })
            : ''
        }
        size="lg"
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        {editing ? <RuleEditor key={editing.code} rule={editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}
