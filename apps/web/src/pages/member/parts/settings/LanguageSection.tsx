import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Language, setLanguage } from '../../../../i18n';
import { Section } from './Section';

export function LanguageSection() {
  const { t, i18n } = useTranslation('member');
  return (
    <Section
      id="language"
      title={t('settings.language.title')}
      description={t('settings.language.description')}
    >
      <SegmentedControl
        aria-label={t('settings.language.title')}
        value={i18n.language === 'en' ? 'en' : 'th'}
        onChange={(value) => void setLanguage(value as Language)}
        fullWidth
        size="md"
        radius="xl"
        data={[
          { value: 'th', label: <span lang="th">{t('settings.language.th')}</span> },
          { value: 'en', label: <span lang="en">{t('settings.language.en')}</span> },
        ]}
      />
    </Section>
  );
}
