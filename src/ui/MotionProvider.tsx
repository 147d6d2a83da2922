import type { ReactNode } from 'react';
import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion';

/**
 * framer-motion for the animated parts: `m` components only (LazyMotion, strict) with the DOM animation features,
 * and the user's reduced-motion preference honoured by every animation. It lives in the lazily loaded packet
 * layer's chunk, so none of framer-motion is in the first-paint bundle.
 */
export function MotionProvider({ children }: { children: ReactNode }) {
  return (
    <LazyMotion features={domAnimation} strict>
      <MotionConfig reducedMotion="user">{children}</MotionConfig>
    </LazyMotion>
  );
}
