/** The card's conflict forecast: "conflicts with <session> in 2 files" or "conflicts with main". */
export function ConflictBadge(_props: { id: string }) {
  return null;
}
