/**
 * Inline SVG icons (no icon font, no emoji: the test Chromium has no emoji font). Always paired with text; the
 * icon itself is hidden from assistive technology.
 */
export type IconName = 'lock' | 'unlock' | 'play' | 'pause' | 'next' | 'prev' | 'start' | 'end' | 'key' | 'certificate' | 'eye' | 'shield' | 'none';

const PATHS: Readonly<Record<Exclude<IconName, 'none'>, string>> = {
  lock: 'M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h1zm2 0h6V7a3 3 0 0 0-6 0v3zm3 4a1.5 1.5 0 0 0-1 2.6V18h2v-1.4a1.5 1.5 0 0 0-1-2.6z',
  unlock: 'M7 10V7a5 5 0 0 1 9.8-1.4l-1.9.6A3 3 0 0 0 9 7v3h9a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h1zm5 4a1.5 1.5 0 0 0-1 2.6V18h2v-1.4a1.5 1.5 0 0 0-1-2.6z',
  play: 'M7 4.5v15l13-7.5z',
  pause: 'M6 4h4v16H6zm8 0h4v16h-4z',
  next: 'M5 4.5v15l10-7.5zM16 4h3v16h-3z',
  prev: 'M19 4.5v15L9 12zM5 4h3v16H5z',
  start: 'M4 4h3v16H4zm4 8 8-7.5v15zm7 0 6-7.5v15z',
  end: 'M17 4h3v16h-3zm-1 8L8 4.5v15zm-7 0L3 4.5v15z',
  key: 'M14 3a7 7 0 0 0-6.7 9.1L2 17.4V22h4.6l1-1v-2h2v-2h2l.9-.9A7 7 0 1 0 14 3zm2 3.5A1.5 1.5 0 1 1 16 9.5a1.5 1.5 0 0 1 0-3z',
  certificate: 'M4 3h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-5v2l-3-1.5L9 18v-2H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm3 4v2h10V7zm0 4v2h6v-2z',
  eye: 'M12 5c5 0 9 4.5 10 7-1 2.5-5 7-10 7S3 14.5 2 12c1-2.5 5-7 10-7zm0 3.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z',
  shield: 'M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5z',
};

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  if (name === 'none') return null;
  return (
    <svg className={className ? `icon ${className}` : 'icon'} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
