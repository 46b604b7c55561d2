import { createContext, useContext } from 'react';
import type { PreviewPoller } from '../terminal/preview-poller.js';

export const PreviewPollerContext = createContext<PreviewPoller | null>(null);

export function usePreviewPoller(): PreviewPoller | null {
  return useContext(PreviewPollerContext);
}
