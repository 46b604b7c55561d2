import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff.js';
import { takeToken, webSocketUrl } from './token.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('takeToken', () => {
  it('takes ?token= once, keeps it for the tab and strips it from the URL', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const location = { href: 'http://127.0.0.1:7000/?token=abc&x=1#top', host: '127.0.0.1:7000', protocol: 'http:' };
    expect(takeToken(location, storage, (url) => replaced.push(url))).toBe('abc');
    expect(replaced).toEqual(['/?x=1#top']);
    const reloaded = { ...location, href: 'http://127.0.0.1:7000/?x=1#top' };
    expect(takeToken(reloaded, storage, (url) => replaced.push(url))).toBe('abc');
    expect(replaced).toHaveLength(1);
  });

  it('has none without URL or storage (the HttpOnly cookie may still authorize)', () => {
    expect(takeToken({ href: 'http://h/', host: 'h', protocol: 'http:' }, memoryStorage(), () => {})).toBeNull();
  });
});

describe('webSocketUrl', () => {
  it('uses the page host, wss on https, and encodes the token', () => {
    expect(webSocketUrl({ href: '', host: 'h:1', protocol: 'http:' }, 'a+b')).toBe('ws://h:1/ws?token=a%2Bb');
    expect(webSocketUrl({ href: '', host: 'h', protocol: 'https:' }, null)).toBe('wss://h/ws');
  });
});

describe('reconnectDelay', () => {
  it('doubles from 250 ms up to 5 s, with jitter of ±20%', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => reconnectDelay(n, mid))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(reconnectDelay(0, () => 0)).toBe(200);
    expect(reconnectDelay(0, () => 1)).toBe(300);
  });
});
