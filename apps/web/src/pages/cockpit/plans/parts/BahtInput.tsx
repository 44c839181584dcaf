/** An amount of baht with satang, typed as people write it and kept as text (never a float). */
import { TextInput, TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { groupBaht, parseBaht } from './money';

export function BahtInput({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('plans');
  return (
    <TextInput
      description={t('form.hints.baht')}
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={() => {
        // Written back with separators once it is a valid amount: 497000 → 497,000.00.
        const parsed = parseBaht(value);
        if (parsed !== null) onChange(groupBaht(parsed));
      }}
      inputMode="decimal"
      autoComplete="off"
      rightSection={t('bahtUnit')}
      rightSectionWidth={48}
      size="md"
    />
  );
}
