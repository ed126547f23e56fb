import { Heading } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';

/** A part of a case page: a section named by its own level-2 heading. */
export function Sectie({ id, titel, className, children }: { id: string; titel: string; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-kop`} className={className}>
      <Heading level={2} id={`${id}-kop`}>
        {titel}
      </Heading>
      {children}
    </section>
  );
}
