/**
 * The UI's i18next instance: the shared resources ('ui' for the screens, 'errors' for codes), zh-CN
 * first and as fallback. Its own instance, so nothing else's language follows the UI's.
 */
import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, RESOURCES, isLanguage } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n';

export function createUiI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['zh-CN', 'en'],
    resources: RESOURCES,
    ns: ['ui', 'errors'],
    defaultNS: 'ui',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export function currentLanguage(i18n: I18n): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}
