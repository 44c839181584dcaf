/**
 * The perk form: texts in Thai and English, category, points, stock, the per-member limit, how it is handed over,
 * the dates it is open, who may redeem it and its pictures. It checks the values against the API's limits before
 * calling `onSubmit` with the request body; the first wrong field gets the focus.
 */
import {
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatePerkDto } from '../../../api/generated/model';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../format/format';
import {
  FULFILMENTS,
  hasErrors,
  LIMIT_PERIODS,
  PerkFormErrors,
  PerkFormValues,
  toPerkDto,
  validatePerkForm,
} from './perkForm';
import { MAX_PERK_IMAGE_MB } from './perkImages';
import { PerkImagesField } from './PerkImagesField';

export interface Option {
  value: string;
  label: string;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section">
      <Stack gap="md">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function toNumber(value: string | number): number | '' {
  if (value === '' || value === null) return '';
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : '';
}

export function PerkForm({
  initialValues,
  categories,
  memberKinds,
  areas,
  submitting,
  submitLabel,
  error,
  onSubmit,
  onDirtyChange,
  footer,
}: {
  initialValues: PerkFormValues;
  categories: Option[];
  memberKinds: Option[];
  areas: Option[];
  submitting: boolean;
  submitLabel: string;
  error?: unknown;
  onSubmit: (body: CreatePerkDto, values: PerkFormValues) => void;
  onDirtyChange?: (dirty: boolean) => void;
  footer?: ReactNode;
}) {
  const { t, i18n } = useTranslation('partner');
  const [values, setValues] = useState<PerkFormValues>(initialValues);
  const [errors, setErrors] = useState<PerkFormErrors>({});
  const [tried, setTried] = useState(false);
  const [uploading, setUploading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(initialValues);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const set = <K extends keyof PerkFormValues>(key: K, value: PerkFormValues[K]) => {
    setValues((current) => {
      const next = { ...current, [key]: value };
      if (tried) setErrors(validatePerkForm(next));
      return next;
    });
  };

  // An upload may end after other edits: it changes the list as it is then.
  const setImages = useCallback(
    (change: (images: string[]) => string[]) =>
      setValues((current) => {
        const next = { ...current, images: change(current.images) };
        if (tried) setErrors(validatePerkForm(next));
        return next;
      }),
    [tried],
  );

  const message = (key: string | undefined) => (key ? t(`editor.errors.${key}`) : undefined);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const found = validatePerkForm(values);
    setErrors(found);
    setTried(true);
    if (hasErrors(found)) {
      // After React shows the errors, take the member to the first one.
      setTimeout(() => {
        const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        first?.focus();
      }, 0);
      return;
    }
    onSubmit(toPerkDto(values), values);
  };

  const dateHint = (day: string) => (day ? formatDate(`${day}T12:00:00+07:00`, i18n.language) : undefined);

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Section title={t('editor.sections.about')}>
          <TextInput
            label={t('editor.fields.title')}
            description={t('editor.hints.title')}
            value={values.title}
            onChange={(event) => set('title', event.currentTarget.value)}
            error={message(errors.title)}
            maxLength={200}
            required
            lang="th"
          />
          <TextInput
            label={t('editor.fields.titleEn')}
            value={values.titleEn}
            onChange={(event) => set('titleEn', event.currentTarget.value)}
            error={message(errors.titleEn)}
            maxLength={200}
            lang="en"
          />
          <Textarea
            label={t('editor.fields.description')}
            description={t('editor.hints.description')}
            value={values.description}
            onChange={(event) => set('description', event.currentTarget.value)}
            error={message(errors.description)}
            autosize
            minRows={4}
            maxRows={12}
            maxLength={10_000}
            required
            size="md"
            lang="th"
          />
          <Textarea
            label={t('editor.fields.descriptionEn')}
            value={values.descriptionEn}
            onChange={(event) => set('descriptionEn', event.currentTarget.value)}
            error={message(errors.descriptionEn)}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={10_000}
            size="md"
            lang="en"
          />
          <Select
            label={t('editor.fields.category')}
            placeholder={t('editor.hints.category')}
            data={categories}
            value={values.category}
            onChange={(value) => set('category', value)}
            error={message(errors.category)}
            required
            allowDeselect={false}
          />
        </Section>

        <Section title={t('editor.sections.points')}>
          <NumberInput
            label={t('editor.fields.cost')}
            description={t('editor.hints.cost')}
            value={values.cost}
            onChange={(value) => set('cost', toNumber(value))}
            error={message(errors.cost)}
            min={1}
            max={1_000_000}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            thousandSeparator=","
            required
            size="md"
            inputMode="numeric"
          />
          <Switch
            label={t('editor.fields.unlimitedStock')}
            checked={values.unlimitedStock}
            onChange={(event) => set('unlimitedStock', event.currentTarget.checked)}
            size="md"
          />
          {!values.unlimitedStock ? (
            <NumberInput
              label={t('editor.fields.stock')}
              description={t('editor.hints.stock')}
              value={values.stock}
              onChange={(value) => set('stock', toNumber(value))}
              error={message(errors.stock)}
              min={0}
              max={10_000_000}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              thousandSeparator=","
              required
              size="md"
              inputMode="numeric"
            />
          ) : null}
          <Switch
            label={t('editor.fields.limitPerMember')}
            checked={values.limitPerMember}
            onChange={(event) => set('limitPerMember', event.currentTarget.checked)}
            size="md"
          />
          {values.limitPerMember ? (
            <Group grow align="flex-start" gap="sm" wrap="wrap">
              <NumberInput
                label={t('editor.fields.perMemberLimit')}
                value={values.perMemberLimit}
                onChange={(value) => set('perMemberLimit', toNumber(value))}
                error={message(errors.perMemberLimit)}
                min={1}
                max={1000}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                required
                size="md"
                inputMode="numeric"
                miw={140}
              />
              <Select
                label={t('editor.fields.limitPeriod')}
                data={LIMIT_PERIODS.map((period) => ({ value: period, label: t(`limitPeriod.${period}`) }))}
                value={values.limitPeriod}
                onChange={(value) => value && set('limitPeriod', value as PerkFormValues['limitPeriod'])}
                allowDeselect={false}
                miw={140}
              />
            </Group>
          ) : null}
        </Section>

        <Section title={t('editor.sections.fulfilment')}>
          <Radio.Group
            label={t('editor.fields.fulfilment')}
            value={values.fulfilment ?? ''}
            onChange={(value) => set('fulfilment', value as PerkFormValues['fulfilment'])}
            error={message(errors.fulfilment)}
            required
          >
            <Stack gap="xs" mt="xs">
              {FULFILMENTS.map((mode) => (
                <Radio.Card
                  key={mode}
                  value={mode}
                  p="sm"
                  radius="md"
                  aria-invalid={Boolean(errors.fulfilment)}
                >
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator mt={2} />
                    <div>
                      <Text fw={700}>{t(`fulfilment.${mode}.title`)}</Text>
                      <Text size="sm" c="dimmed">
                        {t(`fulfilment.${mode}.body`)}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
          {values.fulfilment === 'manual' ? (
            <NumberInput
              label={t('editor.fields.fulfilmentHours')}
              description={t('editor.hints.fulfilmentHours')}
              value={values.fulfilmentHours}
              onChange={(value) => set('fulfilmentHours', toNumber(value))}
              error={message(errors.fulfilmentHours)}
              min={1}
              max={2160}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              required
              size="md"
              inputMode="numeric"
            />
          ) : null}
        </Section>

        <Section title={t('editor.sections.when')}>
          <Text size="sm" c="dimmed">
            {t('editor.hints.when')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              type="date"
              label={t('editor.fields.validFrom')}
              description={dateHint(values.validFrom)}
              value={values.validFrom}
              onChange={(event) => set('validFrom', event.currentTarget.value)}
              error={message(errors.validFrom)}
            />
            <TextInput
              type="date"
              label={t('editor.fields.validUntil')}
              description={dateHint(values.validUntil)}
              value={values.validUntil}
              onChange={(event) => set('validUntil', event.currentTarget.value)}
              error={message(errors.validUntil)}
              min={values.validFrom || undefined}
            />
          </SimpleGrid>
        </Section>

        <Section title={t('editor.sections.who')}>
          <Text size="sm" c="dimmed">
            {t('editor.hints.who')}
          </Text>
          <MultiSelect
            label={t('editor.fields.memberKinds')}
            placeholder={values.memberKinds.length ? undefined : t('editor.hints.anyone')}
            data={memberKinds}
            value={values.memberKinds}
            onChange={(value) => set('memberKinds', value)}
            clearable
            size="md"
          />
          <NativeSelect
            label={t('editor.fields.minLevel')}
            description={t('editor.hints.minLevel')}
            value={values.minLevel}
            onChange={(event) => set('minLevel', event.currentTarget.value)}
            data={[
              { value: '', label: t('editor.hints.anyLevel') },
              ...(['practitioner', 'change_agent', 'influencer'] as const).map((code) => ({
                value: code,
                label: t(`recognition:levels.${code}`),
              })),
            ]}
            size="md"
          />
          <MultiSelect
            label={t('editor.fields.areas')}
            placeholder={values.areaIds.length ? undefined : t('editor.hints.anyArea')}
            data={areas}
            value={values.areaIds}
            onChange={(value) => set('areaIds', value)}
            searchable
            clearable
            nothingFoundMessage={t('editor.hints.noArea')}
            maxValues={245}
            size="md"
          />
        </Section>

        <Section title={t('editor.sections.images')}>
          <Text size="sm" c="dimmed">
            {t('editor.hints.images', { max: MAX_PERK_IMAGE_MB })}
          </Text>
          <PerkImagesField
            images={values.images}
            imageErrors={errors.imageAt}
            onChange={setImages}
            onUploadingChange={setUploading}
          />
          {errors.images ? (
            <Text c="red.9" size="sm">
              {message(errors.images)}
            </Text>
          ) : null}
        </Section>

        {tried && hasErrors(errors) ? (
          <Text c="red.9" fw={600} role="alert">
            {t('editor.errors.summary')}
          </Text>
        ) : null}
        <ProblemAlert error={error} />
        <Group gap="sm" wrap="wrap">
          <Button
            type="submit"
            size="lg"
            loading={submitting}
            disabled={uploading}
            w={{ base: '100%', xs: 'auto' }}
          >
            {submitLabel}
          </Button>
          {footer}
        </Group>
      </Stack>
    </form>
  );
}
