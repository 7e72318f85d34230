// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Providers } from '../test/harness';
import { LANGUAGE_STORAGE_KEY, storedLanguage } from './language';
import { LanguageSwitch } from './LanguageSwitch';
import { createUiI18n } from './setup';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

describe('language switch', () => {
  it('starts in Chinese, switches to English and back, and remembers the choice', () => {
    expect(storedLanguage(localStorage)).toBe('zh-CN');
    const i18n = createUiI18n(storedLanguage(localStorage));
    render(<Providers i18n={i18n}><LanguageSwitch /></Providers>);
    const button = screen.getByTestId('language-switch');
    expect(button.textContent).toContain('English');
    fireEvent.click(button);
    expect(i18n.language).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByTestId('language-switch').textContent).toContain('中文');
    // the next start reads it back
    expect(createUiI18n(storedLanguage(localStorage)).t('app.title')).toBe('HallDesk Counter');
    fireEvent.click(screen.getByTestId('language-switch'));
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
  });

  it('ignores a stored value that is not a language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(storedLanguage(localStorage)).toBe('zh-CN');
  });
});
