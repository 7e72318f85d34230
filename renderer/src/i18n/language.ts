/** The UI language: zh-CN unless the clerk switched to English; the choice persists in localStorage. */
import { DEFAULT_LANGUAGE, isLanguage } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n';

export const LANGUAGE_STORAGE_KEY = 'halldesk.language';

export function storedLanguage(storage: Pick<Storage, 'getItem'>): Language {
  try {
    const value = storage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(storage: Pick<Storage, 'setItem'>, language: Language): void {
  try {
    storage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage full or disabled: the switch still applies to this session.
  }
}

export function otherLanguage(language: Language): Language {
  return language === 'zh-CN' ? 'en' : 'zh-CN';
}
