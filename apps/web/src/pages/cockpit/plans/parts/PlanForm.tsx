/**
 * The plan form (seed 000's schedule of an exchange activity): title in Thai (English optional), the level (the area,
 * or a school of the area), the days within the fiscal year, target participants by role and the budget in baht with
 * satang. It checks the values as the API will before calling `onSubmit` with the request body; the first wrong
 * field gets the focus.
 */
import { Button, Group, Paper, Radio, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { FormEvent, ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../../format/format';
import { ProblemAlert } from '../../../../components/ProblemAlert';
import { SchoolSelect } from '../../../admin/parts/pickers';
import { BahtInput } from './BahtInput';
import { CountFields } from './CountFields';
import { dayInstant, fiscalYearDays } from './fiscalYear';
import {
  hasErrors,
  PlanFormErrors,
  PlanFormValues,
  PlanLevel,
  samePlan,
  TITLE_MAX,
  toPlanDto,
  validatePlanForm,
} from './planForm';
import { RoleKey, ROLES } from './roles';
import { FiscalYearSelect } from './shared';

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

export function PlanForm({
  initialValues,
  areaId,
  submitting,
  submitLabel,
  error,
  onSubmit,
  onDirtyChange,
}: {
  initialValues: PlanFormValues;
  areaId: string;
  submitting: boolean;
  submitLabel: string;
  error?: unknown;
  onSubmit: (body: ReturnType<typeof toPlanDto>, values: PlanFormValues) => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t, i18n } = useTranslation('plans');
  const [values, setValues] = useState<PlanFormValues>(initialValues);
  const [errors, setErrors] = useState<PlanFormErrors>({});
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = !samePlan(values, initialValues);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const update = (change: (current: PlanFormValues) => PlanFormValues) =>
    setValues((current) => {
      const next = change(current);
      if (tried) setErrors(validatePlanForm(next));
      return next;
    });
  const set = <K extends keyof PlanFormValues>(key: K, value: PlanFormValues[K]) =>
    update((current) => ({ ...current, [key]: value }));
  const setTarget = (role: RoleKey, value: number | '') =>
    update((current) => ({ ...current, targets: { ...current.targets, [role]: value } }));

  const message = (key: string | undefined) =>
    key ? t(`form.errors.${key}`, { max: TITLE_MAX }) : undefined;
  const { first, last } = fiscalYearDays(values.fiscalYear);
  const dateHint = (day: string) =>
    day
      ? formatDate(dayInstant(day), i18n.language)
      : t('form.hints.dates', {
          first: formatDate(dayInstant(first), i18n.language),
          last: formatDate(dayInstant(last), i18n.language),
        });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validatePlanForm(values);
    setErrors(found);
    setTried(true);
    if (hasErrors(found)) {
      // After React shows the errors, take the admin to the first one.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    onSubmit(toPlanDto(values), values);
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('form.label')}>
      <Stack gap="md">
        <Section title={t('form.sections.about')}>
          <FiscalYearSelect
            value={values.fiscalYear}
            onChange={(year) => set('fiscalYear', year)}
            description={t('form.hints.fiscalYear', {
              first: formatDate(dayInstant(first), i18n.language),
              last: formatDate(dayInstant(last), i18n.language),
            })}
          />
          <TextInput
            label={t('form.fields.title')}
            description={t('form.hints.title')}
            value={values.title}
            onChange={(event) => set('title', event.currentTarget.value)}
            error={message(errors.title)}
            maxLength={TITLE_MAX}
            required
            lang="th"
          />
          <TextInput
            label={t('form.fields.titleEn')}
            value={values.titleEn}
            onChange={(event) => set('titleEn', event.currentTarget.value)}
            error={message(errors.titleEn)}
            maxLength={TITLE_MAX}
            lang="en"
          />
          <Radio.Group
            label={t('form.fields.level')}
            value={values.level}
            onChange={(value) => set('level', value as PlanLevel)}
            required
          >
            <Stack gap={0} mt={4}>
              {(['area', 'school'] as const).map((level) => (
                <Radio
                  key={level}
                  value={level}
                  label={t(`level.${level}`)}
                  size="md"
                  // The label is part of the target: a row of 44 px.
                  styles={{ body: { alignItems: 'center', minHeight: 44 } }}
                />
              ))}
            </Stack>
          </Radio.Group>
          {values.level === 'school' ? (
            <SchoolSelect
              label={t('form.fields.school')}
              placeholder={t('form.hints.school')}
              areaId={areaId}
              value={values.schoolId}
              onChange={(value) => set('schoolId', value)}
              error={message(errors.schoolId)}
              required
            />
          ) : null}
        </Section>

        <Section title={t('form.sections.dates')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              type="date"
              label={t('form.fields.startsOn')}
              description={dateHint(values.startsOn)}
              value={values.startsOn}
              onChange={(event) => set('startsOn', event.currentTarget.value)}
              error={message(errors.startsOn)}
              min={first}
              max={last}
              required
            />
            <TextInput
              type="date"
              label={t('form.fields.endsOn')}
              description={dateHint(values.endsOn)}
              value={values.endsOn}
              onChange={(event) => set('endsOn', event.currentTarget.value)}
              error={message(errors.endsOn)}
              min={values.startsOn || first}
              max={last}
              required
            />
          </SimpleGrid>
        </Section>

        <Section title={t('form.sections.targets')}>
          <CountFields
            prefix="plan-target"
            values={values.targets}
            errors={Object.fromEntries(ROLES.map((role) => [role, message(errors[`targets.${role}`])]))}
            onChange={setTarget}
            totalLabel={t('form.targetTotal')}
          />
        </Section>

        <Section title={t('form.sections.budget')}>
          <BahtInput
            label={t('form.fields.budget')}
            value={values.budget}
            onChange={(value) => set('budget', value)}
            error={message(errors.budget)}
            required
            data-testid="plan-budget"
          />
        </Section>

        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button type="submit" size="lg" loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
