import type { ThemeConfig } from 'antd';

/** Calm, high-contrast, large enough to read across a counter all day. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fbf',
    fontSize: 15,
    borderRadius: 6,
    fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", system-ui, sans-serif',
  },
};
