import { Button } from 'antd';
import TranslationOutlined from '@ant-design/icons/TranslationOutlined';
import { useTranslation } from 'react-i18next';
import { useLanguage } from './useLanguage';

/** One button: shows the other language's name and switches to it (remembered for the next start). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { toggle } = useLanguage();
  return (
    <Button data-testid="language-switch" icon={<TranslationOutlined />} onClick={toggle} title={t('lang.switchTitle')}>
      {t('lang.other')}
    </Button>
  );
}
