/**
 * Every text a person reads lives in src/i18n/locales/<th|en>/<namespace>.json, one namespace per area of the app.
 * Thai is the default; the choice persists in localStorage (`lc.language`) and sets `<html lang>`.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/http';

export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'lc.language';

type Bundle = Record<string, unknown>;
const files = import.meta.glob<Bundle>('./locales/*/*.json', { eager: true, import: 'default' });

export function buildResources(): Record<Language, Record<string, Bundle>> {
  const resources: Record<Language, Record<string, Bundle>> = { th: {}, en: {} };
  for (const [path, bundle] of Object.entries(files)) {
    const match = /\.\/locales\/(th|en)\/([\w-]+)\.json$/.exec(path);
    if (match) resources[match[1] as Language][match[2]] = bundle;
  }
  return resources;
}

export const NAMESPACES = Object.keys(buildResources().th);

export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  setApiLanguage(language);
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this visit
  }
  await i18n.changeLanguage(language);
}

export function initI18n(language: Language = storedLanguage()): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: buildResources(),
      lng: language,
      fallbackLng: 'th',
      ns: NAMESPACES,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
    i18n.on('languageChanged', applyLanguage);
  }
  applyLanguage(i18n.language);
  return i18n;
}

export default i18n;
