/**
 * The report of what happened (seed 004's results): participants by role beside their targets, classroom supervision
 * visits, the budget spent and notes. It checks the values as the API will, then calls `onSubmit` with the body,
 * which carries the revision the report was made from.
 */
import { Button, Group, NumberInput, Stack, Textarea } from '@mantine/core';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityPlanResponse } from '../../../../api/generated/model';
import { formatNumber } from '../../../../format/format';
import { BahtInput } from './BahtInput';
import { CountFields } from './CountFields';
import { parseBaht } from './money';
import { hasErrors } from './planForm';
import {
  NOTES_MAX,
  ReportBody,
  ReportFormErrors,
  ReportFormValues,
  toReportDto,
  validateReportForm,
} from './reportForm';
import { MAX_COUNT, RoleKey, ROLES, toNumber } from './roles';
import { useBaht } from './shared';

function canonical(values: ReportFormValues): string {
  return JSON.stringify({
    ...values,
    budgetSpent: parseBaht(values.budgetSpent) ?? values.budgetSpent.trim(),
  });
}

export function ReportForm({
  plan,
  initialValues,
  baseRevision,
  submitting,
  onSubmit,
  onCancel,
  onDirtyChange,
}: {
  plan: ActivityPlanResponse;
  initialValues: ReportFormValues;
  baseRevision: number;
  submitting: boolean;
  onSubmit: (body: ReportBody) => void;
  onCancel?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t, i18n } = useTranslation('plans');
  const baht = useBaht();
  const [values, setValues] = useState<ReportFormValues>(initialValues);
  const [errors, setErrors] = useState<ReportFormErrors>({});
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = canonical(values) !== canonical(initialValues);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const update = (change: (current: ReportFormValues) => ReportFormValues) =>
    setValues((current) => {
      const next = change(current);
      if (tried) setErrors(validateReportForm(next));
      return next;
    });
  const message = (key: string | undefined) =>
    key ? t(`form.errors.${key}`, { max: NOTES_MAX }) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateReportForm(values);
    setErrors(found);
    setTried(true);
    if (hasErrors(found)) {
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    onSubmit(toReportDto(values, baseRevision));
  };

  const targetOf = (role: RoleKey) =>
    t('report.targetHint', {
      count: plan.targets[role],
      formatted: formatNumber(plan.targets[role], i18n.language),
    });

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('report.formLabel')}>
      <Stack gap="md">
        <CountFields
          prefix="report-actual"
          values={values.participants}
          errors={Object.fromEntries(ROLES.map((role) => [role, message(errors[`participants.${role}`])]))}
          descriptions={Object.fromEntries(ROLES.map((role) => [role, targetOf(role)]))}
          onChange={(role, value) =>
            update((current) => ({ ...current, participants: { ...current.participants, [role]: value } }))
          }
          totalLabel={t('report.actualTotal')}
        />
        <NumberInput
          label={t('report.fields.supervisionVisits')}
          description={t('report.hints.supervisionVisits')}
          value={values.supervisionVisits}
          onChange={(value) => update((current) => ({ ...current, supervisionVisits: toNumber(value) }))}
          error={message(errors.supervisionVisits)}
          min={0}
          max={MAX_COUNT}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          thousandSeparator=","
          required
          size="md"
          inputMode="numeric"
          data-testid="report-visits"
        />
        <BahtInput
          label={t('report.fields.budgetSpent')}
          description={t('report.hints.budgetSpent', { planned: baht(plan.budget) })}
          value={values.budgetSpent}
          onChange={(value) => update((current) => ({ ...current, budgetSpent: value }))}
          error={message(errors.budgetSpent)}
          required
          data-testid="report-budget"
        />
        <Textarea
          label={t('report.fields.notes')}
          description={t('report.hints.notes')}
          value={values.notes}
          onChange={(event) => {
            const notes = event.currentTarget.value;
            update((current) => ({ ...current, notes }));
          }}
          error={message(errors.notes)}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={NOTES_MAX}
          size="md"
          lang="th"
        />
        <Group justify="flex-end" gap="sm" wrap="wrap-reverse">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={submitting}>
              {t('common:actions.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={submitting}>
            {baseRevision === 0 ? t('report.submit') : t('report.submitCorrection')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
