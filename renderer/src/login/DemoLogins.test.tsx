// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Providers } from '../test/harness';
import { createUiI18n } from '../i18n/setup';
import { DemoLogins } from './DemoLogins';
import type { ApiClient } from '../api/client';

afterEach(cleanup);

const DEMO = [
  { username: 'li.clerk', password: 'clerk1234', role: 'clerk' as const, displayName: '李晓梅' },
  { username: 'zhang.sup', password: 'super1234', role: 'supervisor' as const, displayName: '张主管' },
];

function clientAnswering(demo: boolean): ApiClient {
  const value = { hallName: null, counterCode: 'A01', demo, demoLogins: demo ? DEMO : [] };
  return { call: vi.fn(async () => ({ ok: true as const, value })) } as unknown as ApiClient;
}

describe('demo logins on the login screen', () => {
  it('lists the demo logins of a demo hall and fills the form when one is picked', async () => {
    const onPick = vi.fn();
    render(<Providers i18n={createUiI18n('zh-CN')}><DemoLogins client={clientAnswering(true)} onPick={onPick} /></Providers>);
    const rows = await screen.findAllByTestId('demo-login');
    expect(rows.map((r) => r.textContent)).toEqual(['收费员li.clerkclerk1234', '班长zhang.supsuper1234']);
    fireEvent.click(rows[1]!);
    expect(onPick).toHaveBeenCalledWith(DEMO[1]);
  });

  it('shows nothing for a real hall', async () => {
    const client = clientAnswering(false);
    render(<Providers i18n={createUiI18n('zh-CN')}><DemoLogins client={client} onPick={vi.fn()} /></Providers>);
    await vi.waitFor(() => expect(client.call).toHaveBeenCalledWith('auth.loginInfo', {}));
    expect(screen.queryByTestId('demo-logins')).toBeNull();
  });
});
