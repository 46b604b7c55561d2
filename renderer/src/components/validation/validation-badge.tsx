/** The card's validation badge: running, passed, or failed naming the validator. */
export function ValidationBadge(_props: { id: string }) {
  return null;
}
