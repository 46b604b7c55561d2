/** Flotilla's mark: three sails on a line of water (inline SVG: no emoji font needed). */
export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="logo">
      <path d="M6 22 L13 6 L13 22 Z" fill="var(--accent)" />
      <path d="M15 22 L21 9 L21 22 Z" fill="var(--st-idle)" />
      <path d="M23 22 L27 13 L27 22 Z" fill="var(--st-waiting)" />
      <path d="M3 25 Q9 28 16 25 T29 25" stroke="var(--text-dim)" strokeWidth="2" fill="none" strokeLinecap="round" />
    </svg>
  );
}
