/**
 * Where HallDesk keeps its data when no --data or HALLDESK_DATA is given: the same folder Electron's
 * app.getPath('userData') answers for an app named HallDesk (%APPDATA%\HallDesk on Windows,
 * ~/Library/Application Support/HallDesk on macOS, $XDG_CONFIG_HOME/HallDesk or ~/.config/HallDesk on
 * Linux), so the CLI and the desktop app share one database without importing Electron.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'HallDesk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
