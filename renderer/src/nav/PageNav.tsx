import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/vocabulary';
import { pagesFor, shortcutOf } from './pages';
import type { PageName } from './pages';

export interface PageNavProps {
  readonly role: Role;
  readonly page: PageName;
  readonly onGo: (page: PageName) => void;
  /** Badges: overdue deposits, pending approvals. */
  readonly counts?: Partial<Record<PageName, number>>;
}

/** The page menu under the top bar; every entry also opens with its Alt+digit key. */
export function PageNav({ role, page, onGo, counts = {} }: PageNavProps) {
  const { t } = useTranslation();
  return (
    <nav className="page-nav" aria-label={t('nav.title')} data-testid="page-nav">
      {pagesFor(role).map((name) => {
        const shortcut = shortcutOf(name);
        return (
          <Badge key={name} count={counts[name] ?? 0} size="small" offset={[-4, 2]}>
            <Button data-testid={`nav-${name}`} type={name === page ? 'primary' : 'text'} aria-current={name === page ? 'page' : undefined}
              onClick={() => onGo(name)}>
              {t(`nav.${name}`)} {shortcut && <kbd className="key-hint">{shortcut}</kbd>}
            </Button>
          </Badge>
        );
      })}
    </nav>
  );
}
