/**
 * One i18next setup for the backend's messages, the UI and the slips. zh-CN is the default and the
 * fallback; English is the second language.
 */
import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import zhErrors from './locales/zh-CN/errors.json';
import enErrors from './locales/en/errors.json';
import zhSlips from './locales/zh-CN/slips.json';
import enSlips from './locales/en/slips.json';
import zhUi from './locales/zh-CN/ui.json';
import enUi from './locales/en/ui.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const RESOURCES = {
  'zh-CN': { errors: zhErrors, ui: zhUi, slips: zhSlips },
  en: { errors: enErrors, ui: enUi, slips: enSlips },
} as const;

/** A separate instance per caller, so the backend's language never follows the UI's global state. */
export function createI18n(language: Language = DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: RESOURCES,
    ns: ['errors'],
    defaultNS: 'errors',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** One i18n instance per language, made on first use: documents are rendered in each caller's language. */
export function translatorCache(): (language: Language) => I18n {
  const made = new Map<Language, I18n>();
  return (language) => {
    const existing = made.get(language) ?? createI18n(language);
    made.set(language, existing);
    return existing;
  };
}
