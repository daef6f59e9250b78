import type { Location } from 'react-router-dom';

/** A message carried to the next page through the router's location state (e.g. "log in first"). */
export interface Notice {
  kind: 'info' | 'warning' | 'success';
  text: string;
}

export function noticeOf(location: Location): Notice | null {
  const state = location.state as { notice?: Notice } | null;
  return state?.notice ?? null;
}
