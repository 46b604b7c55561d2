const STORAGE_KEY = 'flotilla.token';

interface PageLocation {
  href: string;
  host: string;
  protocol: string;
}

/**
 * The host token: taken from `?token=` on first load (then stripped from the visible URL and kept for
 * this tab), else the one kept earlier. The host also sets an HttpOnly cookie, so none may be needed.
 */
export function takeToken(
  location: PageLocation,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  replaceUrl: (url: string) => void,
): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    replaceUrl(`${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(STORAGE_KEY);
}

export function webSocketUrl(location: PageLocation, token: string | null): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
