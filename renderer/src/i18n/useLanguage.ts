import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n';
import { currentLanguage } from './setup';
import { otherLanguage, storeLanguage } from './language';

/** The current UI language and a switch that applies it everywhere and remembers it. */
export function useLanguage(storage: Pick<Storage, 'setItem'> = window.localStorage) {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const setLanguage = useCallback((next: Language) => {
    storeLanguage(storage, next);
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  }, [i18n, storage]);
  const toggle = useCallback(() => setLanguage(otherLanguage(language)), [language, setLanguage]);
  return { language, setLanguage, toggle };
}
