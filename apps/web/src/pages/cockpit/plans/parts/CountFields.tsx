/** The four role counts of seed 000 (targets or actuals) with their total. */
import { NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../format/format';
import { countsTotal, MAX_COUNT, RoleCountValues, RoleKey, ROLES, toNumber } from './roles';

export function CountFields({
  values,
  errors,
  onChange,
  prefix,
  totalLabel,
  descriptions,
}: {
  values: RoleCountValues;
  errors: Partial<Record<RoleKey, string | undefined>>;
  onChange: (role: RoleKey, value: number | '') => void;
  prefix: string;
  totalLabel: string;
  /** A line under each field (the target beside an actual). */
  descriptions?: Partial<Record<RoleKey, string>>;
}) {
  const { t, i18n } = useTranslation('plans');
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
        {ROLES.map((role) => (
          <NumberInput
            key={role}
            id={`${prefix}-${role}`}
            label={t(`roles.${role}`)}
            description={descriptions?.[role]}
            value={values[role]}
            onChange={(value) => onChange(role, toNumber(value))}
            error={errors[role]}
            min={0}
            max={MAX_COUNT}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            thousandSeparator=","
            required
            size="md"
            inputMode="numeric"
            rightSection={
              <Text size="sm" c="dimmed" pr="xs">
                {t('peopleUnit')}
              </Text>
            }
            rightSectionWidth={64}
            data-testid={`${prefix}-${role}`}
          />
        ))}
      </SimpleGrid>
      <Text fw={700} aria-live="polite" data-testid={`${prefix}-total`}>
        {totalLabel}:{' '}
        {t('people', {
          count: countsTotal(values),
          formatted: formatNumber(countsTotal(values), i18n.language),
        })}
      </Text>
    </Stack>
  );
}
