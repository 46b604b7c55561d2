import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../stores/prefs-store.js';

const DARK: ITheme = {
  background: '#0d1016',
  foreground: '#d7dbe4',
  cursor: '#7aa2ff',
  cursorAccent: '#0d1016',
  selectionBackground: '#2c3a5a',
  black: '#1b1f27',
  brightBlack: '#5c6370',
  red: '#f16b6b',
  green: '#7fcf8a',
  yellow: '#e6c06b',
  blue: '#74a7ff',
  magenta: '#c792ea',
  cyan: '#6fd3e3',
  white: '#d7dbe4',
};

const LIGHT: ITheme = {
  background: '#fbfbfd',
  foreground: '#1f2430',
  cursor: '#3059d9',
  cursorAccent: '#fbfbfd',
  selectionBackground: '#c9d6ff',
  black: '#1f2430',
  brightBlack: '#6b7280',
  red: '#c62f2f',
  green: '#2d8a3e',
  yellow: '#9a6b00',
  blue: '#2457d6',
  magenta: '#8a3fc2',
  cyan: '#0f7f91',
  white: '#e5e7eb',
};

export function terminalTheme(theme: Theme): ITheme {
  return theme === 'light' ? LIGHT : DARK;
}

export const TERMINAL_FONT = "'JetBrains Mono', 'Fira Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace";
